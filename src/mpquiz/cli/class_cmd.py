"""`mpquiz class`: what the instructor sees of a whole class sharing one database."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mpquiz.cli.context import h, opened
from mpquiz.cli.output import csv_cell, to_json

if TYPE_CHECKING:
    from mpquiz.session.classroom import ClassReport

app = typer.Typer(help=h("help.class"), no_args_is_help=True, rich_markup_mode=None)

SINCE = typer.Option("--since", min=1, max=3650, metavar="DAYS", help=h("help.opt.since"))
PACK = typer.Option("--pack", metavar="ID", help=h("help.opt.pack"))


@app.command("report", help=h("help.class.report"))
def report(
    ctx: typer.Context,
    pack: Annotated[str | None, PACK] = None,
    since: Annotated[int, SINCE] = 30,
    fmt: Annotated[
        str, typer.Option("--format", metavar="table|csv|json", help=h("help.opt.format"))
    ] = "table",
    part: Annotated[
        str, typer.Option("--part", metavar="topics|items", help=h("help.opt.class_part"))
    ] = "topics",
) -> None:
    """Mastery and reviews per learner and topic, the hardest questions, the misconceptions."""
    from mpquiz.cli.review_cmd import check_scope
    from mpquiz.core.errors import BadInput
    from mpquiz.i18n import keyed
    from mpquiz.session.classroom import class_report

    if fmt not in ("table", "csv", "json"):
        raise keyed(BadInput, "class.bad_format", fmt=fmt)
    if part not in ("topics", "items"):
        raise keyed(BadInput, "class.bad_part", part=part)
    svc = opened(ctx, as_learner=False)
    check_scope(svc, pack, None)
    data = class_report(
        svc.store, svc.scheduler, svc.clock.now(), since_days=since, pack_id=pack, lang=svc.lang
    )
    if fmt == "json":
        typer.echo(to_json(data.to_dict()))
    elif fmt == "csv" and part == "items":
        _items_csv(data)
    elif fmt == "csv":
        _csv(data)
    else:
        _table(data, svc.lang)


def _csv(data: ClassReport) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["learner", "pack", "topic", "mastery", "reviews", "correct"])
    for r in data.rows:
        cells = [r.learner, r.pack, r.topic, f"{r.mastery:.3f}", r.reviews, r.correct]
        writer.writerow([csv_cell(cell) for cell in cells])


def _items_csv(data: ClassReport) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(
        ["pack", "question", "topic", "attempts", "right", "facility", "discrimination",
         "second_look", "wrong_answers"]
    )  # fmt: skip
    for i in data.items:
        discrimination = "" if i.discrimination is None else f"{i.discrimination:.3f}"
        wrong = "; ".join(f"{w.count}x {w.shown}" for w in i.wrong_answers)
        cells = [i.pack, i.qid, i.topic, i.attempts, i.right, f"{i.facility:.3f}",
                 discrimination, i.second_look or "", wrong]  # fmt: skip
        writer.writerow([csv_cell(cell) for cell in cells])


def _table(data: ClassReport, lang: str) -> None:
    from rich.table import Table

    from mpquiz.core.inert import inert
    from mpquiz.i18n import t
    from mpquiz.render.verdicts import text_console

    console = text_console()
    console.print(
        t("class.header", lang, learners=len(data.learners), since=data.since.date().isoformat())
    )
    table = Table(title=t("class.topics", lang))
    for key in (
        "class.col.learner",
        "stats.col.topic",
        "class.col.mastery",
        "stats.col.reviews",
        "stats.col.accuracy",
    ):
        table.add_column(t(key, lang))
    for r in data.rows:
        accuracy = f"{100 * r.correct / r.reviews:.0f}%" if r.reviews else "—"
        table.add_row(
            inert(r.learner), inert(r.title), f"{100 * r.mastery:.0f}%", str(r.reviews), accuracy
        )
    console.print(table)
    if not data.hardest:
        console.print(t("class.no_hard", lang))
    else:
        console.print(t("class.hardest", lang))
    for i, q in enumerate(data.hardest, 1):
        console.print(
            inert(f"{i}. [{q.pack}] {q.qid} · {100 * q.error_rate:.0f}% ({q.wrong}/{q.reviews})")
        )
        console.print(inert(f"   {q.prompt}"))
        for w in q.wrong_answers:
            console.print(inert(f"   ✘ {w.count}× {w.shown}"))
    if data.exercises:
        _exercise_table(data, lang, console)
    if data.items:
        _item_table(data, lang, console)


def _item_table(data: ClassReport, lang: str, console: Any) -> None:
    from rich.table import Table

    from mpquiz.core.inert import inert
    from mpquiz.i18n import t

    table = Table(title=t("class.items", lang), caption=t("class.items.caption", lang))
    for key in ("class.col.question", "class.col.attempts", "class.col.facility",
                "class.col.discrimination", "class.col.second_look"):  # fmt: skip
        table.add_column(
            t(key, lang), justify="left" if key.endswith(("question", "look")) else "right"
        )
    for i in data.items:
        discrimination = "—" if i.discrimination is None else f"{i.discrimination:+.2f}"
        look = t(f"class.second_look.{i.second_look}", lang) if i.second_look else ""
        table.add_row(
            inert(f"[{i.pack}] {i.qid}"),
            str(i.attempts),
            f"{100 * i.facility:.0f}%",
            discrimination,
            look,
        )
    console.print(table)


def _exercise_table(data: ClassReport, lang: str, console: Any) -> None:
    from rich.table import Table

    from mpquiz.core.inert import inert
    from mpquiz.i18n import t

    table = Table(title=t("class.exercises", lang))
    for key in ("class.col.exercise", "class.col.attempts", "class.col.pass_rate",
                "class.col.gave_up", "class.col.most_failed"):  # fmt: skip
        table.add_column(t(key, lang))
    for e in data.exercises:
        failed = f"{e.most_failed} ({e.most_failed_count}×)" if e.most_failed else "—"
        table.add_row(
            inert(f"[{e.pack}] {e.qid}"),
            str(e.attempts),
            f"{100 * e.pass_rate:.0f}%",
            str(e.gave_up),
            inert(failed),
        )
    console.print(table)


@app.command("export", help=h("help.class.export"))
def export(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=h("help.opt.output"))
    ] = None,
    pack: Annotated[str | None, PACK] = None,
    since: Annotated[int, SINCE] = 3650,
) -> None:
    """Write every review as CSV, one row per answer."""
    from datetime import timedelta

    svc = opened(ctx, as_learner=False)
    rows = svc.store.export_reviews(svc.clock.now() - timedelta(days=since), pack)
    handle = out.open("w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = None
        count = 0
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row))
                writer.writeheader()
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
            count += 1
    finally:
        if out:
            handle.close()
    if out:
        typer.echo(f"{count} reviews written to {out}", err=True)
