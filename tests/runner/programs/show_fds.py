"""Prints its pid and its parent's, then every open descriptor and what it points to."""

import os

print(f"pid {os.getpid()} parent {os.getppid()}")
for fd in sorted(int(name) for name in os.listdir("/proc/self/fd")):
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # the listing's own descriptor, closed by now
        continue
    print(f"fd {fd} {target}")
