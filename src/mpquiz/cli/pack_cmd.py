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
def list_(ctx: typer.Context) -> None:
    """Show the installed packs with their question counts."""
    svc = services(ctx)
    for pack in svc.store.packs():
        origin = "built-in" if pack.builtin else pack.root
        typer.echo(
            f"{pack.id}\t{pack.version}\t{pack.active_questions}\t"
            f"{pack.title.get(svc.lang)}\t{origin}"
        )
