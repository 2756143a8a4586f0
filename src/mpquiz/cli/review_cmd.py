"""`mpquiz review`: today's questions, in the app on a terminal, else line by line."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from mpquiz.cli.context import h, services

if TYPE_CHECKING:
    from mpquiz.services import Services


def review(
    ctx: typer.Context,
    plain: Annotated[bool, typer.Option("--plain", help=h("help.opt.plain"))] = False,
    pack: Annotated[
        str | None, typer.Option("--pack", metavar="ID", help=h("help.opt.pack"))
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", metavar="ID", help=h("help.opt.topic"))
    ] = None,
    new: Annotated[
        int | None, typer.Option("--new", min=0, metavar="N", help=h("help.opt.new"))
    ] = None,
    rate: Annotated[str, typer.Option("--rate", metavar="ask|auto", help=h("help.opt.rate"))] = "",
) -> None:
    """Answer today's due and new questions."""
    svc = services(ctx)
    if rate not in ("", "ask", "auto"):
        raise typer.BadParameter(f"{rate!r}: use ask or auto", param_hint="--rate")
    check_scope(svc, pack, topic)
    from mpquiz.cli import tui_cmd

    if not plain and tui_cmd.interactive():
        # On a terminal the review opens in the app; pipes and scripts get the plain mode.
        tui_cmd.open_app(ctx, start="review", pack_id=pack, topic=topic, new_per_day=new)
        return
    from mpquiz.cli.plain_review import PlainReview  # loads the storage: only here

    svc.open()
    session = svc.review_session(pack_id=pack, topic=topic, new_per_day=new)
    ask = rate == "ask" or (rate == "" and sys.stdin.isatty())
    PlainReview(session, svc.lang, ask_rating=ask).run()


def check_scope(svc: Services, pack: str | None, topic: str | None) -> None:
    """Refuse an unknown --pack or --topic in one line (opens the database only then)."""
    from mpquiz.core.errors import BadInput
    from mpquiz.i18n import t

    if pack is None and topic is None:
        return  # nothing to check: the app may still start before the database opens
    packs = svc.open(as_learner=False).packs()
    if pack is not None and pack not in {p.id for p in packs}:
        raise BadInput(
            t("error.no_pack", svc.lang, pack=pack, known=", ".join(p.id for p in packs))
        )
    if topic is not None:
        topics = {tid for p in packs if pack in (None, p.id) for tid in p.topics}
        if topic not in topics:
            raise BadInput(
                t("error.no_topic", svc.lang, topic=topic, known=", ".join(sorted(topics)))
            )
