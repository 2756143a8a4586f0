"""A scripted browser tab of `mpquiz serve`, over textual-serve's own websocket protocol.

It fetches the page as a browser does, opens the websocket the page names, sends keys as
`["stdin", …]` envelopes and feeds every byte the app sends into a VT100 screen (pyte), so
a test reads the screen a learner would see. The tests and `bench serve` share it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import aiohttp
import pyte

KEYS = {"Enter": "\r", "Escape": "\x1b", "C-s": "\x13", "C-q": "\x11", "Tab": "\t"}
VERDICTS = ("✔ Right", "✘ Not so", "Compare and rate yourself", "✔ Correcto", "✘ No es así")
_WS_URL = re.compile(r'data-session-websocket-url="([^"]+)"')


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServeProcess:
    """`mpquiz serve` started as an instructor would, in a process of its own."""

    def __init__(
        self, args: list[str], env: Mapping[str, str], port: int, db: str | None = None
    ) -> None:
        self.port = port
        self.db = db  # the database it serves, when the caller says
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mpquiz", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=dict(env),
            text=True,
        )
        assert self.process.stdout is not None
        self.banner = self.process.stdout.readline()
        self._wait_listening()

    def _wait_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                rest = self.process.stdout.read() if self.process.stdout else ""
                raise AssertionError(f"mpquiz serve ended: {self.banner}{rest}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return
            time.sleep(0.1)
        raise AssertionError("mpquiz serve never listened")

    def stop(self) -> str:
        """Ctrl+C, as the instructor stops it; what it printed."""
        self.process.send_signal(2)
        try:
            out, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return self.banner + (out or "")


class Tab:
    """One learner's tab: the page, its websocket and the screen it draws."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http = http
        self.base = base.rstrip("/")
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()

    async def open(self, query: Mapping[str, str]) -> None:
        """Load the page with `query` and connect its terminal (80x24)."""
        async with self.http.get(self.base + "/", params=dict(query)) as page:
            html = await page.text()
            if page.status != 200:
                raise PageRefused(page.status, html)
        found = _WS_URL.search(html)
        assert found is not None, html
        self.socket = await self.http.ws_connect(found.group(1) + "?width=80&height=24")
        await self.socket.send_json(["resize", {"width": 80, "height": 24}])
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.ERROR):
                break
        self.closed.set()

    def text(self) -> str:
        """The screen as a learner reads it now."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    async def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Press `keys` (names from KEYS, else the text typed)."""
        assert self.socket is not None
        for key in keys:
            await self.socket.send_json(["stdin", KEYS.get(key, key)])
            await asyncio.sleep(pause)

    async def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """The screen once it shows any of `texts`; AssertionError with it if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text()
            if any(text in shown for text in texts):
                return shown
            if self.closed.is_set():
                break
            await asyncio.sleep(0.05)
        raise AssertionError(f"none of {texts} appeared; the screen shows:\n{self.text()}")

    def _answer_keys(self) -> tuple[str, str]:
        """What to type for the question on screen (English), and the key that answers."""
        shown = self.text()
        if "Write your answer." in shown:  # an open question
            return "I am not sure", "C-s"
        if "(or ctrl+s) answers" in shown:  # a typed prediction: ctrl+s ends it
            return "1", "C-s"
        return "1", "Enter"  # an option, a candidate output, a number

    async def answer(self) -> str:
        """Answer the question on screen (right or wrong); the screen with the verdict."""
        await self.answer_timed()
        return self.text()

    async def answer_timed(self) -> float:
        """Answer the question on screen; seconds from the key that gives the answer until
        the verdict shows."""
        typed, final = self._answer_keys()
        await self.keys(typed)
        start = time.perf_counter()
        await self.keys(final, pause=0)
        await self.wait_for(*VERDICTS, timeout=120)
        return time.perf_counter() - start

    async def rate_and_go_on(self) -> None:
        """Take the suggested rating (an open question: Good) and move to what follows."""
        shown = self.text()
        await self.keys("3" if "Compare and rate yourself" in shown else "Enter")

    async def close(self) -> None:
        """Close the tab, as a learner closing it in the browser."""
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 10)


class PageRefused(Exception):
    """The server answered the page with an error status."""

    def __init__(self, status: int, html: str) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.html = html


def processes_with(marker: str) -> list[int]:
    """The live processes whose environment holds `marker` (what a test's server started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found
