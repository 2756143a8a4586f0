"""`mpquiz config`: show and change the settings file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpquiz.cli.context import h, services

if TYPE_CHECKING:
    from mpquiz.services import Services

app = typer.Typer(
    help=h("help.config"),
    epilog=h("help.config.example"),
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)


@app.callback()
def show(ctx: typer.Context) -> None:
    """Show every setting and the file that holds them."""
    if ctx.invoked_subcommand is not None:
        return
    svc = services(ctx)
    typer.echo(f"# {_path(svc)}")
    for key, value in svc.settings.as_dict().items():
        typer.echo(f"{key} = {value!r}")


@app.command("get", help=h("help.config.get"))
def get(ctx: typer.Context, key: Annotated[str, typer.Argument(metavar="KEY")]) -> None:
    """Print one setting."""
    from mpquiz.core.errors import BadInput
    from mpquiz.settings import FIELDS

    if key not in FIELDS:
        raise BadInput(f"unknown setting '{key}' (known: {', '.join(FIELDS)})")
    typer.echo(str(getattr(services(ctx).settings, key)))


@app.command("set", help=h("help.config.set"))
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY")],
    value: Annotated[str, typer.Argument(metavar="VALUE")],
) -> None:
    """Change one setting and save the file."""
    from mpquiz.settings import save_settings, set_value

    svc = services(ctx)
    updated = set_value(svc.settings, key, value)
    save_settings(updated, _path(svc))
    typer.echo(f"{key} = {getattr(updated, key)!r}")


@app.command("path", help=h("help.config.path"))
def path(ctx: typer.Context) -> None:
    """Print where the settings file lives."""
    typer.echo(str(_path(services(ctx))))


def _path(svc: Services) -> Path:
    from mpquiz import paths

    return svc.config_path or paths.config_file()
