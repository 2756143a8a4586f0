"""Pipe() is two-way by default; Pipe(duplex=False) is one-way.

duplex=True  -> both Connection objects can send() and recv().
duplex=False -> the FIRST end can only receive, the SECOND can only send.
"""
import argparse
from multiprocessing import Pipe, Process


# region: duplex
def shout_back(conn):
    msg = conn.recv()
    print(f"duplex: child received {msg}", flush=True)  # flush: shared stdout
    conn.send(msg.upper())       # answers on the SAME end it received on


def duplex(text):
    a, b = Pipe()                # duplex=True is the default
    child = Process(target=shout_back, args=(b,))
    child.start()
    a.send(text)                 # the parent sends on end a ...
    print(f"duplex: parent received {a.recv()}")  # ... and receives on a too
    child.join()
# endregion


# region: oneway
def report(conn, text):
    conn.send(text)


def one_way(text):
    recv_end, send_end = Pipe(duplex=False)   # (receive-only, send-only)
    child = Process(target=report, args=(send_end, text))
    child.start()
    print(f"one-way: parent received {recv_end.recv()}")
    child.join()
    try:
        recv_end.send("back")    # wrong direction, on purpose
    except OSError as err:
        print(f"one-way: send on the receive end -> {type(err).__name__}: {err}")
    try:
        send_end.recv()          # wrong direction again
    except OSError as err:
        print(f"one-way: recv on the send end -> {type(err).__name__}: {err}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text", default="hello", help="message to send")
    parser.add_argument("--part", choices=["duplex", "oneway", "both"],
                        default="both", help="which half of the demo to run")
    args = parser.parse_args()
    if args.part in ("duplex", "both"):
        duplex(args.text)
    if args.part in ("oneway", "both"):
        one_way(args.text)
