"""Cut the demo's output stream into lines, keeping only its first `cap` bytes."""

from __future__ import annotations

from mpquiz.core.inert import inert


def truncation_marker(cap: int) -> str:
    """The line added after the output was cut at `cap` bytes."""
    size = f"{cap // 1024}" if cap % 1024 == 0 else f"{cap / 1024:.1f}"
    return f"[mpquiz: output truncated after {size} KiB]"


def decode_line(raw: bytes) -> str:
    """A line's text: UTF-8 with errors replaced, without a Windows-style trailing CR, and
    inert (core.inert): a demo's escape sequences are drawn, never reach a terminal."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    return inert(raw.decode("utf-8", errors="replace"))


class CappedLineSplitter:
    """Split a byte stream into lines, keeping its first `cap` bytes (newlines count).

    Past the cap everything is dropped, including the rest of a line that crosses it (so a
    huge line without a newline is cut too), and `truncated` becomes True. The pending
    partial line never grows past the cap either.
    """

    def __init__(self, cap: int) -> None:
        self._cap = cap
        self._kept = 0  # bytes of finished lines, newlines included
        self._partial = bytearray()
        self.truncated = False

    def feed(self, data: bytes) -> list[bytes]:
        """Take the next chunk; return the lines it completed, without their newlines."""
        lines: list[bytes] = []
        if self.truncated:
            return lines
        pos = 0
        while pos < len(data):
            newline = data.find(b"\n", pos)
            end = len(data) if newline < 0 else newline
            room = self._cap - self._kept - len(self._partial)
            if end - pos > room:
                self._partial += data[pos : pos + room]
                self._cut(lines)
                break
            self._partial += data[pos:end]
            if newline < 0:
                break
            if room - (end - pos) < 1:  # the newline itself is one byte too many
                self._cut(lines)
                break
            lines.append(bytes(self._partial))
            self._kept += len(self._partial) + 1
            self._partial.clear()
            pos = newline + 1
        return lines

    def finish(self) -> list[bytes]:
        """At the end of the stream: the last line if it had no newline."""
        if self.truncated or not self._partial:
            return []
        line = bytes(self._partial)
        self._partial.clear()
        return [line]

    def _cut(self, lines: list[bytes]) -> None:
        if self._partial:
            lines.append(bytes(self._partial))
        self._partial.clear()
        self.truncated = True
