"""`mpquiz demo list` and `mpquiz demo run NAME [ARGS…]`: the demos by themselves."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mpquiz.cli.context import h, services
from mpquiz.core.errors import BadInput
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.runner import RunResult
    from mpquiz.session.demo_catalog import DemoCatalog

app = typer.Typer(help=h("help.demo"), no_args_is_help=True, rich_markup_mode=None)


def _catalog(ctx: typer.Context) -> DemoCatalog:
    from mpquiz.session.demo_catalog import DemoCatalog

    return DemoCatalog(services(ctx).launcher)


@app.command("list", help=h("help.demo.list"))
def list_demos(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Every demo of the installed packs."""
    from rich.table import Table

    from mpquiz.cli.output import to_json
    from mpquiz.core.inert import inert
    from mpquiz.i18n import reason
    from mpquiz.render.verdicts import text_console

    lang = services(ctx).lang
    entries = _catalog(ctx).entries()
    if as_json:
        typer.echo(to_json([entry.to_dict() for entry in entries]))
        return
    if not entries:
        typer.echo(t("demo.cli.none", lang))
        return
    table = Table(box=None, pad_edge=False)
    table.add_column(t("demo.cli.col.name", lang), overflow="fold")
    table.add_column(t("demo.cli.col.pack", lang), overflow="fold")
    table.add_column(t("demo.cli.col.questions", lang), justify="right")
    table.add_column(t("demo.cli.col.runs", lang), overflow="fold")
    for entry in entries:
        runs = (
            t("demo.cli.yes", lang)
            if entry.blocked is None
            else t("demo.cli.no", lang, reason=reason(entry.blocked, lang))
        )
        table.add_row(
            inert(entry.name),
            inert(entry.pack_id),
            str(len(entry.questions)),
            runs,
        )
    text_console().print(table)


@app.command(
    "run",
    help=h("help.demo.run"),
    epilog=h("help.demo.run.example"),
    context_settings={"ignore_unknown_options": True},
)
def run_demo(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help=h("help.arg.demo_name"))],
    args: Annotated[
        list[str] | None, typer.Argument(metavar="[ARGS]...", help=h("help.arg.demo_args"))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", metavar="SECONDS", help=h("help.opt.demo_timeout")),
    ] = None,
    no_timeline: Annotated[
        bool, typer.Option("--no-timeline", help=h("help.opt.no_timeline"))
    ] = False,
) -> None:
    """Run one demo and show what it did."""
    from mpquiz.core.refusal import Refusal
    from mpquiz.i18n import reason

    lang = services(ctx).lang
    if timeout is not None and not (math.isfinite(timeout) and timeout > 0):
        raise BadInput(t("demo.cli.bad_timeout", lang, value=timeout))
    catalog = _catalog(ctx)
    target = catalog.resolve(name)
    if isinstance(target, Refusal):
        raise BadInput(reason(target, lang))
    demo, blocked = catalog.start(target, tuple(args or ()), timeout)
    if demo is None:
        why = reason(blocked, lang) if blocked is not None else ""
        typer.echo(t("demo.cli.blocked", lang, name=name, reason=why), err=True)
        raise typer.Exit(1)
    result = _follow(demo, lang, show=not as_json)
    if as_json:
        from mpquiz.cli.output import to_json

        typer.echo(to_json(_as_json(name, result)))
    else:
        _summary(result, lang, timeline=not no_timeline)
    raise typer.Exit(0 if result.ok else 1)


def _follow(demo: Any, lang: str, *, show: bool) -> RunResult:
    """Print the demo's lines as they come (when `show`); Ctrl+C stops it."""
    from rich.text import Text as RichText

    from mpquiz.cli.interrupts import Interrupts
    from mpquiz.core.inert import inert
    from mpquiz.render.verdicts import text_console

    console = text_console()
    try:
        with Interrupts():
            for line in demo.iter_lines():
                if show:
                    console.print(RichText(inert(line.text)))
    except KeyboardInterrupt:
        demo.cancel()
    result: RunResult = demo.wait()
    return result


def _summary(result: RunResult, lang: str, *, timeline: bool) -> None:
    from rich.text import Text as RichText

    from mpquiz.core.inert import inert
    from mpquiz.render.timeline import render_timeline
    from mpquiz.render.verdicts import text_console

    console = text_console()
    if result.truncated:
        console.print(RichText(t("demo.cli.truncated", lang), style="yellow"))
    if result.timed_out:
        status = t("demo.cli.timed_out", lang, seconds=f"{result.duration:.2f}")
    elif result.cancelled:
        status = t("demo.cli.cancelled", lang)
    elif result.error:
        status = inert(result.error)
    else:
        status = t(
            "demo.cli.finished", lang, code=result.exit_code, seconds=f"{result.duration:.2f}"
        )
    console.rule(style="dim")
    console.print(RichText(status, style="bold" if result.ok else "bold red"))
    if not timeline:
        return
    drawing = render_timeline(result.processes, result.duration, lang, width=console.width)
    console.print(drawing or RichText(t("demo.cli.no_processes", lang), style="dim"))


def _as_json(name: str, result: RunResult) -> dict[str, Any]:
    processes = []
    for record in result.processes:
        data = record.to_dict()
        data.pop("samples", None)
        processes.append(data)
    return {
        "demo": name,
        "args": list(result.args),
        "output": result.output,
        "exit_code": result.exit_code,
        "duration": round(result.duration, 4),
        "timed_out": result.timed_out,
        "truncated": result.truncated,
        "cancelled": result.cancelled,
        "error": result.error,
        "processes": processes,
    }
