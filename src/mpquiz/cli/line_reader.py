"""Reading answers line by line in the plain modes, with `:q` and the end of input."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text as RichText

from mpquiz.core.inert import inert

QUIT = ":q"
END_PROGRAM = ":end"


class EndOfInput(Exception):
    """Standard input ended or the learner typed :q."""


class LineReader:
    """Reads answers line by line; echoes them when input is piped, so output reads well."""

    def __init__(self, stdin: TextIO, console: Console) -> None:
        self.stdin = stdin
        self.console = console

    def line(self, prompt: str) -> str:
        """One line (without its newline); raises EndOfInput at the end or on :q."""
        self.console.print(RichText(prompt, style="bold"), end="")
        self.console.file.flush()
        line = self.stdin.readline()
        if not line:
            raise EndOfInput
        line = line.rstrip("\n")
        if line.strip() == QUIT:
            raise EndOfInput
        if not self.stdin.isatty():
            self.console.print(RichText(inert(line)))
        return line

    def program(self, prompt: str) -> str:
        """Lines up to a line `:end` (blank lines are part of a program); the end of input
        ends a started program."""
        self.console.print(RichText(prompt, style="dim"))
        lines: list[str] = []
        while True:
            try:
                line = self.line("│ ")
            except EndOfInput:
                if lines:
                    break
                raise
            if line.strip() == END_PROGRAM:
                break
            lines.append(line)
        return "\n".join(lines)

    def block(self, prompt: str) -> str:
        """Lines up to an empty line (or a lone "."); the end of input ends a started block."""
        self.console.print(RichText(prompt, style="dim"))
        lines: list[str] = []
        while True:
            try:
                line = self.line("│ ")
            except EndOfInput:
                if lines:
                    break
                raise
            if line in ("", "."):
                break
            lines.append(line)
        return "\n".join(lines)
