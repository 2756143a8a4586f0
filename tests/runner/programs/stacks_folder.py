"""Prints the folder its stacks would go to (dug out of its initial environment: the
startup hook hides the variable from os.environ) and exits."""

import os
from pathlib import Path

value = next(
    entry.split(b"=", 1)[1]
    for entry in Path("/proc/self/environ").read_bytes().split(b"\0")
    if entry.startswith(b"MPQUIZ_STACKS=")
)
print("hidden", "MPQUIZ_STACKS" not in os.environ)
print("folder", value.split(b":", 1)[1].decode())
