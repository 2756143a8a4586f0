"""`mpquiz serve` from outside: the server started as an instructor would, tabs driven over
textual-serve's websocket protocol, the database read afterwards."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from mpquiz.core.errors import BadInput
from mpquiz.web.access import Access, clean_name, is_loopback, link_key, load_secret
from tests.support.serve_client import (
    PageRefused,
    ServeProcess,
    Tab,
    free_port,
    processes_with,
)
from tests.web import serving

END, UP = "\x1b[F", "\x1b[A"


# --- the access rules, alone -------------------------------------------------------------


def test_a_personal_link_opens_its_own_learner_only(tmp_path: Path) -> None:
    secret = load_secret(tmp_path)
    assert load_secret(tmp_path) == secret  # kept: links stay valid across restarts
    assert (tmp_path / "serve-secret").stat().st_mode & 0o077 == 0
    access = Access(secret=secret, token="class-token")
    assert access.link_ok("Ana", link_key(secret, "Ana"))
    assert not access.link_ok("Luis", link_key(secret, "Ana"))
    assert not access.link_ok("Ana", link_key(b"another secret" * 3, "Ana"))
    assert not access.link_ok("Ana", None)


def test_the_token_and_the_tickets(tmp_path: Path) -> None:
    access = Access(secret=load_secret(tmp_path), token="class-token")
    assert access.token_ok("class-token")
    assert not access.token_ok("class-tokenx")
    assert not access.token_ok(None)
    assert Access(secret=b"s" * 32).token_ok(None)  # no token: loopback, open
    ticket = access.issue("Ana")
    assert access.redeem(ticket) == "Ana"
    assert access.redeem(ticket) is None  # one use
    assert access.redeem("made-up") is None


def test_names_and_hosts() -> None:
    assert clean_name("  Ana   María ") == "Ana María"
    for bad, key in [
        ("", "serve.name_empty"),
        ("x" * 41, "serve.name_long"),
        ("Ana\x1b[2J", "serve.name_control"),
    ]:
        with pytest.raises(BadInput) as raised:
            clean_name(bad)
        assert raised.value.key == key
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


# --- the server, from outside ------------------------------------------------------------


@pytest.mark.slow
def test_a_learner_answers_in_a_tab_and_the_review_is_stored(
    served: ServeProcess, tmp_path: Path
) -> None:
    status, name_page = serving.get(serving.base(served) + "/")
    assert status == 200 and 'name="learner"' in name_page and '<html lang="en">' in name_page

    async def study() -> str:
        async with aiohttp.ClientSession() as http:
            tab = Tab(http, serving.base(served))
            await tab.open({"learner": "Ana"})
            home = await tab.wait_for("Review today")
            title = next(line for line in home.splitlines() if "mpquiz" in line)
            assert title.split()[-1] == "Ana"  # the title bar says who is studying
            await tab.keys("r")
            await tab.wait_for("Review · 1 of")
            await tab.answer()
            shown = await tab.wait_for("exit code", "did not run")
            await tab.keys("Escape")  # home: the answer kept, rated as suggested
            await tab.wait_for("Review today")
            await tab.close()
            return shown

    shown = asyncio.run(study())
    assert "demo:" in shown and re.search(r"✔|✘|Compare", shown), shown
    assert serving.left(tmp_path, served) == []
    assert serving.reviews(tmp_path, served.db, "Ana") == 1


@pytest.mark.slow
@pytest.mark.serve_args(slow_pack=True)
def test_a_tab_closed_mid_demo_leaves_no_process_behind(
    served: ServeProcess, tmp_path: Path
) -> None:
    async def close_mid_demo() -> list[int]:
        async with aiohttp.ClientSession() as http:
            tab = Tab(http, serving.base(served))
            await tab.open({"learner": "Luis"})
            await tab.wait_for("Review today")
            await tab.keys("d")
            await tab.wait_for("r Run s Stop")
            await tab.keys(END, UP)
            await tab.wait_for("children.py")
            await tab.keys("r")  # the slow pack's demo: children that sleep 120 s
            await tab.wait_for("child 1 sleeping")
            running = [
                p for p in processes_with(f"TMPDIR={tmp_path / 'tmp'}") if p != served.process.pid
            ]
            await tab.close()  # the learner closes the tab, the demo still running
            return running

    running = asyncio.run(close_mid_demo())
    assert len(running) >= 4  # the tab's app, the demo and its two children at least
    assert serving.left(tmp_path, served) == []


@pytest.mark.slow
@pytest.mark.serve_args("--host", "0.0.0.0", "--token", "s3cret-class")
def test_a_network_bind_refuses_requests_without_the_token(
    served: ServeProcess, tmp_path: Path
) -> None:
    assert "?token=s3cret-class" in served.banner
    base = serving.base(served)
    for query in ("", "?token=wrong", "?learner=Ana", "?learner=Ana&key=forged"):
        status, page = serving.get(base + "/" + query)
        assert status == 403, query
        assert "token" in page or "link" in page
        assert "data-session-websocket-url" not in page
    status, page = serving.get(base + "/ws/forged-ticket")
    assert status == 403
    status, page = serving.get(base + "/?token=s3cret-class")
    assert status == 200 and 'name="token" value="s3cret-class"' in page
    status, page = serving.get(base + "/?token=s3cret-class&learner=Ana")
    assert status == 200 and "<title>mpquiz · Ana</title>" in page
    for typed, said in [
        ("%20%20", "Type your name to start."),
        ("Ana%1B%5B2J", "A name cannot hold control characters."),
    ]:
        status, page = serving.get(base + "/?token=s3cret-class&learner=" + typed)
        assert status == 400 and said in page and "data-session-websocket-url" not in page
    links = subprocess.run(
        [
            sys.executable,
            "-m",
            "mpquiz",
            "serve",
            "--host",
            "0.0.0.0",
            "--port",
            str(served.port),
            "--url",
            base,
            "links",
            "Luis Gómez",
        ],
        capture_output=True,
        text=True,
        env=serving.env(tmp_path),
        timeout=60,
        check=True,
    )
    name, link = links.stdout.strip().split("\t")
    assert name == "Luis Gómez" and "token" not in link
    status, page = serving.get(link)
    assert status == 200 and "<title>mpquiz · Luis Gómez</title>" in page
    status, _ = serving.get(link.replace("Luis", "Luisa"))  # a link opens its own learner only
    assert status == 403


@pytest.mark.slow
@pytest.mark.serve_args("--max-tabs", "1")
def test_past_the_limit_the_page_says_the_class_is_full(served: ServeProcess) -> None:
    async def two_tabs() -> None:
        async with aiohttp.ClientSession() as http:
            first = Tab(http, serving.base(served))
            await first.open({"learner": "Ana"})
            await first.wait_for("Review today")
            with pytest.raises(PageRefused) as refused:
                await Tab(http, serving.base(served)).open({"learner": "Luis"})
            assert refused.value.status == 503
            assert "The class is full: 1 learner is studying" in refused.value.html
            await first.close()
            for _ in range(100):  # the place frees once the first tab's app has ended
                try:
                    second = Tab(http, serving.base(served))
                    await second.open({"learner": "Luis"})
                    break
                except PageRefused:
                    await asyncio.sleep(0.1)
            await second.wait_for("Review today")
            await second.close()

    asyncio.run(two_tabs())


@pytest.mark.slow
def test_stopping_the_server_ends_every_tab(tmp_path: Path) -> None:
    port = free_port()
    db = f"sqlite:///{tmp_path / 'class.db'}"
    server = ServeProcess(
        ["--lang", "en", "serve", "--db", db, "--port", str(port)], serving.env(tmp_path), port
    )

    async def open_tab() -> Tab:
        http = aiohttp.ClientSession()
        tab = Tab(http, serving.base(server))
        await tab.open({"learner": "Ana"})
        await tab.wait_for("Review today")
        await http.close()
        return tab

    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(open_tab())
        assert len(serving.left(tmp_path, server, timeout=0)) >= 1  # the tab's app
        printed = server.stop()  # Ctrl+C, the tab still open
    finally:
        loop.close()
    assert "mpquiz stopped serving" in printed
    assert [pid for pid in processes_with(f"TMPDIR={tmp_path / 'tmp'}")] == []


def test_an_address_it_cannot_listen_on_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "mpquiz", "--lang", "es", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=serving.env(tmp_path),
            timeout=60,
        )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        f"mpquiz: no se puede escuchar en 127.0.0.1:{port}: otro programa usa ese puerto"
        " (elige otro con --port)"
    ]


@pytest.mark.slow
@pytest.mark.serve_args("--url", "https://class.example")
def test_behind_an_https_proxy_the_page_opens_a_secure_socket(served: ServeProcess) -> None:
    assert "https://class.example/" in served.banner
    status, page = serving.get(serving.base(served) + "/?learner=Ana")
    assert status == 200
    assert f'data-session-websocket-url="wss://127.0.0.1:{served.port}/ws/' in page


@pytest.mark.slow
@pytest.mark.serve_args("--max-tabs", "2")
def test_the_cap_holds_when_tabs_rush_in_at_once(served: ServeProcess) -> None:
    async def rush() -> list[int]:
        async with aiohttp.ClientSession() as http:
            urls = []
            for n in range(4):  # four pages first: each passes, no tab is open yet
                async with http.get(
                    serving.base(served) + "/", params={"learner": f"L{n}"}
                ) as page:
                    html = await page.text()
                found = re.search(r'data-session-websocket-url="([^"]+)"', html)
                assert found is not None
                urls.append(found.group(1))

            async def connect(url: str) -> int:
                try:
                    socket = await http.ws_connect(url + "?width=80&height=24")
                except aiohttp.WSServerHandshakeError as refused:
                    return refused.status
                await asyncio.sleep(2)
                await socket.close()
                return 101

            return await asyncio.gather(*(connect(url) for url in urls))

    statuses = asyncio.run(rush())
    assert sorted(statuses) == [101, 101, 503, 503]
