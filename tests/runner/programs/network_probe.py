"""Tries the network. argv[1]: a TCP port on which the host listens on 127.0.0.1.

Prints "host: connected" or "host: refused ERRNO-NAME"; "own loopback: ok" when it can
listen on and connect to its own 127.0.0.1; "manager: ok" when a multiprocessing.Manager
works; and "uid_map: ..." (one line per mapping, joined by "|").
"""

import errno
import multiprocessing
import socket
import sys


def main() -> None:
    try:
        with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2):
            print("host: connected")
    except OSError as exc:
        print(f"host: refused {errno.errorcode.get(exc.errno or 0, exc.errno)}")
    try:
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=2):
                print("own loopback: ok")
    except OSError as exc:
        print(f"own loopback: {exc}")
    with multiprocessing.Manager() as manager:
        shared = manager.dict(answer=42)
        print("manager: ok" if shared["answer"] == 42 else "manager: broken")
    with open("/proc/self/uid_map") as uid_map:
        print("uid_map:", "|".join(" ".join(line.split()) for line in uid_map))


if __name__ == "__main__":
    main()
