"""Writes garbage into the run's timeline file, whose name it digs out of its own initial
environment (the startup hook hides it from os.environ): bytes that are not JSON, forged
records with escapes in their names, its own start again, 20 000 made-up processes, then
as much as the file size limit allows; finally it deletes the file and puts a FIFO in its
place. Its output says none of it."""

import os
from pathlib import Path

name = next(
    entry.split(b"=", 1)[1]
    for entry in Path("/proc/self/environ").read_bytes().split(b"\0")
    if entry.startswith(b"MPQUIZ_TIMELINE_FILE=")
)
print("hidden", "MPQUIZ_TIMELINE_FILE" not in os.environ)
with open(name, "ab", buffering=0) as channel:
    channel.write(b"\x00\xffnot json\n{{{{\n" + b"[" * 10_000 + b"\n")
    forged = '{"k":"mp","pid":%d,"name":"\\u001b[2J\\u001b]52;c;eA==\\u0007","method":"fork"}\n'
    channel.write((forged % os.getpid()).encode())
    channel.write(b'{"k":"start","pid":%d,"t":0,"how":"fork"}\n' % os.getpid())  # "reused"
    channel.write(b"".join(b'{"k":"start","pid":%d,"t":0}\n' % n for n in range(2, 20_002)))
    try:
        while True:
            channel.write(b"x" * (1 << 20))
    except OSError:  # the runner's file size limit
        pass
os.rename(name, name + b".moved")
os.unlink(name + b".moved")  # gone, but still open in mpquiz
os.mkfifo(name)
print("done")
