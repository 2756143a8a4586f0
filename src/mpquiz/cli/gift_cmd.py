"""`mpquiz pack import-gift` and `export-gift`: Moodle's GIFT format in and out.

The commands belong to `mpquiz pack`; they are kept here, apart from the pack commands
proper, because GIFT needs its own report of what could not be converted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpquiz.cli.context import h, opened, services
from mpquiz.cli.output import to_json
from mpquiz.cli.pack_cmd import IdArg, _check_lang, app
from mpquiz.core.inert import inert
from mpquiz.i18n import t

if TYPE_CHECKING:
    from mpquiz.packs.gift_convert import Conversion


@app.command("import-gift", help=h("help.pack.import_gift"))
def import_gift(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE", help=h("help.arg.gift_file"))],
    out: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help=h("help.opt.pack_out"))
    ],
    lang: Annotated[
        str, typer.Option("--lang", metavar="es|en", help=h("help.opt.gift_lang"))
    ] = "es",
    pack_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help=h("help.opt.new_id"))
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help=h("help.opt.new_title"))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=h("help.opt.json"))] = False,
) -> None:
    """Convert a Moodle GIFT file into a new pack folder, listing what cannot be converted."""
    from mpquiz.packs.gift_import import NoQuestions
    from mpquiz.packs.gift_import import import_gift as run_import

    _check_lang(lang)
    ui = services(ctx).lang
    try:
        result = run_import(source, out, lang=lang, pack_id=pack_id, title=title)
    except NoQuestions as exc:
        _gift_report(exc.result, source, ui, as_json=as_json)
        raise typer.Exit(2) from None
    _gift_report(result, source, ui, as_json=as_json, out=out)


def _gift_report(
    result: Conversion, source: Path, ui: str, *, as_json: bool, out: Path | None = None
) -> None:
    """The conversion report: on stdout after an import, on stderr when nothing converted."""
    failed = out is None
    if as_json:
        data = result.to_dict(str(source), str(out) if out else None)
        typer.echo(to_json(data))
    elif not failed:
        skipped = len(result.skipped)
        count = len(result.questions)
        typer.echo(
            t("pack.gift.done", ui, path=out, count=count, kinds=result.kinds(), skipped=skipped)
        )
        typer.echo(t("pack.gift.demo", ui))
    if failed:
        typer.echo(t("pack.gift.none", ui, count=len(result.skipped), path=source), err=True)
    sections = (
        ("pack.gift.skipped", result.skipped_lines(source.name)),
        ("pack.gift.notes", result.note_lines(source.name)),
    )
    for key, lines in sections if not as_json else ():
        if lines:
            typer.echo(t(key, ui), err=failed)
            for line in lines:
                typer.echo(inert(f"  {line}"), err=failed)


@app.command("export-gift", help=h("help.pack.export_gift"))
def export_gift(
    ctx: typer.Context,
    pack_id: IdArg,
    out: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=h("help.opt.gift_out"))
    ],
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="es|en", help=h("help.opt.export_lang"))
    ] = None,
) -> None:
    """Write an installed pack's choice and numeric questions as GIFT."""
    from mpquiz.packs.gift_write import export_gift as write_gift
    from mpquiz.packs.loader import load_pack
    from mpquiz.session.pack_install import installed_pack

    _check_lang(lang)
    svc = opened(ctx)
    info = installed_pack(svc.store, pack_id)
    places = svc.places
    folder, demos = places.folder(info.id), places.demos(info.id)
    if folder is None or demos is None or not places.installed(info.id):
        from mpquiz.core.errors import BadInput

        raise BadInput(t("pack.not_here", svc.lang, pack=info.id))
    pack = load_pack(folder, demos_dir=demos)
    result = write_gift(pack, lang or pack.languages[0])
    out.write_text(result.text, encoding="utf-8")
    for qid, reason in result.skipped:
        typer.echo(t("pack.export_gift.skipped", svc.lang, qid=qid, reason=reason), err=True)
    for qid, reason in result.lossy:
        typer.echo(t("pack.export_gift.lossy", svc.lang, qid=qid, reason=reason), err=True)
    typer.echo(t("pack.export_gift.done", svc.lang, count=len(result.written), path=out))
