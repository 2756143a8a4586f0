"""A demo has no network where the platform allows it (Linux: a network namespace of its
own, made without privileges through a user namespace if need be), keeps its own
localhost, and its RunResult says whether it was isolated.

The host's side is a TCP server on 127.0.0.1 in the test process. Two situations are
made with the tools of util-linux when the tests run as root: a machine where creating a
network namespace needs a privilege the user lacks (CAP_SYS_ADMIN dropped), and one
where namespaces are refused altogether (no CAP_SYS_ADMIN, user namespaces limited to 0).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from runner_support import LINUX, program

from mpquiz.runner import RunResult, run_demo

pytestmark = pytest.mark.slow

DRIVER = """
import sys
from mpquiz.runner import DemoSpec, run_demo
result = run_demo(DemoSpec(sys.argv[1], args=(sys.argv[2],), timeout=20))
print(f"network_isolated: {result.network_isolated}")
print(result.output)
"""
AS_ROOT_WITH_TOOLS = pytest.mark.skipif(
    not (LINUX and os.geteuid() == 0 and shutil.which("setpriv") and shutil.which("unshare")),
    reason="needs root, setpriv and unshare to make an unprivileged situation",
)


@pytest.fixture
def host_port() -> Iterator[int]:
    """A port on which the host listens on 127.0.0.1 (and accepts: checked here)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass  # the host itself can connect
        yield port


def _lines(output: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)


def _run_in(prefix: list[str], port: int) -> dict[str, str]:
    probe = str(program("network_probe.py").script)
    finished = subprocess.run(
        [*prefix, sys.executable, "-c", DRIVER, probe, str(port)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return _lines(finished.stdout)


def _assert_isolated(seen: dict[str, str]) -> None:
    assert seen["host"] == "refused ECONNREFUSED", seen  # its own lo: nobody listens
    assert seen["own loopback"] == "ok", seen
    assert seen["manager"] == "ok", seen


def test_a_demo_cannot_reach_the_hosts_loopback(host_port: int) -> None:
    result: RunResult = run_demo(program("network_probe.py", str(host_port), timeout=20))
    assert result.ok, result.output
    seen = _lines(result.output)
    if not LINUX:
        assert result.network_isolated is None
        return
    # Where the machine refuses namespaces it runs unisolated, and must say so.
    assert result.network_isolated is (seen["host"] != "connected"), seen
    if result.network_isolated:
        _assert_isolated(seen)


@AS_ROOT_WITH_TOOLS
def test_without_the_privilege_a_user_namespace_isolates_the_demo(host_port: int) -> None:
    seen = _run_in(["setpriv", "--bounding-set", "-sys_admin"], host_port)
    assert seen["network_isolated"] == "True", seen
    _assert_isolated(seen)
    assert seen["uid_map"] == "0 0 1", seen  # only the user's own uid is mapped


@AS_ROOT_WITH_TOOLS
def test_where_namespaces_are_refused_the_demo_runs_and_says_so(host_port: int) -> None:
    # In a user namespace of its own (which shares the host's network), with no user
    # namespace allowed below it and no capability left.
    refuse = "echo 0 > /proc/sys/user/max_user_namespaces && exec setpriv --bounding-set -all"
    seen = _run_in(
        ["unshare", "--user", "--map-root-user", "sh", "-c", f'{refuse} "$@"', "-"], host_port
    )
    assert seen["network_isolated"] == "False", seen
    assert seen["host"] == "connected", seen
