"""The web server of `mpquiz serve`: textual-serve's, with mpquiz's doors and limits.

Each page that passes the access rules (web.access) gets a one-use ticket; its websocket
redeems it and starts one app process for that learner: `python -m mpquiz --learner NAME
… ` under textual-serve's web driver, started without a shell and in a session of its
own. When the tab goes, the app is asked to quit (it stops its demo as on any quit); one
that does not within a few seconds is killed with its whole process group. At most
`max_tabs` app processes run at once; past that, the page says the class is full.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from mpquiz.core.errors import BadInput
from mpquiz.i18n import error_text, t
from mpquiz.web.access import Access, clean_name

log = logging.getLogger("mpquiz.serve")

TEMPLATES = Path(__file__).parent / "templates"
QUIT_GRACE = 5.0
"""Seconds a tab's app has to quit on its own before its process group is killed."""

_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token and the keys ride in the URL
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class TabCommand:
    """How a tab's app process is started: this interpreter and the global options."""

    lang: str
    db_url: str | None = None
    config_path: Path | None = None

    def argv(self, learner: str) -> list[str]:
        """The app's command line for `learner` (a list: no shell ever reads the name)."""
        argv = [sys.executable, "-m", "mpquiz", "--lang", self.lang, "--learner", learner]
        if self.db_url is not None:
            argv += ["--db", self.db_url]
        if self.config_path is not None:
            argv += ["--config", str(self.config_path)]
        return argv


class Tab(AppService):
    """One browser tab's app process (textual-serve's AppService, started without a shell)."""

    def __init__(self, argv: Sequence[str], **options: Any) -> None:
        super().__init__(" ".join(argv), **options)
        self.argv = list(argv)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,  # its own process group, so it can be ended whole
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def close(self, grace: float = QUIT_GRACE) -> None:
        """Ask the app to quit; past `grace` seconds, end its process group."""
        process = self._process
        try:
            await asyncio.wait_for(self.stop(), grace)
        except TimeoutError:
            log.warning("a tab's app did not quit within %.0f s: ending it", grace)
        if process is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, sig)
            try:
                await asyncio.wait_for(process.wait(), 2.0)
                break
            except TimeoutError:
                continue


class ClassServer(Server):
    """textual-serve's server with a name page, the access rules and a cap on tabs."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        access: Access,
        command: TabCommand,
        max_tabs: int,
        lang: str,
        secure: bool = False,
    ) -> None:
        super().__init__("mpquiz", host=host, port=port, title="mpquiz")
        self.access = access
        self.tab_command = command
        self.max_tabs = max_tabs
        self.lang = lang
        self.secure = secure  # reached over HTTPS (a proxy in front): the socket is wss
        self.tabs: set[Tab] = set()
        self._pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    async def _make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{ticket}", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def initialize_logging(self) -> None:
        """textual-serve's log, without aiohttp's access lines: they would print the
        class token and the personal links' keys, which ride in the URL."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the command line has said where the class is."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab's app before the server goes."""
        await asyncio.gather(*(tab.close() for tab in list(self.tabs)))

    def _page(self, name: str, status: int = 200, **context: object) -> web.Response:
        lang = self.lang
        html = self._pages.get_template(name).render(
            lang=lang, text=lambda key, **params: t(key, lang, **params), **context
        )
        return web.Response(text=html, status=status, content_type="text/html", headers=_HEADERS)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The name page, the refusal, the class-full page or the app's page."""
        query = request.query
        token, key, typed = query.get("token"), query.get("key"), query.get("learner")
        if key is not None:  # a personal link: its key decides, for its own name only
            try:
                name = clean_name(typed or "")
            except BadInput:
                return self._notice(403, "serve.page.bad_link")
            if not self.access.link_ok(name, key):
                return self._notice(403, "serve.page.bad_link")
        elif not self.access.token_ok(token):
            return self._notice(403, "serve.page.refused")
        elif typed is None:
            return self._page("name.html", token=token or "", error="", typed="")
        else:
            try:
                name = clean_name(typed)
            except BadInput as exc:
                error = error_text(exc, self.lang)
                error = error[:1].upper() + error[1:] + "."  # a sentence on the page
                return self._page("name.html", 400, token=token or "", error=error, typed=typed)
        if len(self.tabs) >= self.max_tabs:
            return self._notice(503, "serve.page.full", limit=self.max_tabs)
        scheme = "wss" if request.secure or self.secure else "ws"
        ticket = self.access.issue(name)
        return self._page(
            "app_index.html",
            learner=name,
            font_size=_bounded(query.get("fontsize"), 16, 8, 48),
            websocket_url=f"{scheme}://{request.host}/ws/{ticket}",
        )

    def _notice(self, status: int, key: str, **params: object) -> web.Response:
        """A page that only says `key` (a refusal, the class full), with `status`."""
        return self._page("notice.html", status, message=t(key, self.lang, **params))

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """One tab: redeem its ticket, run its app process while the socket is open."""
        learner = self.access.redeem(request.match_info["ticket"])
        if learner is None:
            return self._notice(403, "serve.page.refused")
        if len(self.tabs) >= self.max_tabs:
            return self._notice(503, "serve.page.full", limit=self.max_tabs)
        websocket = web.WebSocketResponse(heartbeat=15)
        tab = Tab(
            self.tab_command.argv(learner),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.tabs.add(tab)  # counted before the first await: the cap holds under a rush
        log.info("%s opened a tab (%d of %d)", learner, len(self.tabs), self.max_tabs)
        try:
            await websocket.prepare(request)
            width = _bounded(request.query.get("width"), 80, 20, 500)
            height = _bounded(request.query.get("height"), 24, 20, 500)
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # a broken socket: the tab is gone, end its app
            log.warning("%s's tab failed: %s", learner, error)
        finally:
            await tab.close()
            self.tabs.discard(tab)
            with contextlib.suppress(Exception):
                await websocket.close()
            log.info("%s closed a tab (%d left)", learner, len(self.tabs))
        return websocket


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    """A whole number from the page's query (a terminal size, a font size), kept within
    low..high; `default` when missing or not a number."""
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default
