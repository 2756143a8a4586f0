"""`mpquiz`: the entry point, global options, and error handling for every command."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import click
import typer

from mpquiz import __version__, startup
from mpquiz.cli import (
    class_cmd,
    config_cmd,
    db_cmd,
    demo_cmd,
    exam_cmd,
    exercise_cmd,
    optimize_cmd,
    pack_cmd,
    retention_cmd,
    review_cmd,
    serve_cmd,
    stats_cmd,
)
from mpquiz.cli import gift_cmd as _gift_cmd  # noqa: F401 - adds `pack import-gift`, `export-gift`
from mpquiz.cli.context import Options, h, help_lang, set_run_language
from mpquiz.cli.language import cli_language, localize, speak
from mpquiz.core.errors import MpquizError
from mpquiz.i18n import LANGUAGES, error_text, t

app = typer.Typer(
    name="mpquiz",
    help=h("help.app"),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("review", help=h("help.review"), epilog=h("help.review.example"))(review_cmd.review)
app.command("exam", help=h("help.exam"), epilog=h("help.exam.example"))(exam_cmd.exam)
app.command("stats", help=h("help.stats"), epilog=h("help.stats.example"))(stats_cmd.stats)
app.command("optimize", help=h("help.optimize"), epilog=h("help.optimize.example"))(
    optimize_cmd.optimize
)
app.command("retention", help=h("help.retention"), epilog=h("help.retention.example"))(
    retention_cmd.retention
)
app.add_typer(config_cmd.app, name="config")
app.add_typer(pack_cmd.app, name="pack")
app.add_typer(demo_cmd.app, name="demo")
app.add_typer(exercise_cmd.app, name="exercise")
app.add_typer(db_cmd.app, name="db")
app.add_typer(class_cmd.app, name="class")
app.add_typer(serve_cmd.app, name="serve")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mpquiz {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True, epilog=h("help.app.example"))
def main(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", metavar="URL", help=h("help.opt.db"))] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="|".join(LANGUAGES), help=h("help.opt.lang"))
    ] = None,
    learner: Annotated[
        str | None, typer.Option("--learner", metavar="NAME", help=h("help.opt.learner"))
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", metavar="FILE", help=h("help.opt.config"))
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=h("help.opt.version")),
    ] = False,
) -> None:
    """Global options; with no command, open the app (the plain review without a terminal)."""
    if lang is not None and lang not in LANGUAGES:
        message = t("cli.bad_lang", help_lang(), lang=lang, languages=", ".join(LANGUAGES))
        raise typer.BadParameter(message, param_hint="--lang")
    ctx.obj = Options(db_url=db, lang_option=lang, learner=learner, config_path=config)
    ctx.call_on_close(ctx.obj.close)
    startup.resume()  # parsed: the command runs with the collector (the app pauses it again)
    if ctx.invoked_subcommand is None:
        from mpquiz.cli import tui_cmd

        if tui_cmd.interactive():
            tui_cmd.open_app(ctx)
        else:
            # Without a terminal (a pipe, a script) the line-by-line review serves.
            ctx.invoke(review_cmd.review, ctx=ctx, plain=True)


def command(lang: str) -> click.Command:
    """mpquiz's command line, every help text and parser message in `lang`."""
    speak(lang)
    built = typer.main.get_command(app)
    localize(built, lang)
    return built


def run(argv: list[str] | None = None) -> None:
    """Console-script entry: one clear line on stderr and an exit code, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    lang = cli_language(args)
    set_run_language(lang)
    try:
        code = command(lang).main(args, prog_name="mpquiz", standalone_mode=False)
    except MpquizError as exc:
        _fail(error_text(exc, lang), exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:
        if isinstance(exc, click.exceptions.NoArgsIsHelpError):
            exc.show()  # a group called bare: its help as it is (Click 8.2+ raises it)
            sys.exit(exc.exit_code)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            # A usage error from the command-line parser (unknown command, bad option).
            ctx = getattr(exc, "ctx", None)
            where = ctx.command_path if ctx is not None else "mpquiz"
            message = exc.format_message()
            if not message:  # a group called bare has printed its help already
                sys.exit(exc.exit_code)
            _fail(t("cli.see_help", lang, message=message, where=where), exc.exit_code)
        if os.environ.get("MPQUIZ_DEBUG"):
            raise
        # The last line of defence: never show a traceback.
        _fail(t("cli.internal_error", lang, kind=type(exc).__name__, detail=exc), 1)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> None:
    typer.echo(f"mpquiz: {message}", err=True)
    sys.exit(code)
