"""Abuses the stacks folder, whose name it digs out of its initial environment: forges
its own dump (huge, full of escapes, too many threads and frames), puts a FIFO and a link
where two children's dumps go, fills the folder with junk; then its children and itself
time out without ever dumping: one ignores the signal, three catch it and do nothing
(two of them with the FIFO and the link in their place), and the main process's handler
never returns."""

import multiprocessing
import os
import signal
import time
from pathlib import Path

value = next(
    entry.split(b"=", 1)[1]
    for entry in Path("/proc/self/environ").read_bytes().split(b"\0")
    if entry.startswith(b"MPQUIZ_STACKS=")
).decode()
number, folder = value.split(":", 1)
SIGNAL = int(number)


def ignore():
    signal.signal(SIGNAL, signal.SIG_IGN)
    time.sleep(60)


def do_nothing():
    signal.signal(SIGNAL, lambda *_: None)
    time.sleep(60)


def never_return(*_):
    time.sleep(60)


if __name__ == "__main__":
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=ignore)]
    children += [context.Process(target=do_nothing) for _ in range(3)]
    for child in children:
        child.start()
    os.mkfifo(f"{folder}/{children[1].pid}")
    os.symlink("/dev/zero", f"{folder}/{children[2].pid}")
    thread = "Thread 0x00007f0000000001 (most recent call first):\n"
    frame = '  File "/tmp/\\x1b[2J\x1b]52;c;eA==\x07x.py", line 1 in f\\x07\n'
    long = '  File "/tmp/long.py", line 2 in ' + "y" * 2000 + "\n"
    forged = "Current thread 0x1 (most recent call first):\n" + long + frame * 500
    forged += (thread + frame * 3) * 300 + "\x00\xff" * 1000 + "z" * 300_000
    Path(f"{folder}/{os.getpid()}").write_text(forged, encoding="utf-8", errors="surrogateescape")
    for n in range(500):
        Path(f"{folder}/junk-{n}").write_bytes(b"junk")
    os.mkdir(f"{folder}/nested")
    Path(f"{folder}/nested/inside").write_bytes(b"junk")
    signal.signal(SIGNAL, never_return)
    print("ready", folder, flush=True)
    for child in children:
        child.join()
