"""Starts argv[1] threads (default 50) that each allocate a little, then joins them."""

import sys
import threading

count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
release = threading.Event()


def work() -> None:
    chunks = [bytearray(200_000) for _ in range(3)]
    release.wait()
    del chunks


threads = [threading.Thread(target=work) for _ in range(count)]
for thread in threads:
    thread.start()
release.set()
for thread in threads:
    thread.join()
print(f"threads ok {count}")
