"""Load a pack folder into core models, collecting every problem rather than the first."""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mpquiz import paths
from mpquiz.core import collector
from mpquiz.core.model import ExerciseQuestion, Pack, Question, Text
from mpquiz.core.verdict import Note
from mpquiz.packs import hints
from mpquiz.packs.archive import LINK_HINT, unsafe_entries
from mpquiz.packs.code import regions
from mpquiz.packs.locate import QuestionLines, line_of_id, pack_field_line
from mpquiz.packs.problems import PackErrors, PackProblem, both
from mpquiz.packs.pydantic_problems import issues
from mpquiz.packs.question_build import build_question
from mpquiz.packs.question_site import QuestionSite, check_region, is_file
from mpquiz.packs.schema import KIND_MODELS, AnyKindFields, PackFile, QuestionBase
from mpquiz.packs.toml_read import read_toml

LANGUAGES = ("es", "en")
_DEMO_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}\.py")


def load_pack(
    root: Path,
    *,
    demos_dir: Path | None = None,
    builtin: bool = False,
    warnings: list[PackProblem] | None = None,
) -> Pack:
    """Load and validate the pack in `root` (pack.toml, questions/*.toml, and its demos:
    `demos_dir`, default paths.pack_demos_dir).

    `warnings`, when given, receives what is valid but worth fixing: a question that
    does not say what in its demo's output proves its key.

    Raises:
        PackErrors: with every problem found.
    """
    loader = _Loader(root, demos_dir or paths.pack_demos_dir(root))
    with collector.held():  # everything it makes lives until it returns
        pack = loader.load(builtin)
    if loader.problems or pack is None:
        raise PackErrors(loader.problems or [PackProblem(str(root), Note("pack.problem.invalid"))])
    if warnings is not None:
        warnings.extend(_unproved(root, pack))
    return pack


def _unproved(root: Path, pack: Pack) -> list[PackProblem]:
    """A warning for each question whose key no proof ties to its demo's output (an
    exercise's checks are its proof)."""
    found = []
    for q in pack.questions:
        if q.effective_proof is None and not isinstance(q, ExerciseQuestion):
            file, _, line = q.source.partition(":")
            found.append(
                PackProblem(
                    str(root / file),
                    Note("pack.problem.no_proof"),
                    qid=q.qid,
                    field="proof",
                    line=int(line) if line.isdigit() else None,
                    hint_note=Note("pack.hint.no_proof"),
                )
            )
    return found


class _Loader:
    def __init__(self, root: Path, demos_dir: Path) -> None:
        self.root = root
        self.demos_dir = demos_dir
        self.problems: list[PackProblem] = []
        self.languages: tuple[str, ...] = LANGUAGES
        self._demos: list[str] | None = None
        self._demo_usable: dict[str, bool | None] = {}
        self._regions: dict[Path, set[str] | None] = {}
        self.unsafe: dict[Path, Note] = {}
        self.pack_id = ""

    def problem(
        self,
        file: Path | str,
        message: Note,
        *,
        qid: str | None = None,
        field: str | None = None,
        line: int | None = None,
        hint: Note | None = None,
    ) -> None:
        name = file if isinstance(file, str) else self.rel(file)
        self.problems.append(PackProblem(name, message, qid, field, line, hint))

    def rel(self, path: Path) -> str:
        # The path as the author gave it (relative to where mpquiz runs, or absolute), so
        # editors and CI annotations find the file.
        return str(path)

    def demo_names(self) -> list[str]:
        """The demo files present, for hints."""
        if self._demos is None:
            try:
                found = sorted(p.name for p in self.demos_dir.glob("*.py") if p.is_file())
            except OSError:
                found = []
            self._demos = found
        return self._demos

    def demo_usable(self, name: str) -> bool | None:
        """True when demos/`name` is a file, False when not, None when it is unsafe
        (reported already); looked at once per load, however many questions name it."""
        if name not in self._demo_usable:
            path = self.demos_dir / name
            self._demo_usable[name] = None if self.refused(path) else is_file(path)
        return self._demo_usable[name]

    def region_names(self, path: Path) -> set[str] | None:
        """The regions a demo file marks, None when it is not a readable file (read once
        per load)."""
        if path not in self._regions:
            try:
                found = set(regions(path.read_text(encoding="utf-8"))) if is_file(path) else None
            except (OSError, UnicodeDecodeError):
                found = None  # an unreadable demo is reported by whoever runs it
            self._regions[path] = found
        return self._regions[path]

    def refused(self, path: Path) -> bool:
        """True for an unsafe entry (reported already) or anything reached through one."""
        return any(path == bad or bad in path.parents for bad in self.unsafe)

    def _check_entries(self) -> None:
        """Report every link or special file a copy of the pack must not take."""
        self.unsafe = unsafe_entries(self.root)
        for path, why in self.unsafe.items():
            self.problem(path, why, hint=LINK_HINT)

    def _read_toml(self, path: Path) -> tuple[dict[str, Any] | None, str]:
        if self.refused(path):
            return None, ""  # never read through a link that leaves the pack
        data, text, trouble = read_toml(path)
        if trouble is not None:
            self.problem(path, trouble.message, line=trouble.line, hint=trouble.hint)
        return data, text

    def load(self, builtin: bool) -> Pack | None:
        if not self.root.is_dir():
            self.problem(
                str(self.root), Note("pack.problem.not_folder"), hint=Note("pack.hint.give_folder")
            )
            return None
        self._check_entries()
        meta_path = self.root / "pack.toml"
        if not meta_path.is_file() and not self.refused(meta_path):
            self.problem(meta_path, Note("pack.problem.no_pack_toml"), hint=self._new_hint())
            return None
        data, text = self._read_toml(meta_path)
        if data is None:
            self._load_questions(None)  # still report what is wrong with the questions
            return None
        try:
            meta = PackFile.model_validate(data)
        except ValidationError as exc:
            for issue in issues(exc.errors(), scope="pack"):
                self.problem(
                    meta_path,
                    issue.message,
                    field=issue.field,
                    line=pack_field_line(text, issue.field),
                    hint=issue.hint,
                )
            self._salvage(data, meta_path, text)
            self._load_questions(_topic_ids(data))
            return None
        self.languages = tuple(meta.pack.languages)
        self.pack_id = meta.pack.id
        title, topics = self._meta_texts(meta.pack.title, meta.topics, meta_path, text)
        questions = in_study_order(self._load_questions(set(topics)), list(topics), meta.pack.id)
        return Pack(
            id=meta.pack.id,
            version=meta.pack.version,
            title=title,
            languages=self.languages,
            topics=topics,
            questions=tuple(questions),
            root=str(self.root),
            demos_dir=str(self.demos_dir),
            authors=tuple(meta.pack.authors),
            license=meta.pack.license,
            demo_timeout=meta.pack.demo_timeout,
            builtin=builtin,
        )

    def _new_hint(self) -> Note:
        """How to start a pack here: in this very folder when it is empty."""
        if not any(self.root.iterdir()):
            return Note("pack.hint.new_here", {"folder": shlex.quote(str(self.root))})
        return Note("pack.hint.new_elsewhere")

    def _meta_texts(
        self, title: Any, topics: dict[str, Any], path: Path, text: str
    ) -> tuple[Text, dict[str, Text]]:
        """The pack's title and topic titles (a title of None is not checked), checked
        against its languages."""
        line = pack_field_line(text, "pack.title")
        shown = Text({}) if title is None else self.text(title, path, None, "pack.title", line)
        return shown, {
            tid: self.text(t, path, None, f"topics.{tid}", pack_field_line(text, f"topics.{tid}"))
            for tid, t in topics.items()
        }

    def _salvage(self, data: dict[str, Any], path: Path, text: str) -> None:
        """Check what is usable of a pack.toml that failed, so every problem is found."""
        meta = data.get("pack")
        langs = meta.get("languages") if isinstance(meta, dict) else None
        if isinstance(langs, list) and langs and all(lang in LANGUAGES for lang in langs):
            self.languages = tuple(langs)
        title = meta.get("title") if isinstance(meta, dict) else None
        found = data.get("topics")
        topics: dict[str, Any] = found if isinstance(found, dict) else {}
        texts = {k: v for k, v in topics.items() if isinstance(v, dict | str)}
        self._meta_texts(title if isinstance(title, dict | str) else None, texts, path, text)

    def _load_questions(self, topics: set[str] | None) -> list[Question]:
        qdir = self.root / "questions"
        try:
            files = sorted(qdir.glob("*.toml")) if qdir.is_dir() else []
        except OSError:
            files = []
        if not files:
            self.problem(
                qdir, Note("pack.problem.no_question_files"), hint=Note("pack.hint.question_file")
            )
        seen: dict[str, str] = {}
        out: list[Question] = []
        for path in files:
            data, text = self._read_toml(path)
            if data is None:
                continue
            for key in sorted(set(data) - {"question"}):
                self.problem(
                    path,
                    Note("pack.problem.unknown_top_key"),
                    field=key,
                    hint=hints.did_you_mean(key, ["question"]),
                )
            tables = data.get("question", [])
            if not isinstance(tables, list):
                self.problem(
                    path,
                    Note("pack.problem.not_array_of_tables"),
                    field="question",
                    line=pack_field_line(text, "question"),
                    hint=Note("pack.hint.two_brackets"),
                )
                continue
            lines = QuestionLines(text, len(tables))
            name, source = self.rel(path), path.relative_to(self.root).as_posix()
            for index, table in enumerate(tables):
                site = QuestionSite(self, path, lines, index, source)
                question = self._question(site, text, table, topics, len(out))
                if site.qid is not None and site.qid in seen:
                    site.problem(
                        Note("pack.problem.duplicate_id", {"first": seen[site.qid]}),
                        "id",
                        Note("pack.hint.rename_one"),
                    )
                    continue
                if site.qid is not None:
                    seen[site.qid] = name
                if question is not None:
                    out.append(question)
        return out

    def _question(
        self, site: QuestionSite, text: str, table: Any, topics: set[str] | None, position: int
    ) -> Question | None:
        if not isinstance(table, dict):
            site.problem(Note("pack.problem.question_not_table"), "question")
            return None
        qid = table.get("id")
        if isinstance(qid, str):
            site.qid = qid
            # The `id =` line inside this question's table; searching the whole file by
            # value would find the first of two duplicates.
            site.id_line = site.lines.field(site.index, "id")
            if site.id_line is None and len(qid) <= 200:
                site.id_line = line_of_id(text, qid)
        kind = table.get("kind")
        model = KIND_MODELS.get(kind) if isinstance(kind, str) else None
        if model is not None:
            # A valid question passes its kind's model, which checks QuestionBase's fields
            # alike (tests/packs/test_schema.py): what follows only finds the problems.
            try:
                return build_question(site, model.model_validate(table).model_dump(), topics,
                                      position)  # fmt: skip
            except ValidationError:
                pass
        before = len(self.problems)
        try:
            QuestionBase.model_validate(table)
        except ValidationError as exc:
            self._report(site, exc, kind)
        if model is None:
            # Without a kind the kind's model cannot say which fields are unknown: a field
            # no kind takes is unknown whatever the kind, and said now with the rest.
            for name in table:
                if name not in hints.ALL_QUESTION_FIELDS:
                    message, hint = hints.unknown_question_field(name, None)
                    site.problem(message, name, hint)
        parsed = None
        try:
            # Without a valid kind, the shared fields (args, timeout, varies...) are still
            # checked, so fixing the kind does not reveal a second round of problems.
            parsed = (model or AnyKindFields).model_validate(table)
        except ValidationError as exc:
            self._report(site, exc, kind, skip=set(QuestionBase.model_fields))
        parsed = parsed if model is not None else None
        if parsed is None or len(self.problems) > before:
            self.common_checks(site, table, topics)
            return None
        return build_question(site, parsed.model_dump(), topics, position)

    def common_checks(
        self,
        site: QuestionSite,
        table: dict[str, Any],
        topics: set[str] | None,
        *,
        texts: bool = True,
    ) -> None:
        """Checks that need no valid kind, so a broken question still gets them all."""
        topic, demo = table.get("topic"), table.get("demo")
        if topics is not None and isinstance(topic, str) and topic not in topics:
            declared = ", ".join(sorted(topics))
            site.problem(
                Note("pack.problem.unknown_topic", {"topic": repr(topic), "declared": declared}),
                "topic",
                hints.topic_hint(topic, topics),
            )
        # Only a plain file name is looked up: never a path out of the demos folder.
        demo_name = demo if isinstance(demo, str) and _DEMO_NAME.fullmatch(demo) else None
        usable = self.demo_usable(demo_name) if demo_name else False
        if demo_name and usable is None:
            demo_name = demo = None  # an unsafe link, reported as such
        if isinstance(demo, str) and not usable:
            site.problem(
                Note("pack.problem.demo_not_found", {"folder": self.rel(self.demos_dir)}),
                "demo",
                hints.demo_hint(demo, self.demo_names()),
            )
        code = table.get("code")
        if demo_name and isinstance(code, str) and code not in ("all", "none"):
            check_region(site, self.demos_dir / demo_name, code, demo_name)
        for name in ("prompt", "explain") if texts else ():
            if isinstance(table.get(name), dict | str):
                site.text(table[name], name)

    def _report(
        self, site: QuestionSite, exc: ValidationError, kind: Any, skip: set[str] | None = None
    ) -> None:
        errors = [e for e in exc.errors() if not (skip and e["loc"] and str(e["loc"][0]) in skip)]
        known_kind = kind if isinstance(kind, str) else None
        for issue in issues(errors, scope="question", kind=known_kind, languages=self.languages):
            site.problem(issue.message, issue.field, issue.hint)

    def text(
        self,
        value: Any,
        path: Path,
        qid: str | None,
        field: str,
        line: int | Callable[[], int | None] | None = None,
    ) -> Text:
        """A localized text: a plain string, or a table holding every declared language.

        A text that is empty or only spaces, in any language, is a problem too. `line`
        may be a function that finds it, called only for a problem (most texts have none).
        """

        def where() -> dict[str, Any]:
            return {"qid": qid, "field": field, "line": line() if callable(line) else line}

        if isinstance(value, str):
            if not value.strip():
                empty = Note("pack.problem.empty_text")
                self.problem(path, empty, **where(), hint=Note("pack.hint.write_text"))
            return Text({self.languages[0]: value})
        missing: list[str] = []
        blank: list[str] = []
        for lang in self.languages:  # one pass: 10,000 questions have 40,000 texts
            given = value.get(lang)
            if given is None:
                missing.append(lang)
            elif isinstance(given, str) and not given.strip():
                blank.append(lang)
        if blank:
            empty = Note("pack.problem.empty_in", {"languages": ", ".join(blank)})
            self.problem(path, empty, **where(), hint=Note("pack.hint.write_text"))
        extra = [str(lang) for lang in value if lang not in self.languages]
        if missing:
            count = len(missing)
            entries = both([f'{lang} = "..."' for lang in missing])
            self.problem(
                path,
                Note(
                    "pack.problem.missing_languages",
                    {"count": count, "languages": ", ".join(missing)},
                ),
                **where(),
                hint=Note("pack.hint.add_languages", {"count": count, "entries": entries}),
            )
        if extra:
            self.problem(
                path,
                Note(
                    "pack.problem.undeclared_languages",
                    {"count": len(extra), "languages": ", ".join(extra)},
                ),
                **where(),
                hint=Note("pack.hint.declared_languages", {"languages": ", ".join(self.languages)}),
            )
        return Text({lang: value[lang] for lang in self.languages if value.get(lang)})


def _topic_ids(data: dict[str, Any]) -> set[str] | None:
    topics = data.get("topics")
    return {str(k) for k in topics} if isinstance(topics, dict) else None


def in_study_order(questions: list[Question], topics: list[str], pack_id: str) -> list[Question]:
    """Questions of pack `pack_id` by the order of their topic in [topics], then as they
    stand in the files (each given its pack and its place, in one copy).

    New questions come in this order, so a pack's first questions are its first topic's,
    whatever the question files are called.
    """
    rank = {topic: i for i, topic in enumerate(topics)}
    ordered = sorted(questions, key=lambda q: (rank.get(q.topic, len(rank)), q.position))
    return [
        q if q.position == i and q.pack_id == pack_id
        else dataclasses.replace(q, position=i, pack_id=pack_id)
        for i, q in enumerate(ordered)
    ]  # fmt: skip
