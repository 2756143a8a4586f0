"""Binding descriptions in the learner's language."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from mpquiz.i18n import t

PREFIX = "tui."


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of `node`'s bindings (message keys) into `lang`, in place.

    Bindings are declared once per class, with message keys as descriptions; Textual gives
    every node its own copy of the bindings map, so translating that copy lets one class
    serve both languages (the footer and the help screen read descriptions from it).
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description, lang))
            if b.description.startswith(PREFIX)
            else b
            for b in bindings
        ]
