"""Keep mpquiz's gettext catalogs up to date (`make i18n`), with Babel.

The catalogs live in src/mpquiz/locale/<lang>/LC_MESSAGES/mpquiz.po, one per language.
mpquiz's own messages are looked up by stable keys ("review.done"); English is the source
catalog (en/mpquiz.po), written by whoever adds a message. The other languages translate
it: their template (mpquiz.pot) holds every key with its English text as a comment, plus
the English messages of Click and Typer (the command line's own errors and help headings),
extracted from the installed packages.

    python tools/i18n.py update        # extract, update every language, compile .mo files
    python tools/i18n.py init fr       # start a new language from the template
    python tools/i18n.py add KEY --en TEXT --es TEXT
        [--en-plural TEXT --es-plural TEXT --count FIELD]
    python tools/i18n.py check         # what the tests check: complete, not fuzzy, fields

`add` holds a lock on the catalogs, so several people (or scripts) may add at once.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import io
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "mpquiz"
LOCALE = SRC / "locale"
DOMAIN = "mpquiz"
SOURCE_LANG = "en"
KEY = re.compile(r"^[a-z_0-9]+(\.[a-z_0-9]+)+$")
BRACE = "python-brace-format"
CLI_COMMENT = "Click/Typer:"

# The calls whose first argument is a message key, for the extraction from mpquiz's code.
KEY_CALLS = frozenset({"t", "h", "say", "Note", "AnswerError", "Refusal", "N_"})
# keyed(ErrorClass, "key", ...): the key is the second argument.
SECOND_ARGUMENT_KEY_CALLS = frozenset({"keyed"})

# The modules of the command line's libraries whose messages a learner can see: parse
# errors, help headings, prompts. Their msgids are English and need no English catalog.
CLI_LIBRARY_MODULES = (
    "click/core.py",
    "click/decorators.py",
    "click/exceptions.py",
    "click/formatting.py",
    "click/parser.py",
    "click/types.py",
    "click/termui.py",
    "click/utils.py",
    "typer/core.py",
)


def po_path(lang: str) -> Path:
    """The .po file of `lang`."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """Every language with a catalog, English first."""
    found = sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return sorted(found, key=lambda lang: lang != SOURCE_LANG)


def read(lang: str) -> Catalog:
    """The catalog of `lang`, as its .po file holds it."""
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def write(catalog: Catalog, lang: str) -> None:
    """Write `catalog` to the .po of `lang` (whole, through a temporary file)."""
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, omit_header=False, include_previous=False)
    tmp = path.with_suffix(".po.tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)


def compile_mo(lang: str) -> Path:
    """Compile the .po of `lang` into its .mo (fuzzy entries left out)."""
    catalog = read(lang)
    path = po_path(lang).with_suffix(".mo")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    path.write_bytes(buffer.getvalue())
    return path


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """Hold the catalogs' lock (one writer at a time)."""
    LOCALE.mkdir(parents=True, exist_ok=True)
    with (LOCALE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def new_catalog(lang: str) -> Catalog:
    """An empty catalog of `lang`, with mpquiz's header."""
    from mpquiz import __version__

    return Catalog(
        locale=lang,
        domain=DOMAIN,
        project="mpquiz",
        version=__version__,
        copyright_holder="mpquiz",
        msgid_bugs_address="",
        fuzzy=False,
    )


def english_of(message: Message) -> str:
    """The English text of an English catalog entry, as one string (plural forms joined)."""
    if isinstance(message.string, tuple | list):
        return " | ".join(message.string)
    return message.string or ""


def keys_in_code() -> dict[str, list[tuple[str, int]]]:
    """Every message key written literally in mpquiz's code, with where it is used: the
    first argument of the calls in KEY_CALLS, both branches of `a if c else b` included
    (Babel's extractor would join those into one string)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SECOND_ARGUMENT_KEY_CALLS and len(node.args) > 1:
                argument = node.args[1]
            elif name in KEY_CALLS:
                argument = node.args[0]
            else:
                continue
            for key in _literals(argument):
                if KEY.match(key):
                    where = (str(path.relative_to(SRC)), node.lineno)
                    found.setdefault(key, []).append(where)
    return found


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def cli_library_messages() -> list[tuple[str | tuple[str, str], str]]:
    """The English messages of Click and Typer that mpquiz's command line can show."""
    import click

    site = Path(click.__file__).resolve().parents[1]
    seen: dict[str | tuple[str, str], str] = {}
    for module in CLI_LIBRARY_MODULES:
        for lineno, message, _comments, _context in extract_from_file(
            "python", site / module, keywords={"_": None, "ngettext": (1, 2)}
        ):
            seen.setdefault(message, f"{module}:{lineno}")
    return list(seen.items())


def template() -> Catalog:
    """The template every translation follows: the English keys, then Click's and Typer's."""
    english = read(SOURCE_LANG)
    pot = new_catalog(SOURCE_LANG)
    pot.locale = None
    for message in english:
        if not message.id:
            continue
        pot.add(message.id, None, auto_comments=[english_of(message)], flags=[BRACE])
    for msgid, where in cli_library_messages():
        if msgid not in pot:
            pot.add(msgid, None, auto_comments=[f"{CLI_COMMENT} {where}"])
    return pot


def update() -> int:
    """Extract, update every language from the template, and compile. Returns problems."""
    with locked():
        english = read(SOURCE_LANG)
        used = keys_in_code()
        added = [key for key in sorted(used) if key not in english]
        for key in added:
            english.add(key, "", flags=[BRACE])
        if added:
            write(english, SOURCE_LANG)
            print(f"en: {len(added)} key(s) used in the code had no English text: {added}")
        pot = template()
        for lang in languages():
            if lang == SOURCE_LANG:
                continue
            catalog = read(lang)
            was = {m.id: _english_comment(m) for m in catalog if m.id}
            catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
            for message in catalog:
                # English changed since this was translated: the translation needs a look.
                old = was.get(message.id)
                if message.string and old is not None and old != _english_comment(message):
                    message.flags.add("fuzzy")
            catalog.obsolete.clear()
            write(catalog, lang)
        for lang in languages():
            compile_mo(lang)
    problems = check()
    unused = sorted(set(read(SOURCE_LANG)._messages) - set(used) - {""})
    print(f"{len(used)} keys used literally in the code; {len(unused)} more built at run time")
    return problems


def _english_comment(message: Message) -> str:
    """The English a translation was made from, as its comment holds it. Click's and
    Typer's messages are their own English: their comment only says where they are,
    and a new release moving them is no change to translate."""
    flat = _flat(message.auto_comments)
    return "" if flat.startswith(CLI_COMMENT) else flat


def _flat(comments: list[str]) -> str:
    """Comments as one line (a .po file wraps long ones)."""
    return " ".join(" ".join(comments).split())


def fields(text: str) -> set[str]:
    """The names of the str.format fields in `text` ("{n}", "{name!r}" give "n", "name")."""
    names: set[str] = set()
    with contextlib.suppress(ValueError):
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None:
                names.add(re.split(r"[.\[]", name)[0])
    return names


def problems_of(lang: str) -> list[str]:
    """What is wrong in the catalog of `lang`: missing, empty, fuzzy, fields that differ."""
    english = {m.id: m for m in read(SOURCE_LANG) if m.id}
    catalog = read(lang)
    found: list[str] = []
    expected: dict[object, Message] = dict(english)
    if lang != SOURCE_LANG:
        for msgid, _ in cli_library_messages():
            expected.setdefault(msgid, Message(msgid, msgid))
    for msgid, source in expected.items():
        name = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(msgid)
        if message is None:
            found.append(f"{lang}: {name}: missing")
            continue
        if "fuzzy" in message.flags:
            found.append(f"{lang}: {name}: fuzzy (check it against the English, then unmark)")
        forms = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(forms):
            found.append(f"{lang}: {name}: no translation")
            continue
        source_forms = source.string
        if isinstance(source_forms, tuple | list):
            # Plural forms may each leave out a field (Click's "Did you mean {possibility}?"
            # and "(Possible options: {possibilities})"), but together they keep them all.
            want = set().union(*(fields(s) for s in source_forms))
            have = set().union(*(fields(f) for f in forms))
            extra = [f for f in forms if not fields(f) <= want]
            if have != want or extra:
                found.append(f"{lang}: {name}: fields {sorted(have)}, want {sorted(want)}")
            continue
        want = fields(source_forms or "")
        for form in forms:
            # Click's messages may leave out a field whose value is English only
            # ("{number_type}" is "integer range"); mpquiz's own keep every field.
            if fields(form) != want and not (msgid not in english and fields(form) <= want):
                found.append(f"{lang}: {name}: fields {sorted(fields(form))}, want {sorted(want)}")
    return found


def check() -> int:
    """Print every catalog problem; the number found."""
    found = [p for lang in languages() for p in problems_of(lang)]
    for problem in found:
        print(problem)
    return len(found)


def add(key: str, texts: dict[str, str], plurals: dict[str, str], count: str | None) -> None:
    """Add (or replace) the message `key` in the languages given, then compile; with
    `plurals`, a counted message whose field `count` picks the form."""
    if not KEY.match(key):
        raise SystemExit(f"{key!r} is no message key (lower-case words joined by dots)")
    with locked():
        for lang in languages():
            if lang not in texts:
                continue
            catalog = read(lang)
            english = texts.get(SOURCE_LANG, "")
            if SOURCE_LANG in plurals:  # as template() writes it: the forms joined
                english = f"{english} | {plurals[SOURCE_LANG]}"
            comments = [] if lang == SOURCE_LANG else [english]
            if lang in plurals:
                # One form for one, the plural for every other form the language has.
                others = (plurals[lang],) * (catalog.num_plurals - 1)
                string_: str | tuple[str, ...] = (texts[lang], *others)
                msgid: str | tuple[str, str] = (key, count or "count")
            else:
                string_, msgid = texts[lang], key
            if key in catalog:
                catalog.delete(key)
            catalog.add(msgid, string_, auto_comments=comments, flags=[BRACE])
            write(catalog, lang)
            compile_mo(lang)


def init(lang: str) -> None:
    """Start the catalog of a new language from the template (every entry untranslated)."""
    if po_path(lang).exists():
        raise SystemExit(f"{po_path(lang)} exists already")
    with locked():
        catalog = new_catalog(lang)
        catalog.update(template(), no_fuzzy_matching=True)
        write(catalog, lang)
    print(f"{po_path(lang)}: translate every msgstr, then run `make i18n`")


def main(argv: list[str] | None = None) -> int:
    """The command line of this tool."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract, update every language, compile")
    sub.add_parser("check", help="report missing, fuzzy or mismatched translations")
    p_init = sub.add_parser("init", help="start a new language")
    p_init.add_argument("lang")
    p_add = sub.add_parser("add", help="add or replace one message")
    p_add.add_argument("key")
    for lang in ("en", "es"):
        p_add.add_argument(f"--{lang}", required=True)
        p_add.add_argument(f"--{lang}-plural")
    p_add.add_argument("--count", help="the field that counts, in a plural message")
    args = parser.parse_args(argv)
    if args.command == "update":
        return 1 if update() else 0
    if args.command == "check":
        return 1 if check() else 0
    if args.command == "init":
        init(args.lang)
        return 0
    texts = {lang: getattr(args, lang) for lang in ("en", "es")}
    plurals = {
        lang: getattr(args, f"{lang}_plural")
        for lang in ("en", "es")
        if getattr(args, f"{lang}_plural")
    }
    if plurals and (set(plurals) != set(texts) or not args.count):
        raise SystemExit("a plural message needs --en-plural, --es-plural and --count")
    add(args.key, texts, plurals, args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
