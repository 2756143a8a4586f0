"""Ping-pong over a Pipe: two processes take turns on the two ends of one pipe.

Pipe() returns two Connection objects, one per end. Each process uses ONE end:
the parent talks on `parent_end`, the child on `child_end`. What one end
send()s, the other end recv()s, in the same order.
"""
import argparse
from multiprocessing import Pipe, Process


# region: ping-pong
def player(conn, rounds):
    for _ in range(rounds):
        msg = conn.recv()                   # blocks until the parent sends
        reply = msg.replace("ping", "pong")
        # flush=True: both processes share one stdout and each buffers its
        # own output; flushing at once keeps the lines in their real order.
        print(f"child <- {msg}, sends {reply}", flush=True)
        conn.send(reply)                    # any picklable object can travel


def main(rounds):
    parent_end, child_end = Pipe()          # duplex: both ends send and receive
    child = Process(target=player, args=(child_end, rounds))
    child.start()
    for i in range(1, rounds + 1):
        print(f"parent -> ping {i}", flush=True)
        parent_end.send(f"ping {i}")
        reply = parent_end.recv()           # blocks until the child answers
        print(f"parent <- {reply}", flush=True)
    child.join()
    print(f"rounds completed: {rounds}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="ping-pong rounds")
    main(parser.parse_args().rounds)
