"""Prints its resource limits and tries to write a file larger than the size limit."""

import resource

for name in ("RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_CORE"):
    soft, hard = resource.getrlimit(getattr(resource, name))
    print(f"{name} {soft} {hard}")
try:
    with open("big.bin", "wb") as handle:
        for _ in range(20):
            handle.write(b"\0" * (1 << 20))
    print("big file written")
except OSError as error:
    print(f"big file refused: errno {error.errno}")
