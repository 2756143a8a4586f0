"""Exercise: a ping-pong over a Pipe that never ends.

The parent sends "ping 1", "ping 2", "ping 3" on its end of the Pipe; the child
answers each one with a "pong" on the other end. The game itself works. But the
child loops forever waiting for the next message, and after the last round the
parent join()s it: the child waits in recv() for a message that will never come,
and the parent waits for the child to end. Neither can move.

    python ex_pipe_ping_pong.py
    python ex_pipe_ping_pong.py --rounds 3
"""
import argparse
from multiprocessing import Pipe, Process


# region: ping-pong
def player(conn):
    answered = 0
    while True:
        msg = conn.recv()                   # blocks until the parent sends
        reply = msg.replace("ping", "pong")
        print(f"child <- {msg}, sends {reply}", flush=True)
        conn.send(reply)
        answered += 1


def main(rounds):
    parent_end, child_end = Pipe()          # duplex: both ends send and receive
    child = Process(target=player, args=(child_end,))
    child.start()
    for i in range(1, rounds + 1):
        parent_end.send(f"ping {i}")
        reply = parent_end.recv()           # blocks until the child answers
        print(f"parent <- {reply}", flush=True)
    child.join()                            # waits for a child that waits for us
    print(f"rounds completed: {rounds}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Ping-pong over a Pipe.")
    parser.add_argument("--rounds", type=int, default=3, help="ping-pong rounds")
    main(parser.parse_args().rounds)
