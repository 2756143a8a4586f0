"""Prints the names of its environment variables, one per line, then HOME, TMPDIR,
PYTHONPATH and sys.path."""

import os
import sys

for key in sorted(os.environ):
    print(f"env {key}")
print(f"HOME={os.environ.get('HOME')}")
print(f"TMPDIR={os.environ.get('TMPDIR')}")
print(f"PYTHONPATH={os.environ.get('PYTHONPATH')}")
print(f"sys.path={sys.path}")
