"""`mpquiz optimize`: fit FSRS's parameters to the learner's own reviews."""

from __future__ import annotations

from typing import Annotated

import typer

from mpquiz.cli.context import h, opened


def optimize(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=h("help.opt.optimize_dry_run"))
    ] = False,
) -> None:
    """Fit FSRS to your reviews; keep the new parameters when they predict them better."""
    from mpquiz.cli.output import to_json
    from mpquiz.core.optimizer import NotEnoughReviews
    from mpquiz.i18n import t
    from mpquiz.render.verdicts import text_console

    svc = opened(ctx)
    lang = svc.lang
    try:
        done = svc.optimize(dry_run=dry_run)
    except NotEnoughReviews as exc:
        if as_json:
            typer.echo(to_json({"reviews": exc.reviews, "needed": exc.needed, "stored": False}))
            raise typer.Exit(1) from exc
        raise
    if as_json:
        typer.echo(to_json(done.to_dict()))
        return
    fit = done.fit
    console = text_console()
    console.print(t("optimize.fitted", lang, reviews=fit.reviews, items=fit.items))
    for key, scores in (
        ("optimize.row.default", fit.default),
        ("optimize.row.current", fit.current),
        ("optimize.row.new", fit.new),
    ):
        console.print(
            t(key, lang, log_loss=f"{scores.log_loss:.4f}", rmse=f"{100 * scores.rmse:.2f}%")
        )
    if done.stored:
        outcome = "optimize.stored"
    elif not fit.better:
        outcome = "optimize.not_better"
    else:
        outcome = "optimize.dry_run"
    console.print(t(outcome, lang))
    moved = done.rescheduled
    if moved is not None:
        key = "optimize.would_move" if done.dry_run else "optimize.moved"
        console.print(
            t(
                key,
                lang,
                moved=moved.moved,
                cards=moved.cards,
                earlier=moved.earlier,
                later=moved.later,
                median=f"{moved.median_days:+.1f}",
                largest=f"{moved.largest_days:+.1f}",
            )
        )
