"""Hostile demo: writes 100 MB to stdout, as 100-byte lines ("lines") or as one huge line
without a newline ("oneline")."""

import sys

mode = sys.argv[1] if len(sys.argv) > 1 else "lines"
block = ("x" * 99 + "\n") * 10_000 if mode == "lines" else "y" * 1_000_000
for _ in range(100):
    sys.stdout.write(block)
print("\nall 100 MB written", file=sys.stderr)
