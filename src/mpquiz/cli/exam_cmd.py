"""`mpquiz exam`: a timed exam, in the app or line by line; feedback only at the end."""

from __future__ import annotations

from typing import Annotated

import typer

from mpquiz.cli.context import h, services


def exam(
    ctx: typer.Context,
    plain: Annotated[bool, typer.Option("--plain", help=h("help.opt.plain"))] = False,
    questions: Annotated[
        int,
        typer.Option(
            "--questions", "-n", min=1, max=200, metavar="N", help=h("help.opt.questions")
        ),
    ] = 10,
    minutes: Annotated[
        float,
        typer.Option(
            "--minutes", "-m", min=0.1, max=600, metavar="MIN", help=h("help.opt.minutes")
        ),
    ] = 10.0,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", metavar="ID", help=h("help.opt.topics"))
    ] = None,
    pack: Annotated[
        str | None, typer.Option("--pack", metavar="ID", help=h("help.opt.pack"))
    ] = None,
    weak: Annotated[bool, typer.Option("--weak", help=h("help.opt.weak"))] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", metavar="N", help=h("help.opt.seed"))
    ] = None,
) -> None:
    """Sit a timed exam: in the app on a terminal (the form filled from these options),
    else line by line."""
    from mpquiz.cli import tui_cmd
    from mpquiz.cli.review_cmd import check_scope
    from mpquiz.session.exam import ExamSettings

    svc = services(ctx)
    topics: list[str | None] = list(topic) if topic else [None]  # or the pack alone
    for name in topics:
        check_scope(svc, pack, name)
    settings = ExamSettings(
        count=questions,
        minutes=minutes,
        topics=tuple(topic) if topic else None,
        pack_id=pack,
        weak_first=weak,
        seed=seed,
    )
    if not plain and tui_cmd.interactive():
        tui_cmd.open_app(ctx, start="exam", exam=settings)
        return
    from mpquiz.cli.plain_exam import PlainExam

    svc.open()
    PlainExam(svc.exam_session(settings), svc.lang).run()
