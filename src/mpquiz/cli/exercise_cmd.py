"""`mpquiz exercise list | start ID | check ID FILE`: exercises in the learner's own editor.

`check` runs every check of the exercise on the program in FILE (the part the exercise
has the learner edit, as `start` writes it, or the whole program) and exits 0 when all
passed, 1 when one failed, 2 on bad input or when nothing may run. It stores nothing
unless `--submit`, which records the attempt as a review, as the app would.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mpquiz.cli.context import h, opened
from mpquiz.core.errors import AnswerError, BadInput
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.services import Services
    from mpquiz.session.exercise_catalog import ExerciseCatalog, ExerciseEntry
    from mpquiz.session.exercise_run import CheckRun

app = typer.Typer(help=h("help.exercise"), no_args_is_help=True, rich_markup_mode=None)
MAX_FILE = 256 * 1024


def _catalog(svc: Services) -> ExerciseCatalog:
    from mpquiz.session.exercise_catalog import ExerciseCatalog

    return ExerciseCatalog(svc.store, svc.learner_id, svc.launcher)


def _entry(svc: Services, name: str) -> ExerciseEntry:
    from mpquiz.core.refusal import Refusal
    from mpquiz.i18n import reason

    found = _catalog(svc).resolve(name)
    if isinstance(found, Refusal):
        raise BadInput(reason(found, svc.lang))
    return found


@app.command("list", help=h("help.exercise.list"))
def list_exercises(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Every exercise of the installed packs."""
    from rich.table import Table

    from mpquiz.cli.output import to_json
    from mpquiz.core.inert import inert
    from mpquiz.i18n import reason
    from mpquiz.render.verdicts import text_console
    from mpquiz.tui.formatting import one_line

    svc = opened(ctx)
    lang = svc.lang
    entries = _catalog(svc).entries()
    if as_json:
        typer.echo(to_json([_entry_json(e, lang) for e in entries]))
        return
    if not entries:
        typer.echo(t("exercise.cli.none", lang))
        return
    console = text_console()
    # The id is what `start` and `check` take: never cut; what to do shows where it fits.
    widest = max(len(e.name) for e in entries)
    runs_said = [t("demo.cli.yes", lang)] + [
        t("demo.cli.no", lang, reason=reason(e.blocked, lang)) for e in entries if e.blocked
    ]
    runs_width = min(30, max(len(t("demo.cli.col.runs", lang)), *map(len, runs_said)))
    room = console.width - widest - 14 - runs_width - 6
    table = Table(box=None, pad_edge=False)
    table.add_column(t("exercise.cli.col.id", lang), no_wrap=True, min_width=widest)
    table.add_column(t("exercise.cli.col.topic", lang), no_wrap=True, max_width=14)
    if room >= 16:
        table.add_column(
            t("exercise.cli.col.prompt", lang), overflow="ellipsis", no_wrap=True, max_width=room
        )
    table.add_column(t("demo.cli.col.runs", lang), overflow="fold", min_width=runs_width)
    for e in entries:
        runs = (
            t("demo.cli.yes", lang)
            if e.blocked is None
            else t("demo.cli.no", lang, reason=reason(e.blocked, lang))
        )
        prompt = one_line(e.question.prompt.get(lang), max(room, 1))
        cells = [inert(e.name), inert(e.question.topic), inert(prompt), runs]
        table.add_row(*(cells if room >= 16 else [cells[0], cells[1], cells[3]]))
    console.print(table)


def _entry_json(e: ExerciseEntry, lang: str) -> dict[str, Any]:
    q = e.question
    return {
        "id": e.name,
        "pack": q.pack_id,
        "topic": q.topic,
        "prompt": q.prompt.get(lang),
        "checks": [c.name for c in q.checks],
        "runs": e.blocked is None,
        "due": None if e.item.card is None or e.item.card.due is None else e.item.card.due,
    }


@app.command("start", help=h("help.exercise.start"))
def start_exercise(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="ID", help=h("help.arg.exercise"))],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help=h("help.opt.exercise_out"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=h("help.opt.exercise_force"))] = False,
) -> None:
    """Write the exercise's starter (to FILE, or to standard output) and say what to do."""
    from mpquiz.session.exercise_run import ExerciseRunner

    svc = opened(ctx)
    lang = svc.lang
    entry = _entry(svc, name)
    starter = ExerciseRunner(svc.launcher, entry.question).starter()
    if starter is None:
        raise BadInput(t("exercise.cli.no_starter", lang, name=name, demo=entry.question.demo))
    if output is None:
        typer.echo(starter, nl=False)
        return
    if output.exists() and not force:
        raise BadInput(t("exercise.cli.exists", lang, path=output))
    try:
        output.write_text(starter, encoding="utf-8")
    except OSError as exc:
        raise BadInput(t("exercise.cli.cannot_write", lang, path=output, reason=exc)) from None
    typer.echo(entry.question.prompt.get(lang), err=True)
    typer.echo(t("exercise.cli.started", lang, path=output, name=entry.name), err=True)


@app.command("check", help=h("help.exercise.check"))
def check_exercise(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="ID", help=h("help.arg.exercise"))],
    file: Annotated[Path, typer.Argument(metavar="FILE", help=h("help.arg.exercise_file"))],
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
    submit: Annotated[bool, typer.Option("--submit", help=h("help.opt.exercise_submit"))] = False,
) -> None:
    """Run every check on FILE; exit 0 when all passed, 1 when one failed, 2 otherwise."""
    from mpquiz.core.refusal import Refusal
    from mpquiz.i18n import reason
    from mpquiz.session.exercise_run import ExerciseRunner

    svc = opened(ctx)
    lang = svc.lang
    entry = _entry(svc, name)
    program = _read_program(file, lang)
    progress = _progress(lang) if not as_json and sys.stderr.isatty() else None
    runner = ExerciseRunner(svc.launcher, entry.question)
    try:
        program = entry.question.parse(program)
    except AnswerError as exc:
        raise BadInput(f"{file}: {t(exc.key, lang, **exc.params)}") from None
    checked = runner.check(program, progress=progress)
    if isinstance(checked, Refusal):
        raise BadInput(t("exercise.cli.blocked", lang, name=name, reason=reason(checked, lang)))
    review = _submit(svc, entry, program, checked) if submit else None
    if as_json:
        from mpquiz.cli.output import to_json

        typer.echo(to_json(_check_json(entry, checked, lang, review)))
    else:
        _show(checked, lang, review)
    raise typer.Exit(0 if checked.report.passed else 1)


def _read_program(file: Path, lang: str) -> str:
    try:
        if file.stat().st_size > MAX_FILE:
            raise BadInput(t("exercise.cli.too_big", lang, path=file, most=MAX_FILE))
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(t("exercise.cli.no_file", lang, path=file)) from None
    except UnicodeDecodeError:
        raise BadInput(t("exercise.cli.not_text", lang, path=file)) from None
    except OSError as exc:
        raise BadInput(t("exercise.cli.cannot_read", lang, path=file, reason=exc)) from None


def _progress(lang: str) -> Any:
    def tell(what: str, done: int, total: int) -> None:
        key = "exercise.cli.ran_reference" if what == "reference" else "exercise.cli.ran_program"
        sys.stderr.write("\r" + t(key, lang, done=done, total=total) + "\x1b[K")
        if done == total:
            sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()

    return tell


def _submit(svc: Services, entry: ExerciseEntry, program: str, checked: CheckRun) -> dict[str, Any]:
    """Record the attempt as a review (the rating it suggests), as the app would."""
    from mpquiz.core.scheduling import format_interval
    from mpquiz.render.verdicts import rating_name
    from mpquiz.session.review import ReviewSession

    session = ReviewSession(
        svc.store, svc.scheduler, svc.learner_id, svc.launcher, [entry.item],
        lang=svc.lang, clock=svc.clock,
    )  # fmt: skip
    session.show()
    session.adopt_check(program, checked)
    session.submit(program)
    outcome = session.outcome()
    rating = outcome.suggested
    assert rating is not None
    review_id = session.rate(rating)
    return {
        "review": review_id,
        "rating": rating.name.lower(),
        "rating_name": rating_name(rating, svc.lang),
        "interval": format_interval(outcome.intervals[rating]),
    }


def _show(checked: CheckRun, lang: str, review: dict[str, Any] | None) -> None:
    from rich.text import Text as RichText

    from mpquiz.core.inert import inert
    from mpquiz.render.exercise import render_checks
    from mpquiz.render.timeline import render_timeline
    from mpquiz.render.verdicts import text_console

    console = text_console()
    if checked.runs:
        run = checked.runs[0]
        console.rule(t("exercise.cli.output", lang), style="dim")
        for line in run.output.splitlines()[-40:]:
            console.print(RichText("  " + inert(line)))
        drawing = render_timeline(run.processes, run.duration, lang, width=console.width, most=8)
        if drawing is not None:
            console.print(drawing)
    for part in render_checks(checked.report.results, lang):
        console.print(part)
    report = checked.report
    if report.passed:
        console.print(RichText("✔ " + t("exercise.cli.passed", lang), style="bold green"))
    else:
        failed = ", ".join(r.name for r in report.failed)
        console.print(
            RichText("✘ " + t("exercise.cli.failed", lang, checks=failed), style="bold red")
        )
    if review is not None:
        said = t(
            "exercise.cli.submitted",
            lang,
            rating=review["rating_name"],
            interval=review["interval"],
        )
        console.print(RichText(said, style="dim"))


def _check_json(
    entry: ExerciseEntry, checked: CheckRun, lang: str, review: dict[str, Any] | None
) -> dict[str, Any]:
    results = []
    for r in checked.report.results:
        results.append(
            {
                "name": r.name,
                "result": r.status.value,
                "message": r.message.get(lang),
                "detail": None if r.detail is None else t(r.detail.key, lang, **r.detail.params),
                "evidence": list(r.evidence),
                "run": r.run,
            }
        )
    return {
        "id": entry.name,
        "passed": checked.report.passed,
        "checks": results,
        "runs": [
            {
                "exit_code": run.exit_code,
                "duration": round(run.duration, 4),
                "timed_out": run.timed_out,
                "output": run.output,
            }
            for run in checked.runs
        ],
        "reference": None
        if checked.reference is None
        else {
            "exit_code": checked.reference.exit_code,
            "duration": round(checked.reference.duration, 4),
        },
        "submitted": review,
    }
