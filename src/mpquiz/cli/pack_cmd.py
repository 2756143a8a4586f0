"""`mpquiz pack`: list installed packs and validate pack folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mpquiz.cli.context import h, services

app = typer.Typer(help=h("help.pack"), no_args_is_help=True)


@app.command("validate", help=h("help.pack.validate"), epilog=h("help.pack.validate.example"))
def validate(
    path: Annotated[Path, typer.Argument(metavar="PATH", help=h("help.arg.pack_path"))],
    run: Annotated[bool, typer.Option("--run", help=h("help.opt.run"))] = False,
) -> None:
    """Check a pack folder and report every problem.

    Exit code 0 when clean, 1 when a demo contradicts a key (--run), 2 when the pack
    itself is invalid.
    """
    from mpquiz import paths
    from mpquiz.packs.loader import load_pack
    from mpquiz.packs.problems import PackErrors

    builtin = path.resolve() == paths.builtin_pack_dir().resolve()
    try:
        pack = load_pack(path, demos_dir=paths.builtin_demos_dir() if builtin else None)
    except PackErrors as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(exc.problems)} problem(s) in {path}", err=True)
        raise typer.Exit(2) from None
    kinds: dict[str, int] = {}
    for q in pack.questions:
        kinds[q.kind.value] = kinds.get(q.kind.value, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    typer.echo(f"{pack.id} {pack.version}: {len(pack.questions)} questions ({summary}), valid")
    if run:
        _run_keys(pack)


def _run_keys(pack) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from mpquiz.session.keycheck import check_keys

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("demos", total=None)

        def progress(demo: str, done: int, total: int) -> None:
            bar.update(task, description=demo, completed=done, total=total)

        report = check_keys(pack, progress=progress)
    for problem in report.problems:
        typer.echo(str(problem), err=True)
    verdict = (
        "all keys confirmed" if not report.problems else (f"{len(report.problems)} key problem(s)")
    )
    typer.echo(f"{report.runs} demo runs, {report.questions} questions: {verdict}")
    if report.problems:
        raise typer.Exit(1)


@app.command("list", help=h("help.pack.list"))
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Show the installed packs with their question counts and trust."""
    import json

    svc = services(ctx)
    rows = []
    for pack in svc.store.packs():
        rows.append(
            {
                "id": pack.id,
                "version": pack.version,
                "questions": pack.active_questions,
                "title": pack.title.get(svc.lang),
                "builtin": pack.builtin,
                "trust": _trust_state(svc, pack),
                "path": pack.root,
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        typer.echo(
            f"{row['id']}\t{row['version']}\t{row['questions']}\t{row['trust']}\t{row['title']}"
        )


def _trust_state(svc, pack) -> str:
    from mpquiz.packs.trust import demo_hashes

    if pack.builtin:
        return "built-in"
    trusted = svc.trust.trusted(pack.id)
    if not trusted:
        return "untrusted"
    return "trusted" if trusted == demo_hashes(svc.demos_dir_for(pack)) else "changed"


@app.command("add", help=h("help.pack.add"))
def add(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help=h("help.arg.pack_path"))],
    force: Annotated[bool, typer.Option("--force", help=h("help.opt.force"))] = False,
) -> None:
    """Install a pack folder, or update it to a higher version."""
    from mpquiz.packs.install import add_pack
    from mpquiz.packs.problems import PackErrors

    svc = services(ctx)
    try:
        pack, report = add_pack(path, svc.store, svc.packs_root, svc.clock.now(), force=force)
    except PackErrors as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(exc.problems)} problem(s) in {path}; nothing was added", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{pack.id} {pack.version}: {report.added} added, {report.updated} updated, "
        f"{report.retired} retired, {report.unchanged} unchanged"
    )
    if _trust_state(svc, next(p for p in svc.store.packs() if p.id == pack.id)) != "trusted":
        typer.echo(f"Its demos run once you trust it: mpquiz pack trust {pack.id}")


@app.command("remove", help=h("help.pack.remove"))
def remove(ctx: typer.Context, pack_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Retire a pack's questions (reviews are kept) and delete its files."""
    from mpquiz.packs.install import remove_pack

    svc = services(ctx)
    retired = remove_pack(pack_id, svc.store, svc.packs_root, svc.clock.now())
    svc.trust.revoke(pack_id)
    typer.echo(f"{pack_id}: removed, {retired} questions retired (reviews kept)")


@app.command("trust", help=h("help.pack.trust"))
def trust(
    ctx: typer.Context,
    pack_id: Annotated[str, typer.Argument(metavar="ID")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=h("help.opt.yes"))] = False,
) -> None:
    """List a pack's demo files with their SHA-256 and trust them."""
    import sys

    from mpquiz.core.errors import BadInput
    from mpquiz.packs.trust import demo_hashes

    svc = services(ctx)
    pack = next((p for p in svc.store.packs() if p.id == pack_id), None)
    if pack is None:
        raise BadInput(f"no installed pack '{pack_id}'")
    if pack.builtin:
        typer.echo("The built-in pack is always trusted.")
        return
    hashes = demo_hashes(svc.demos_dir_for(pack))
    typer.echo(f"{pack.id} {pack.version} runs these programs on this computer:")
    for name, digest in hashes.items():
        typer.echo(f"  {digest}  {name}")
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput("confirm with --yes when standard input is not a terminal")
        if not typer.confirm("Trust them?", default=False):
            raise typer.Exit(1)
    svc.trust.trust(pack.id, hashes)
    typer.echo(f"{pack.id}: {len(hashes)} demo file(s) trusted")


@app.command("untrust", help=h("help.pack.untrust"))
def untrust(ctx: typer.Context, pack_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Withdraw trust: the pack's demos stop running."""
    svc = services(ctx)
    changed = svc.trust.revoke(pack_id)
    typer.echo(f"{pack_id}: " + ("no longer trusted" if changed else "was not trusted"))
