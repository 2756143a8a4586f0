"""`mpquiz stats`: progress as a table, or as one JSON object for scripts."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from mpquiz.cli.context import h, services


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Show reviews, what is due and per-topic accuracy."""
    from rich.console import Console
    from rich.table import Table

    from mpquiz.i18n import t

    svc = services(ctx)
    data = svc.progress()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lang = svc.lang
    console = Console()
    console.print(
        t(
            "stats.summary",
            lang,
            learner=data["learner"],
            reviews=data["reviews"],
            due=data["due_now"],
            new=data["new_today"],
            unseen=data["new_available"],
        )
    )
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
            row["title"], str(row["questions"]), str(row["reviews"]), str(row["correct"]), accuracy
        )
    console.print(table)
