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
    """Show every setting as the settings file writes it, and the file that holds them."""
    from mpquiz.settings import toml_value

    if ctx.invoked_subcommand is not None:
        return
    svc = services(ctx)
    typer.echo(f"# {_path(svc)}")
    for key, value in svc.settings.as_dict().items():
        typer.echo(f"{key} = {toml_value(value)}")


@app.command("get", help=h("help.config.get"))
def get(ctx: typer.Context, key: Annotated[str, typer.Argument(metavar="KEY")]) -> None:
    """Print one setting, as `config set` takes it (true or false, text unquoted)."""
    from mpquiz.settings import check_key, toml_value

    check_key(key)
    value = getattr(services(ctx).settings, key)
    typer.echo(value if isinstance(value, str) else toml_value(value))


@app.command("set", help=h("help.config.set"))
def set_(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(metavar="KEY")],
    value: Annotated[str, typer.Argument(metavar="VALUE")],
) -> None:
    """Change one setting and save the file."""
    from mpquiz.settings import save_settings, set_value, toml_value

    svc = services(ctx)
    updated = set_value(svc.settings, key, value)
    save_settings(updated, _path(svc))
    typer.echo(f"{key} = {toml_value(getattr(updated, key))}")


@app.command("path", help=h("help.config.path"))
def path(ctx: typer.Context) -> None:
    """Print where the settings file lives."""
    typer.echo(str(_path(services(ctx))))


def _path(svc: Services) -> Path:
    from mpquiz import paths

    return svc.config_path or paths.config_file()
