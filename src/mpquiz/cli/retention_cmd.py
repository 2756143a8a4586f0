"""`mpquiz retention [R]`: show or set the learner's own desired retention."""

from __future__ import annotations

from typing import Annotated

import typer

from mpquiz.cli.context import h, opened


def retention(
    ctx: typer.Context,
    value: Annotated[
        float | None,
        typer.Argument(metavar="[R]", help=h("help.arg.retention"), show_default=False),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help=h("help.opt.retention_clear"))] = False,
) -> None:
    """Show your desired retention, or set your own (kept on your row of the database)."""
    from mpquiz.core.errors import BadInput
    from mpquiz.i18n import keyed, t
    from mpquiz.settings import RULES

    rule = RULES["desired_retention"]
    svc = opened(ctx)
    lang = svc.lang
    if value is not None and clear:
        raise keyed(BadInput, "retention.both")
    if value is not None:
        low, high = rule.low, rule.high
        if not (low is not None and high is not None and low <= value <= high):
            raise keyed(BadInput, "retention.range", value=value, low=low, high=high)
        svc.set_retention(value)
    elif clear:
        svc.set_retention(None)
    said = "retention.settings" if svc.own_retention is None else "retention.own"
    typer.echo(t(said, lang, value=f"{100 * svc.scheduler.desired_retention:.0f}%"))
