"""`mpquiz stats`: progress as a table, or as one JSON object for scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from mpquiz.cli.context import h, opened


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
    question: Annotated[
        str | None, typer.Option("--question", metavar="ID", help=h("help.opt.stats_question"))
    ] = None,
) -> None:
    """Show reviews, what is due and per-topic accuracy."""
    from rich.table import Table

    from mpquiz.cli.output import to_json
    from mpquiz.core.inert import inert
    from mpquiz.i18n import t
    from mpquiz.render.verdicts import text_console

    svc = opened(ctx)
    if question is not None:
        from mpquiz.cli.forgetting_view import show_curve

        curve = svc.forgetting_curve(question)
        if as_json:
            typer.echo(to_json(curve.to_dict()))
        else:
            show_curve(curve, svc.lang, text_console())
        return
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
        "stats.col.retention",
    ):
        table.add_column(t(key, lang), justify="left" if key.endswith("topic") else "right")
    retention = data["retention"]
    kept = {(r["pack"], r["topic"]): r for r in retention["topics"]}
    for row in data["topics"]:
        accuracy = f"{100 * row['correct'] / row['reviews']:.0f}%" if row["reviews"] else "—"
        table.add_row(
            inert(row["title"]),
            str(row["questions"]),
            str(row["reviews"]),
            str(row["correct"]),
            accuracy,
            _share(kept.get((row["pack"], row["topic"]))),
        )
    console.print(table)
    desired = f"{100 * retention['desired']:.0f}%"
    if retention["overall"]["reviews"]:
        reviews = t("count.reviews", lang, count=retention["overall"]["reviews"])
        rate = _share(retention["overall"])
        console.print(t("stats.retention", lang, rate=rate, reviews=reviews, desired=desired))
    else:
        console.print(t("stats.retention.none", lang, desired=desired))
    weeks = retention["weeks"][-8:]
    if weeks:
        by_week = Table(title=t("stats.retention.weeks", lang))
        for key in ("stats.col.week", "stats.col.reviews", "stats.col.retention"):
            by_week.add_column(t(key, lang), justify="left" if key.endswith("week") else "right")
        for week in weeks:
            by_week.add_row(week["week"], str(week["reviews"]), _share(week))
        console.print(by_week)


def _share(figures: dict[str, object] | None) -> str:
    """A tally's rate as a percentage, "—" before its first review."""
    rate = figures.get("rate") if figures else None
    return f"{100 * rate:.0f}%" if isinstance(rate, float | int) else "—"
