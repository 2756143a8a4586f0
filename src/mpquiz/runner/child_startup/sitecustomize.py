"""Startup hook of every demo process: line-buffer stdout and stderr, as a terminal does.

mpquiz puts this folder on the demos' PYTHONPATH (and only this folder). Under `python -u`
print() writes its text and its newline in two system calls, so lines that several
processes print at once get spliced ("worker 1worker 2" then two empty lines). Line
buffered, each line leaves in one write, which a pipe keeps whole up to PIPE_BUF (4 KiB),
and output still streams line by line. Afterwards the sitecustomize module this file
hides, if there is one, runs as it would have, and this folder leaves sys.path so the
demo sees the path it would have had (its children still get the hook from PYTHONPATH).
"""

import contextlib
import importlib.machinery
import importlib.util
import os
import sys


def _line_buffer(stream: object) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError):
            reconfigure(line_buffering=True, write_through=False)


def _run_hidden_sitecustomize(here: str) -> None:
    path = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def _start() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    _line_buffer(sys.stdout)
    _line_buffer(sys.stderr)
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    _run_hidden_sitecustomize(here)


_start()
