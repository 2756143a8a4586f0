"""`mpquiz pack validate`: check a pack, and with --run its keys by running its demos
(under mpquiz's own Python or another one, --python), its exercises, its recorded runs."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mpquiz.cli.context import h, services
from mpquiz.cli.output import to_json
from mpquiz.core.inert import inert
from mpquiz.i18n import error_text, t, words

if TYPE_CHECKING:
    from mpquiz.core.model import Pack
    from mpquiz.packs.manifest import Manifest
    from mpquiz.packs.problems import PackProblem
    from mpquiz.runner.interpreters import Interpreter
    from mpquiz.services import Services
    from mpquiz.session.keycheck import KeyReport


def _kinds(pack: Pack) -> str:
    counts: dict[str, int] = {}
    for q in pack.questions:
        counts[q.kind.value] = counts.get(q.kind.value, 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


@dataclass(frozen=True)
class RunUnder:
    """How --run runs the demos: which interpreter (None: mpquiz's own), which default
    start method (None: the platform's)."""

    python: Interpreter | None = None
    start_method: str | None = None

    @property
    def path(self) -> str | None:
        """The interpreter's path for runner.DemoSpec (None: mpquiz's own)."""
        return self.python.path if self.python is not None else None

    def describe(self) -> dict[str, object]:
        """The interpreter, as the JSON report gives it."""
        from mpquiz.runner.interpreters import describe

        found = self.python or describe(sys.executable)
        return found.to_dict() if found is not None else {"path": sys.executable}

    def words(self, lang: str) -> str:
        """ "The demos run under CPython 3.12.1 (PATH), start method spawn."."""
        from mpquiz.runner.interpreters import describe

        found = self.python or describe(sys.executable)
        label = found.label if found is not None else "Python"
        method = self.start_method or t("pack.validate.default_method", lang)
        path = found.path if found is not None else sys.executable
        return t("pack.validate.under", lang, python=label, path=path, method=method)


def _run_under(python: Path | None, start_method: str | None, lang: str) -> RunUnder:
    from mpquiz.runner.interpreters import MINIMUM, describe
    from mpquiz.runner.spec import START_METHODS

    if start_method is not None and start_method not in START_METHODS:
        message = t("cli.bad_choice", lang, value=start_method, choices=", ".join(START_METHODS))
        raise typer.BadParameter(message, param_hint="--start-method")
    if python is None:
        return RunUnder(None, start_method)
    found = describe(str(python))
    if found is None or found.version[:2] < MINIMUM:
        raise typer.BadParameter(
            t("pack.validate.bad_python", lang, path=python), param_hint="--python"
        )
    return RunUnder(found, start_method)


def validate(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help=h("help.arg.pack_path"))],
    run: Annotated[bool, typer.Option("--run", help=h("help.opt.run"))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.problems_json"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("help.opt.yes_run"))] = False,
    record: Annotated[bool, typer.Option("--record", help=h("help.opt.record"))] = False,
    python: Annotated[
        Path | None, typer.Option("--python", metavar="PATH", help=h("help.opt.python"))
    ] = None,
    start_method: Annotated[
        str | None,
        typer.Option(
            "--start-method", metavar="fork|spawn|forkserver", help=h("help.opt.start_method")
        ),
    ] = None,
) -> None:
    """Check a pack folder or zip: exit 0 when clean, 1 when --run contradicts a key, 2 when
    invalid."""
    from mpquiz.packs.archive import pack_folder
    from mpquiz.packs.problems import PackErrors

    svc = services(ctx)
    lang = svc.lang
    if record and path.is_file():
        from mpquiz.core.errors import BadInput

        raise BadInput(t("pack.validate.record_folder", lang, path=path))
    under = _run_under(python, start_method, lang)
    report: dict[str, Any] = {"path": str(path), "valid": False, "pack": None, "problems": []}
    try:
        with pack_folder(path) as root:  # a zip is checked where it is unpacked
            code = _validate(
                svc, root, path, report, run=run or record, as_json=as_json, yes=yes,
                record=record, under=under,
            )  # fmt: skip
    except PackErrors as exc:
        report["problems"] = [p.to_dict() for p in exc.problems]
        if as_json:
            _emit(report, 2)
        for problem in exc.problems:
            typer.echo(inert(problem.in_language(lang)), err=True)
        typer.echo(t("pack.validate.problems", lang, count=len(exc.problems), path=path), err=True)
        raise typer.Exit(2) from None
    if as_json:
        _emit(report, code)
    raise typer.Exit(code)


def _validate(
    svc: Services,
    root: Path,
    path: Path,
    report: dict[str, Any],
    *,
    run: bool,
    as_json: bool,
    yes: bool,
    record: bool = False,
    under: RunUnder | None = None,
) -> int:
    """Load (and with `run`, key-check; with `record`, keep a proving run of each
    question in the pack) the pack in `root`; fills `report`; the exit code."""
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack

    lang = svc.lang
    builtin = path.resolve() == paths.builtin_pack_dir().resolve()
    warnings: list[PackProblem] = []
    demos = paths.builtin_demos_dir() if builtin else None
    pack = load_pack(root, demos_dir=demos, warnings=warnings)
    report |= {
        "valid": True,
        "pack": {"id": pack.id, "version": pack.version, "questions": len(pack.questions)},
        "warnings": [w.to_dict() for w in warnings],
    }
    if not as_json:
        for warning in warnings:
            said = t("pack.validate.warning", lang, problem=warning.in_language(lang))
            typer.echo(inert(said), err=True)
    if not as_json:
        typer.echo(
            t(
                "pack.validate.valid",
                lang,
                pack=pack.id,
                version=pack.version,
                count=len(pack.questions),
                kinds=_kinds(pack),
            )
        )
    if not run:
        return 0
    _confirm_running(svc, pack, yes=yes)
    under = under or RunUnder()
    report["run"] = {"python": under.describe(), "start_method": under.start_method}
    if not as_json:
        typer.echo(under.words(lang))
    return _run_keys(pack, lang, report, show=not as_json, record=record, under=under)


def _confirm_running(svc: Services, pack: Pack, *, yes: bool) -> None:
    """`--run` runs the pack's programs: unless this machine trusts exactly these files
    (or the built-in pack as shipped), show them and ask, or require --yes."""
    from mpquiz.core.errors import BadInput
    from mpquiz.packs.builtin_lock import read_lock
    from mpquiz.packs.manifest import ManifestError, read_manifest

    root, demos = Path(pack.root), Path(pack.demos_dir)
    try:
        manifest = read_manifest(root, demos)
        as_builtin = read_manifest(root, demos, bytecode=False)  # as the lock records it
    except ManifestError as exc:
        why = error_text(exc, svc.lang)
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=why)) from None
    trusted = svc.trust.trusted(pack.id)
    try:
        shipped = read_lock().digest == as_builtin.digest
    except ManifestError:
        shipped = False
    if yes or shipped or (trusted is not None and trusted.digest == manifest.digest):
        return
    if manifest.escapes:
        reason = t("pack.trust.link_out", svc.lang, file=manifest.escapes[0])
        raise BadInput(t("pack.trust.cannot", svc.lang, pack=pack.id, reason=reason))
    if not sys.stdin.isatty():
        raise BadInput(t("pack.validate.need_yes", svc.lang, pack=pack.id))
    show_manifest(svc, manifest, "pack.validate.run_header", pack.id, pack.version)
    if not typer.confirm(t("pack.validate.run_confirm", svc.lang), default=False):
        raise typer.Exit(1)


def show_manifest(svc: Services, manifest: Manifest, header: str, pack: str, version: str) -> None:
    from mpquiz.core.inert import inert

    typer.echo(inert(t(header, svc.lang, pack=pack, version=version)))
    for name, digest in manifest.files.items():
        typer.echo(f"  {digest}  {inert(name)}")
    typer.echo(t("pack.trust.runs", svc.lang))
    for command in manifest.commands():
        typer.echo(f"  python {inert(command)}")


def _record(pack: Pack, result: KeyReport, lang: str, *, show: bool) -> list[str]:
    """Keep, for each question whose proof a run showed, that run in the pack."""
    from mpquiz.packs.recorded import write_recorded

    demos = Path(pack.demos_dir)
    written = []
    for qid, tally in result.proofs.items():
        run = tally.shown_in
        if run is None:
            continue
        processes = tuple(p.to_dict() for p in run.processes)
        write_recorded(
            demos, qid, run.output, exit_code=run.exit_code or 0, duration=run.duration,
            processes=processes,
        )  # fmt: skip
        written.append(qid)
    if show:
        typer.echo(t("pack.validate.recorded", lang, count=len(written), path=demos / "recorded"))
    return written


def _emit(report: dict[str, Any], code: int) -> None:
    typer.echo(to_json(report | {"exit_code": code}))
    raise typer.Exit(code)


def _run_keys(
    pack: Pack,
    lang: str,
    report: dict[str, Any],
    *,
    show: bool,
    record: bool = False,
    under: RunUnder | None = None,
) -> int:
    from mpquiz.session.keycheck import check_keys

    under = under or RunUnder()
    report.setdefault("run", {})
    if show and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("demos", total=None)
            result = check_keys(
                pack,
                python=under.path,
                start_method=under.start_method,
                progress=lambda demo, done, total: bar.update(
                    task, description=demo, completed=done, total=total
                ),
            )
    else:
        result = check_keys(pack, python=under.path, start_method=under.start_method)
    root = Path(pack.root)  # the path as given, as the loader names files
    report["run"] |= {
        "runs": result.runs,
        "questions": result.questions,
        "proofs": {
            qid: {"proof": tally.status, "shown": tally.shown, "runs": tally.runs}
            for qid, tally in result.proofs.items()
        },
        "problems": [
            {
                "file": str(root / p.question.source.partition(":")[0]),
                "line": int(p.question.source.partition(":")[2] or 0) or None,
                "qid": p.question.qid,
                "message": p.message,
                "run": p.run,
            }
            for p in result.problems
        ],
    }
    if show:
        for problem in result.problems:
            typer.echo(inert(f"{root / problem.in_language(lang)}"), err=True)
    if show and result.questions:  # not for a pack of exercises alone
        key = "pack.validate.keys_bad" if result.problems else "pack.validate.keys_ok"
        runs = t("count.demo_runs", lang, count=result.runs)
        questions = t("count.questions", lang, count=result.questions)
        problems = t("count.key_problems", lang, count=len(result.problems))
        typer.echo(t(key, lang, runs=runs, questions=questions, problems=problems))
    bad_exercises = _prove_exercises(pack, lang, report, show=show, under=under)
    if record:  # last: the exercises run from the files as trusted (or locked) before
        report["recorded"] = _record(pack, result, lang, show=show)
    return 1 if result.problems or bad_exercises else 0


def _prove_exercises(
    pack: Pack, lang: str, report: dict[str, Any], *, show: bool, under: RunUnder
) -> int:
    """Check each exercise's starter (it must fail a check) and solution (it must pass
    every check measurable here), with every CPU and on one; the problems found."""
    from mpquiz.core.kinds import ExerciseQuestion
    from mpquiz.packs.places import PackPlaces
    from mpquiz.session.demos import DemoLauncher, TrustLocalFiles
    from mpquiz.session.exercise_proofs import prove_exercises

    if not any(isinstance(q, ExerciseQuestion) for q in pack.questions):
        return 0
    places = PackPlaces.here().with_folders({pack.id: Path(pack.root)})
    launcher = DemoLauncher(places, TrustLocalFiles())  # trusted above (_confirm_running)
    tell = None
    if show and sys.stderr.isatty():

        def tell(qid: str, done: int, total: int) -> None:
            sys.stderr.write(f"\r{inert(qid)} ({done}/{total})\x1b[K")
            sys.stderr.write("\r\x1b[K" if done == total else "")
            sys.stderr.flush()

    proofs = prove_exercises(
        pack, launcher, progress=tell, python=under.path, start_method=under.start_method
    )
    root = Path(pack.root)
    found = []
    exercises: dict[str, list[dict[str, object]]] = {}
    for proof in proofs:
        exercises.setdefault(proof.question.qid, []).append(proof.to_dict())
        for note in proof.problems():
            source = proof.question.source
            message = words(note, "en")
            found.append(
                {
                    "file": str(root / source.partition(":")[0]),
                    "line": int(source.partition(":")[2] or 0) or None,
                    "qid": proof.question.qid,
                    "message": message,
                    "run": None,
                }
            )
            if show:
                said = t("keycheck.problem", lang, source=root / source,
                         qid=proof.question.qid, message=words(note, lang))  # fmt: skip
                typer.echo(inert(said), err=True)
    run = report.setdefault("run", {})
    run["exercises"] = exercises
    run.setdefault("problems", []).extend(found)
    if show:
        if found:
            counted = t("count.exercises", lang, count=len(exercises))
            problems = t("count.problems", lang, count=len(found))
            typer.echo(t("pack.validate.exercises_bad", lang, exercises=counted, problems=problems))
        else:
            typer.echo(t("pack.validate.exercises_ok", lang, count=len(exercises)))
    return len(found)
