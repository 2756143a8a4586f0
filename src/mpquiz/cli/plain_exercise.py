"""An exercise in the plain review. On a terminal with $VISUAL or $EDITOR set, the
program is edited there (a file holding the starter), its checks run, and the learner
edits again, submits or gives up, as often as they like; otherwise it is read from
standard input up to a line `:end` and submitted as it is."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console, Group
from rich.text import Text as RichText

from mpquiz.cli.line_reader import EndOfInput, LineReader
from mpquiz.core.errors import AnswerError
from mpquiz.core.inert import inert
from mpquiz.core.refusal import Refusal
from mpquiz.i18n import reason, t
from mpquiz.session.review import ReviewSession

EDIT, SUBMIT, GIVE_UP = "edit", "submit", "give-up"
CHOICES = {
    # English and Spanish letters and words alike (they do not clash).
    "e": EDIT, "edit": EDIT, "editar": EDIT,
    "s": SUBMIT, "submit": SUBMIT, "n": SUBMIT, "entregar": SUBMIT,
    "g": GIVE_UP, "give up": GIVE_UP, "r": GIVE_UP, "rendirse": GIVE_UP, "rendirme": GIVE_UP,
}  # fmt: skip


def editor_command() -> list[str] | None:
    """The learner's editor ($VISUAL, else $EDITOR) as a command, None when unset."""
    chosen = next(
        (v for v in (os.environ.get("VISUAL"), os.environ.get("EDITOR")) if v and v.strip()),
        None,
    )
    if chosen is None:
        return None
    try:
        return shlex.split(chosen)
    except ValueError:
        return None


class PlainExercise:
    """Takes an exercise's answer in the plain review; the session runs its checks."""

    def __init__(
        self, session: ReviewSession, reader: LineReader, console: Console, lang: str
    ) -> None:
        self.session, self.reader, self.console, self.lang = session, reader, console, lang

    def say(self, key: str, /, **params: object) -> str:
        """A message in the session's language."""
        return t(key, self.lang, **params)

    def ask(self) -> None:
        """Until the exercise is submitted or given up (EndOfInput ends the session)."""
        command = editor_command()
        if command is None or not self.reader.stdin.isatty():
            self._from_input()
            return
        text = self.session.starter or ""
        with tempfile.TemporaryDirectory(prefix="mpquiz-edit-") as folder:
            path = Path(folder) / "exercise.py"
            while True:
                edited = self._edit(command, path, text)
                if edited is None:  # the editor failed: fall back on typing it in
                    self._from_input()
                    return
                text = edited
                self._check(text)
                choice = self._choose()
                if choice == SUBMIT:
                    if self._submit(text):
                        return
                elif choice == GIVE_UP:
                    self.session.give_up(text)
                    return

    def _from_input(self) -> None:
        while True:
            raw = self.reader.program(self.say("ask.program"))
            if self._submit(raw):
                return

    def _submit(self, text: str) -> bool:
        try:
            self.session.submit(text)
        except AnswerError as exc:
            self.console.print(RichText("✘ " + self.say(exc.key, **exc.params), style="red"))
            return False
        return True

    def _edit(self, command: list[str], path: Path, text: str) -> str | None:
        path.write_text(text, encoding="utf-8")
        self.console.print(RichText(self.say("exercise.plain.editing", editor=command[0]),
                                    style="dim"))  # fmt: skip
        try:
            subprocess.run([*command, str(path)], check=False)
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.console.print(RichText(self.say("exercise.plain.no_editor", reason=str(exc)),
                                        style="yellow"))  # fmt: skip
            return None

    def _check(self, text: str) -> None:
        from mpquiz.render.exercise import render_checks

        self.console.print(RichText(self.say("tui.exercise.checking"), style="dim"))
        try:
            checked = self.session.check_program(text)
        except AnswerError as exc:
            self.console.print(RichText("✘ " + self.say(exc.key, **exc.params), style="red"))
            return
        if isinstance(checked, Refusal):
            self.console.print(RichText(reason(checked, self.lang), style="yellow"))
            return
        if checked.runs:
            for line in checked.runs[0].output.splitlines()[-20:]:
                self.console.print(RichText("  " + inert(line)))
        self.console.print(Group(*render_checks(checked.report.results, self.lang)))

    def _choose(self) -> str:
        while True:
            raw = self.reader.line(self.say("exercise.plain.choose")).strip().lower()
            if not raw:
                return EDIT
            if raw in CHOICES:
                return CHOICES[raw]


__all__ = ["EndOfInput", "PlainExercise", "editor_command"]
