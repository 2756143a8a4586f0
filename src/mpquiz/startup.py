"""Starting without the cyclic garbage collector, then handing it back.

Starting mpquiz makes a few hundred thousand objects that live as long as the program
(modules, classes, the app's widgets and styles), and the cyclic collector walks all of
them again and again while they are made: about a fifth of the time to the first frame.
The entry point pauses it (pause); once the app has painted and loaded, or a plain command
has parsed its arguments, resume() hands it back, first moving what exists by then out of
its reach (gc.freeze), so that later collections skip it too. Reference counting frees
everything else as usual meanwhile; only garbage in cycles waits.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop cyclic collection until resume() (nothing if it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Hand cyclic collection back, if pause() stopped it: what exists now is frozen."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def paused() -> bool:
    """True between pause() and resume()."""
    return _paused
