"""Load a pack folder into core models, collecting every problem rather than the first."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mpquiz.core.model import Kind, MatchRule, NumericKey, Option, Pack, Question, Text
from mpquiz.core.outputs import matches
from mpquiz.packs.code import regions
from mpquiz.packs.problems import PackErrors, PackProblem
from mpquiz.packs.schema import KIND_MODELS, PackFile, QuestionBase

_TOML_LINE = re.compile(r"at line (\d+)")
MAX_FILE_BYTES = 4 * 1024 * 1024


def load_pack(root: Path, *, demos_dir: Path | None = None, builtin: bool = False) -> Pack:
    """Load and validate the pack in `root` (pack.toml, questions/*.toml, demos/).

    Raises:
        PackErrors: with every problem found.
    """
    loader = _Loader(root, demos_dir or root / "demos")
    pack = loader.load(builtin)
    if loader.problems:
        raise PackErrors(loader.problems)
    assert pack is not None
    return pack


class _Loader:
    def __init__(self, root: Path, demos_dir: Path) -> None:
        self.root = root
        self.demos_dir = demos_dir
        self.problems: list[PackProblem] = []
        self.languages: tuple[str, ...] = ("es", "en")
        self._region_cache: dict[str, set[str] | None] = {}

    def problem(self, file: Path | str, message: str, **where: Any) -> None:
        name = file if isinstance(file, str) else self._rel(file)
        self.problems.append(PackProblem(name, message, **where))

    def _rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def _read_toml(self, path: Path) -> tuple[dict[str, Any] | None, str]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(path, f"cannot read: {exc.strerror or exc}")
            return None, ""
        if len(raw) > MAX_FILE_BYTES:
            self.problem(path, f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB")
            return None, ""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(path, f"not valid UTF-8 (byte {exc.start})")
            return None, ""
        try:
            return tomllib.loads(text), text
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            self.problem(path, f"invalid TOML: {exc}", line=int(found.group(1)) if found else None)
            return None, text

    def load(self, builtin: bool) -> Pack | None:
        if not self.root.is_dir():
            self.problem(str(self.root), "not a folder")
            return None
        meta_path = self.root / "pack.toml"
        if not meta_path.is_file():
            self.problem(meta_path, "missing: a pack needs a pack.toml")
            return None
        data, _ = self._read_toml(meta_path)
        if data is None:
            return None
        try:
            meta = PackFile.model_validate(data)
        except ValidationError as exc:
            self._report(meta_path, exc, None, "")
            return None
        self.languages = tuple(meta.pack.languages)
        title = self.text(meta.pack.title, meta_path, None, "pack.title")
        topics = {
            tid: self.text(t, meta_path, None, f"topics.{tid}") for tid, t in meta.topics.items()
        }
        questions = self._load_questions(set(topics), meta_path)
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

    def _load_questions(self, topics: set[str], meta_path: Path) -> list[Question]:
        qdir = self.root / "questions"
        files = sorted(qdir.glob("*.toml")) if qdir.is_dir() else []
        if not files:
            self.problem(qdir, "no question files (questions/*.toml)")
        seen: dict[str, str] = {}
        out: list[Question] = []
        for path in files:
            data, text = self._read_toml(path)
            if data is None:
                continue
            unknown = sorted(set(data) - {"question"})
            for key in unknown:
                self.problem(
                    path, "unknown top-level key; questions go in [[question]] tables", field=key
                )
            tables = data.get("question", [])
            if not isinstance(tables, list):
                self.problem(path, "must be an array of tables: [[question]]", field="question")
                continue
            for table in tables:
                question = self._question(path, text, table, topics, len(out))
                if question is None:
                    continue
                if question.qid in seen:
                    self.problem(
                        path,
                        f"duplicate id (first in {seen[question.qid]})",
                        qid=question.qid,
                        field="id",
                        line=_line_of_id(text, question.qid),
                    )
                    continue
                seen[question.qid] = self._rel(path)
                out.append(question)
        return out

    def _question(
        self, path: Path, text: str, table: Any, topics: set[str], position: int
    ) -> Question | None:
        if not isinstance(table, dict):
            self.problem(path, "each [[question]] must be a table", field="question")
            return None
        qid = table.get("id") if isinstance(table.get("id"), str) else None
        line = _line_of_id(text, qid) if qid else None
        before = len(self.problems)
        try:
            QuestionBase.model_validate(table)
        except ValidationError as exc:
            self._report(path, exc, qid, text, line)
        kind = table.get("kind")
        model = KIND_MODELS.get(kind) if isinstance(kind, str) else None
        parsed = None
        if model is not None:
            try:
                parsed = model.model_validate(table)
            except ValidationError as exc:
                self._report(
                    path,
                    exc,
                    qid,
                    text,
                    line,
                    skip={"id", "kind", "topic", "prompt", "demo", "explain"},
                )
        if parsed is None or len(self.problems) > before:
            self._common_checks(path, line, qid, table, topics)
            return None
        return self._build(path, line, parsed.model_dump(), topics, position)

    def _common_checks(
        self,
        path: Path,
        line: int | None,
        qid: str | None,
        table: dict[str, Any],
        topics: set[str],
        *,
        texts: bool = True,
    ) -> None:
        """Checks that need no valid kind, so a broken question still gets them all."""
        where = {"qid": qid, "line": line}
        topic, demo = table.get("topic"), table.get("demo")
        if isinstance(topic, str) and topic not in topics:
            self.problem(
                path,
                f"unknown topic (declared: {', '.join(sorted(topics))})",
                field="topic",
                **where,
            )
        if isinstance(demo, str) and not (self.demos_dir / demo).is_file():
            self.problem(
                path, f"demo file not found in {self._rel(self.demos_dir)}", field="demo", **where
            )
        for name in ("prompt", "explain") if texts else ():
            if isinstance(table.get(name), dict):
                self.text(table[name], path, qid, name, line)

    def _report(
        self,
        path: Path,
        exc: ValidationError,
        qid: str | None,
        text: str,
        line: int | None = None,
        skip: set[str] | None = None,
    ) -> None:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            if skip and err["loc"] and str(err["loc"][0]) in skip:
                continue
            self.problem(path, _friendly(err), qid=qid, field=loc or None, line=line)

    def text(
        self, value: Any, path: Path, qid: str | None, field: str, line: int | None = None
    ) -> Text:
        if isinstance(value, str):
            return Text({self.languages[0]: value})
        missing = [lang for lang in self.languages if not value.get(lang)]
        extra = [lang for lang in value if lang not in self.languages]
        if missing:
            self.problem(
                path, f"missing language(s): {', '.join(missing)}", qid=qid, field=field, line=line
            )
        if extra:
            self.problem(
                path,
                f"language(s) not declared in pack.toml: {', '.join(extra)}",
                qid=qid,
                field=field,
                line=line,
            )
        return Text({lang: value[lang] for lang in self.languages if value.get(lang)})

    def _build(
        self, path: Path, line: int | None, d: dict[str, Any], topics: set[str], position: int
    ) -> Question | None:
        qid = d["id"]
        before = len(self.problems)

        def where(field: str) -> dict[str, Any]:
            return {"qid": qid, "field": field, "line": line}

        def loc(value: Any, field: str) -> Text:
            return self.text(value, path, qid, field, line)

        self._common_checks(path, line, qid, d, topics, texts=False)
        demo_path = self.demos_dir / d["demo"]
        if d.get("evidence"):
            try:
                re.compile(d["evidence"])
            except re.error as exc:
                self.problem(path, f"invalid regular expression: {exc}", **where("evidence"))
        kind = Kind(d["kind"])
        code = d.get("code") or ("all" if kind is Kind.PREDICT else "none")
        if code not in ("all", "none") and demo_path.is_file():
            names = self._regions(demo_path)
            if names is not None and code not in names:
                self.problem(
                    path,
                    f"no region '{code}' in {d['demo']} (found: "
                    f"{', '.join(sorted(names)) or 'none'})",
                    **where("code"),
                )
        options: tuple[Option, ...] = ()
        answer = None
        if kind is Kind.CHOICE:
            options = tuple(
                Option(
                    loc(o["text"], f"options.{i}.text"),
                    o["correct"],
                    loc(o["feedback"], f"options.{i}.feedback") if o.get("feedback") else None,
                )
                for i, o in enumerate(d["options"])
            )
            if not any(o.correct for o in options):
                self.problem(path, "no option has correct = true", **where("options"))
        elif kind is Kind.NUMERIC:
            answer = self._numeric_key(d["answer"], path, where("answer"))
        elif kind is Kind.PREDICT:
            self._check_candidates(d, path, where("candidates"))
        question = Question(
            qid=qid,
            pack_id="",
            topic=d["topic"],
            kind=kind,
            prompt=loc(d["prompt"], "prompt"),
            demo=d["demo"],
            explain=loc(d["explain"], "explain"),
            position=position,
            args=tuple(d.get("args") or ()),
            code=code,
            evidence=d.get("evidence"),
            varies=bool(d.get("varies")),
            timeout=d.get("timeout"),
            options=options,
            answer=answer,
            unit=loc(d["unit"], "unit") if d.get("unit") else None,
            match=MatchRule(d.get("match", "exact")),
            expected=d.get("expected", ""),
            candidates=tuple(d.get("candidates") or ()),
            model_answer=loc(d["model_answer"], "model_answer") if d.get("model_answer") else None,
            key_points=tuple(
                loc(k, f"key_points.{i}") for i, k in enumerate(d.get("key_points") or ())
            ),
            source=path.relative_to(self.root).as_posix() + (f":{line}" if line else ""),
        )
        return question if len(self.problems) == before else None

    def _regions(self, demo_path: Path) -> set[str] | None:
        key = str(demo_path)
        if key not in self._region_cache:
            try:
                self._region_cache[key] = set(regions(demo_path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                self._region_cache[key] = None
        return self._region_cache[key]

    def _numeric_key(self, raw: Any, path: Path, where: dict[str, Any]) -> NumericKey | None:
        if isinstance(raw, int | float):
            return NumericKey(value=float(raw))
        if raw["value"] is None and raw["min"] is None and raw["max"] is None:
            self.problem(path, "give value, or min and/or max", **where)
            return None
        if raw["value"] is not None and (raw["min"] is not None or raw["max"] is not None):
            self.problem(path, "give either value (with tolerance) or min/max, not both", **where)
        if raw["min"] is not None and raw["max"] is not None and raw["min"] > raw["max"]:
            self.problem(path, "min is greater than max", **where)
        return NumericKey(**raw)

    def _check_candidates(self, d: dict[str, Any], path: Path, where: dict[str, Any]) -> None:
        candidates = d.get("candidates") or []
        if not candidates:
            return
        rule = MatchRule(d.get("match", "exact"))
        fitting = [c for c in candidates if matches(rule, d["expected"], c)]
        if len(fitting) != 1:
            self.problem(
                path, f"exactly one candidate must match expected ({len(fitting)} do)", **where
            )


def _line_of_id(text: str, qid: str | None) -> int | None:
    if not qid:
        return None
    pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(qid) + r"[\"']", re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _friendly(err: Any) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}; got {err.get('input')!r}"
    if kind == "string_pattern_mismatch":
        return f"invalid value {err.get('input')!r}"
    return str(err["msg"]).rstrip(".")
