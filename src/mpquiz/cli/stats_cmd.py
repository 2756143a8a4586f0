"""`mpquiz stats`: progress as a table, or as one JSON object for scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from mpquiz.cli.context import h, opened


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Show reviews, what is due and per-topic accuracy."""
    from rich.table import Table

    from mpquiz.cli.output import to_json
    from mpquiz.core.inert import inert
    from mpquiz.i18n import t
    from mpquiz.render.verdicts import text_console

    svc = opened(ctx)
    data = svc.stats()
    if as_json:
        typer.echo(to_json(data))
        return
    lang = svc.lang
    console = text_console()
    console.print(
        t(
            "stats.summary",
            lang,
            learner=inert(data["learner"]),
            reviews=t("count.reviews", lang, count=data["reviews"]),
            due=t("count.due_now", lang, count=data["due_now"]),
            new=t("count.new_today", lang, count=data["new_today"]),
            unseen=data["new_available"],
        )
    )
    console.print(
        t(
            "stats.studied",
            lang,
            total=t("count.minutes", lang, count=data["studied_seconds"] // 60),
            today=t("count.minutes", lang, count=data["studied_seconds_today"] // 60),
        )
    )
    tuning = data["scheduling"]
    if tuning["reviews_until_optimize"] == 0:
        console.print(t("stats.optimize_due", lang, reviews=data["reviews"]))
    elif tuning["parameters"] == "own":
        day = (tuning["optimized_at"] or "")[:10]
        console.print(t("stats.optimized", lang, day=day, reviews=tuning["optimized_reviews"]))
    else:
        console.print(t("stats.optimize_later", lang, count=tuning["reviews_until_optimize"]))
    table = Table(title=t("stats.title", lang))
    for key in (
        "stats.col.topic",
        "stats.col.questions",
        "stats.col.reviews",
        "stats.col.correct",
        "stats.col.accuracy",
    ):
        table.add_column(t(key, lang), justify="left" if key.endswith("topic") else "right")
    for row in data["topics"]:
        accuracy = f"{100 * row['correct'] / row['reviews']:.0f}%" if row["reviews"] else "—"
        table.add_row(
            inert(row["title"]),
            str(row["questions"]),
            str(row["reviews"]),
            str(row["correct"]),
            accuracy,
        )
    console.print(table)
