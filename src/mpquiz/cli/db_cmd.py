"""`mpquiz db`: check the database, back it up, restore a backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mpquiz.cli.context import h, services

app = typer.Typer(help=h("help.db"), no_args_is_help=True, rich_markup_mode=None)


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
    from mpquiz.store.backup import integrity

    db = _sqlite_file(ctx)
    _refuse_if_not_checkable(db)
    problems = integrity(db)
    if not problems:
        typer.echo(f"{db}: ok")
        return
    for problem in problems[:50]:
        typer.echo(f"{db}: {problem}", err=True)
    typer.echo(f"{db}: damaged; `mpquiz db restore` brings back the latest backup", err=True)
    raise typer.Exit(1)


def _refuse_if_not_checkable(db: Path) -> None:
    """StoreError for a file with no database to check: none, empty, or another program's.

    A damaged or non-SQLite file is left to the check, which reports what SQLite finds.
    """
    from mpquiz.core.errors import StoreError
    from mpquiz.store.failures import unusable
    from mpquiz.store.peek import Kind, look

    found = look(db)
    if found.kind is Kind.MISSING:
        raise StoreError(f"{db}: no database file here yet")
    if found.kind is Kind.EMPTY:
        raise StoreError(
            f"{db}: the file is empty (0 bytes): there is no database in it to check "
            "(mpquiz makes a new one there when it next opens it)"
        )
    if found.kind in (Kind.FOREIGN, Kind.BAD_VERSION) and (refusal := unusable(db, found)):
        raise refusal


@app.command("backup", help=h("help.db.backup"))
def backup(ctx: typer.Context) -> None:
    """Back up the database now (the backup of today is replaced)."""
    import sqlite3

    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import backup_now, integrity
    from mpquiz.store.engine import backups_folder

    db = _sqlite_file(ctx)
    _refuse_if_not_checkable(db)
    if problems := integrity(db, quick=True):
        raise StoreError(f"{db}: damaged, not backed up: {problems[0]}")
    folder = backups_folder(db)
    today = services(ctx).clock.now().astimezone().date()
    _keep_a_backup_with_reviews(db, folder, today)
    try:
        made = backup_now(db, folder, today)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{db}: cannot write a backup in {folder}: {exc}") from None
    typer.echo(str(made))


def _keep_a_backup_with_reviews(db: Path, folder: Path, today: date) -> None:
    """StoreError when a database without reviews would replace today's backup with some."""
    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import backups
    from mpquiz.store.peek import has_reviews

    todays = [b.path for b in backups(folder) if b.day == today]
    if todays and has_reviews(todays[0]) and not has_reviews(db):
        raise StoreError(
            f"{db}: holds no reviews, so it does not replace today's backup {todays[0]}, which does"
        )


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
        latest = backups_mod.worth_restoring(found)
        if latest is None:
            raise StoreError(f"{db}: no backups in {backups_folder(db)}")
        backup_file = latest.path
    if not backup_file.is_file():
        raise BadInput(f"{backup_file}: no such backup")
    backups_mod.ensure_replaceable(db)
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
