"""Imported by the reliability tests' forkserver before it forks: loads the built-in pack.

Loading and validating the pack takes longer than a whole crash-test child lives, so it
is done once here, on purpose at import time, and every forked child inherits it.
"""

from tests.reliability.workers import builtin_pack

builtin_pack()
