"""`mpquiz serve` in a real browser: Debian's Chromium, headless, driven by Selenium.

The page is opened as a learner opens it: the name typed on the first page, the keys sent
to the terminal on the page. What the terminal shows is read from the bytes the page's own
websocket received (recorded by a script put into the page before it loads) through a
VT100 screen, and a screenshot is taken of the review. The review is then read from the
database. Under CI (CI=true) a missing Chromium is a failure: .ci/run installs it.
MPQUIZ_SCREENSHOT=FILE also writes the screenshot there (docs/classroom.md shows one).
"""

from __future__ import annotations

import base64
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyte
import pytest

from tests.support.serve_client import VERDICTS, ServeProcess
from tests.web import serving

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Every binary message the page's websocket receives, kept in order for the test to read,
# and each size the page gives its terminal ("R:cols:rows"), where it gave it.
_RECORDER = """
(() => {
  const Native = window.WebSocket;
  window.__mpquizBytes = [];
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const query = new URL(url).searchParams;
    window.__mpquizBytes.push("R:" + query.get("width") + ":" + query.get("height"));
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      if (typeof data === "string" && data.startsWith('["resize"')) {
        const size = JSON.parse(data)[1];
        window.__mpquizBytes.push("R:" + size.width + ":" + size.height);
      }
      return send(data);
    };
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) {
        let text = "";
        for (const byte of new Uint8Array(event.data)) text += String.fromCharCode(byte);
        window.__mpquizBytes.push(btoa(text));
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})();
"""


def _browser() -> Any:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("Chromium and chromedriver are required under CI (.ci/run installs them)")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1100,720",
        "--enable-unsafe-swiftshader",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _RECORDER})
    return driver


class PageScreen:
    """The terminal on the page, as the bytes its websocket received draw it."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.seen = 0

    def text(self) -> str:
        chunks = self.driver.execute_script("return window.__mpquizBytes || [];")
        for chunk in chunks[self.seen :]:
            if chunk.startswith("R:"):
                _, columns, lines = chunk.split(":")
                self.screen.resize(int(lines), int(columns))
            else:
                self.stream.feed(base64.b64decode(chunk))
        self.seen = len(chunks)
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *texts: str, timeout: float = 40.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text()
            if any(text in shown for text in texts):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"none of {texts} appeared; the page's terminal shows:\n{self.text()}")


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = _browser()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.slow
def test_a_learner_answers_a_question_in_chromium(
    served: ServeProcess,
    browser: Any,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.wait import WebDriverWait

    browser.set_window_size(1100, 720)
    browser.get(serving.base(served) + "/")
    assert browser.title == "mpquiz"
    browser.find_element(By.ID, "learner").send_keys("Ana")
    browser.find_element(By.ID, "start").click()
    WebDriverWait(browser, 20).until(ec.title_is("mpquiz · Ana"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    screen = PageScreen(browser)
    screen.wait_for("Review today")
    # The terminal on the page reads keys from xterm's own (hidden) text area.
    keys = WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "textarea.xterm-helper-textarea"))
    )

    def press(*sent: str) -> None:
        for key in sent:
            keys.send_keys(key)
            time.sleep(0.2)

    press("r")
    question = screen.wait_for("Review · 1 of")
    if "open question" in question.splitlines()[0]:
        press("I am not sure", Keys.CONTROL + "s")
    else:
        press("1", Keys.ENTER)
        try:
            screen.wait_for(*VERDICTS, timeout=5)
        except AssertionError:
            press(Keys.ENTER)  # a typed prediction ends with an empty line
    shown = screen.wait_for("exit code", "did not run")
    assert "demo:" in shown and any(verdict in shown for verdict in VERDICTS), shown
    time.sleep(0.5)  # the page draws what it received
    picture = tmp_path / "review.png"
    assert browser.save_screenshot(str(picture)) and picture.stat().st_size > 10_000
    if target := os.environ.get("MPQUIZ_SCREENSHOT"):
        shutil.copyfile(picture, target)
    press(Keys.ESCAPE)  # home: the answer kept
    screen.wait_for("Review today")
    browser.get("about:blank")  # the tab goes: its app ends
    left = serving.left(tmp_path, served, timeout=15)
    assert left == [], [Path(f"/proc/{pid}/cmdline").read_bytes()[:120] for pid in left]
    assert serving.reviews(tmp_path, served.db, "Ana") == 1
