"""`mpquiz serve [links NAMES…]`: the app in the class's browsers (see mpquiz.web)."""

from __future__ import annotations

import secrets
import socket
from typing import Annotated
from urllib.parse import urlencode

import typer

from mpquiz.cli.context import Options, h, services

app = typer.Typer(
    help=h("help.serve"),
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)

DEFAULT_PORT = 8000
DEFAULT_TABS = 30


@app.callback(epilog=h("help.serve.example"))
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help=h("help.opt.serve_host"))
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", min=1, max=65535, metavar="PORT", help=h("help.opt.serve_port")),
    ] = DEFAULT_PORT,
    db: Annotated[str | None, typer.Option("--db", metavar="URL", help=h("help.opt.db"))] = None,
    token: Annotated[
        str | None, typer.Option("--token", metavar="TOKEN", help=h("help.opt.serve_token"))
    ] = None,
    max_tabs: Annotated[
        int, typer.Option("--max-tabs", min=1, metavar="N", help=h("help.opt.serve_tabs"))
    ] = DEFAULT_TABS,
    public_url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help=h("help.opt.serve_url"))
    ] = None,
) -> None:
    """Serve the app to browsers: one app process per tab, one learner each."""
    options: Options = ctx.find_root().obj
    if db is not None:
        options.db_url = db
    base = (public_url or f"http://{_reachable(host)}:{port}").rstrip("/")
    ctx.obj = base  # what `serve links` builds its links on
    if ctx.invoked_subcommand is not None:
        return
    _run(ctx, host=host, port=port, token=token, max_tabs=max_tabs, base=base)


@app.command("links", help=h("help.serve.links"), epilog=h("help.serve.links.example"))
def links(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="NAMES…", help=h("help.arg.serve_names"))],
) -> None:
    """A personal link per learner: it opens the app as that learner, with no token."""
    from mpquiz import paths
    from mpquiz.web.access import clean_name, link_key, load_secret

    base: str = ctx.parent.obj if ctx.parent is not None else f"http://127.0.0.1:{DEFAULT_PORT}"
    secret = load_secret(paths.data_dir())
    cleaned = [clean_name(name) for name in names]  # all checked before any is printed
    for name in cleaned:
        query = urlencode({"learner": name, "key": link_key(secret, name)})
        typer.echo(f"{name}\t{base}/?{query}")


def _run(
    ctx: typer.Context, *, host: str, port: int, token: str | None, max_tabs: int, base: str
) -> None:
    from mpquiz import paths
    from mpquiz.i18n import t
    from mpquiz.web.access import Access, is_loopback, load_secret
    from mpquiz.web.server import ClassServer, TabCommand

    svc = services(ctx)
    lang = svc.lang
    svc.open(as_learner=False)  # made and migrated once here, not by the first tabs at once
    svc.close()
    options: Options = ctx.find_root().obj
    if token is None and not is_loopback(host):
        token = secrets.token_urlsafe(16)
    access = Access(secret=load_secret(paths.data_dir()), token=token)
    command = TabCommand(lang=lang, db_url=options.db_url, config_path=options.config_path)
    server = ClassServer(
        host=host,
        port=port,
        access=access,
        command=command,
        max_tabs=max_tabs,
        lang=lang,
        secure=base.startswith("https://"),
    )
    _check_port(host, port)
    url = f"{base}/" + (f"?{urlencode({'token': token})}" if token else "")
    typer.echo(t("serve.started", lang, url=url, limit=max_tabs))
    if token is None:
        typer.echo(t("serve.loopback_only", lang))
    server.serve()
    typer.echo(t("serve.stopped", lang))


def _reachable(host: str) -> str:
    """How a browser reaches `host`: a wildcard bind is reached by the machine's name."""
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def _check_port(host: str, port: int) -> None:
    """An address it cannot listen on is one clear line, before anything is printed
    (aiohttp would raise deep inside its loop)."""
    import errno

    from mpquiz.core.errors import BadInput
    from mpquiz.i18n import keyed

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise keyed(BadInput, "serve.host_unknown", host=host) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            key = {
                errno.EADDRINUSE: "serve.port_taken",
                errno.EACCES: "serve.port_denied",
                errno.EADDRNOTAVAIL: "serve.host_unknown",
            }.get(exc.errno or 0, "serve.cannot_listen")
            raise keyed(BadInput, key, host=host, port=port, detail=exc.strerror) from None
