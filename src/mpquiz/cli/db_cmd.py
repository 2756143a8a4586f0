"""`mpquiz db`: check the database, back it up, restore a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mpquiz.cli.context import h, services

app = typer.Typer(help=h("help.db"), no_args_is_help=True)


def _sqlite_file(ctx: typer.Context) -> Path:
    from mpquiz.core.errors import BadInput
    from mpquiz.store.engine import sqlite_path

    svc = services(ctx)
    db = sqlite_path(svc.url)
    if db is None:
        raise BadInput(f"{svc.url}: backups and checks here are for SQLite files only")
    return db


@app.command("path", help=h("help.db.path"))
def path(ctx: typer.Context) -> None:
    """Print the database URL in use."""
    from mpquiz.store.engine import describe

    typer.echo(describe(services(ctx).url))


@app.command("check", help=h("help.db.check"))
def check(ctx: typer.Context) -> None:
    """Run SQLite's integrity check; exit 1 when it finds problems."""
    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import integrity

    db = _sqlite_file(ctx)
    if not db.is_file():
        raise StoreError(f"{db}: no database file here yet")
    problems = integrity(db)
    if not problems:
        typer.echo(f"{db}: ok")
        return
    if problems == ["unable to open database file"]:  # unreadable, not damaged
        from mpquiz.store.failures import cannot_open

        raise cannot_open(db, problems[0])
    for problem in problems[:50]:
        typer.echo(f"{db}: {problem}", err=True)
    typer.echo(f"{db}: damaged; `mpquiz db restore` brings back the latest backup", err=True)
    raise typer.Exit(1)


@app.command("backup", help=h("help.db.backup"))
def backup(ctx: typer.Context) -> None:
    """Back up the database now (the backup of today is replaced)."""
    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import backup_now, integrity
    from mpquiz.store.engine import backups_folder

    db = _sqlite_file(ctx)
    if not db.is_file():
        raise StoreError(f"{db}: no database file here yet")
    if problems := integrity(db, quick=True):
        raise StoreError(f"{db}: damaged, not backed up: {problems[0]}")
    import sqlite3

    folder = backups_folder(db)
    try:
        made = backup_now(db, folder, services(ctx).clock.now().astimezone().date())
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{db}: cannot write a backup in {folder}: {exc}") from None
    typer.echo(str(made))


@app.command("restore", help=h("help.db.restore"))
def restore(
    ctx: typer.Context,
    backup_file: Annotated[
        Path | None, typer.Argument(metavar="[BACKUP]", help=h("help.arg.backup"))
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help=h("help.opt.list"))] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("help.opt.yes_restore"))] = False,
) -> None:
    """Put a backup (default: the latest) in place of the database; the old file is kept."""
    import sys

    from mpquiz.core.errors import BadInput, StoreError
    from mpquiz.store import backup as backups_mod
    from mpquiz.store.engine import backups_folder

    db = _sqlite_file(ctx)
    found = backups_mod.backups(backups_folder(db))
    if list_only:
        for item in found:
            typer.echo(f"{item.day.isoformat()}\t{item.path}")
        return
    if backup_file is None:
        if not found:
            raise StoreError(f"{db}: no backups in {backups_folder(db)}")
        backup_file = found[0].path
    if not backup_file.is_file():
        raise BadInput(f"{backup_file}: no such backup")
    typer.echo(f"Restore {backup_file} over {db}? The current file is kept beside it.")
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput("confirm with --yes when standard input is not a terminal")
        if not typer.confirm("Restore?", default=False):
            raise typer.Exit(1)
    try:
        aside = backups_mod.restore(backup_file, db, services(ctx).clock.now())
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    typer.echo(f"restored {backup_file}" + (f"; the old database is now {aside}" if aside else ""))
