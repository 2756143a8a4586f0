"""`mpquiz db`: check the database, back it up, restore a backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mpquiz.cli.context import h, services
from mpquiz.i18n import error_text, keyed, t

app = typer.Typer(help=h("help.db"), no_args_is_help=True, rich_markup_mode=None)


def _sqlite_file(ctx: typer.Context) -> Path:
    from mpquiz.core.errors import BadInput
    from mpquiz.store.engine import sqlite_path

    svc = services(ctx)
    db = sqlite_path(svc.url)
    if db is None:
        raise keyed(BadInput, "db.sqlite_only", url=svc.url)
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
    from mpquiz.store.failures import not_sqlite

    db = _sqlite_file(ctx)
    lang = services(ctx).lang
    _refuse_if_not_checkable(db)
    problems = integrity(db)
    if not problems:
        typer.echo(t("db.check.ok", lang, db=db))
        return
    if len(problems) == 1 and (foreign := not_sqlite(str(db), problems[0])) is not None:
        typer.echo(error_text(foreign, lang), err=True)  # SQLite's words say only that
        raise typer.Exit(1)
    for problem in problems[:50]:
        typer.echo(f"{db}: {problem}", err=True)  # SQLite's own words
    typer.echo(t("db.check.damaged", lang, db=db), err=True)
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
        raise keyed(StoreError, "db.no_file", db=db)
    if found.kind is Kind.EMPTY:
        raise keyed(StoreError, "db.empty", db=db)
    if found.kind in (Kind.FOREIGN, Kind.BAD_VERSION) and (refusal := unusable(db, found)):
        raise refusal


@app.command("backup", help=h("help.db.backup"))
def backup(ctx: typer.Context) -> None:
    """Back up the database now (the backup of today is replaced)."""
    import sqlite3

    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import backup_now, integrity
    from mpquiz.store.engine import backups_folder
    from mpquiz.store.failures import first_fault

    db = _sqlite_file(ctx)
    _refuse_if_not_checkable(db)
    if problems := integrity(db, quick=True):
        raise keyed(StoreError, "db.backup.damaged", db=db, problem=first_fault(problems[0]))
    folder = backups_folder(db)
    today = services(ctx).clock.now().astimezone().date()
    _keep_a_backup_with_reviews(db, folder, today)
    try:
        made = backup_now(db, folder, today)
    except (OSError, sqlite3.Error) as exc:
        raise keyed(
            StoreError, "db.backup.cannot_write", db=db, folder=folder, detail=exc
        ) from None
    typer.echo(t("db.backup.done", services(ctx).lang, path=made))


def _keep_a_backup_with_reviews(db: Path, folder: Path, today: date) -> None:
    """StoreError when a database without reviews would replace today's backup with some."""
    from mpquiz.core.errors import StoreError
    from mpquiz.store.backup import backups
    from mpquiz.store.peek import has_reviews

    todays = [b.path for b in backups(folder) if b.day == today]
    if todays and has_reviews(todays[0]) and not has_reviews(db):
        raise keyed(StoreError, "db.backup.no_reviews", db=db, backup=todays[0])


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
    lang = services(ctx).lang
    folder = backups_folder(db)
    found = backups_mod.backups(folder)
    if list_only:
        for item in found:
            typer.echo(f"{item.day.isoformat()}\t{item.path}")
        if not found:
            typer.echo(t("db.restore.none", lang, db=db, folder=folder), err=True)
        return
    if backup_file is None:
        latest = backups_mod.worth_restoring(found)
        if latest is None:
            raise keyed(StoreError, "db.restore.none", db=db, folder=folder)
        backup_file = latest.path
    if not backup_file.is_file():
        raise keyed(BadInput, "db.restore.no_such", path=backup_file)
    backups_mod.ensure_replaceable(db)
    typer.echo(t("db.restore.ask", lang, backup=backup_file, db=db))
    if not yes:
        if not sys.stdin.isatty():
            raise keyed(BadInput, "db.restore.need_yes")
        if not typer.confirm(t("db.restore.confirm", lang), default=False):
            raise typer.Exit(1)
    aside = backups_mod.restore(backup_file, db, services(ctx).clock.now())
    if aside is None:
        typer.echo(t("db.restore.done", lang, backup=backup_file))
    else:
        typer.echo(t("db.restore.done_aside", lang, backup=backup_file, aside=aside))
