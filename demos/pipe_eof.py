"""When does recv() raise EOFError? Only when EVERY copy of the other end is closed.

A child writes a few messages on a one-way Pipe and closes its end. The parent created
that send end and handed it to the child, so the parent holds a copy of it too. If the
parent closes its copy right after start(), its next recv() after the last message
raises EOFError; if it keeps it open, recv() would wait forever for a message that can
only come from the parent itself.

conn.poll(timeout) tells whether recv() would return now (a message or the end of the
pipe is waiting) without taking anything out, and gives up after `timeout` seconds: the
demo uses it so that it never blocks.
"""
import argparse
import time
from multiprocessing import Pipe, Process


# region: eof
def writer(send_end, count):
    for i in range(count):
        send_end.send(f"msg {i}")
    send_end.close()                       # the child's copy of the send end


def read_to_the_end(label, close_unused, count, wait):
    recv_end, send_end = Pipe(duplex=False)
    child = Process(target=writer, args=(send_end, count))
    child.start()
    if close_unused:
        send_end.close()                   # the parent never sends: close its copy
    got = [recv_end.recv() for _ in range(count)]
    child.join()                           # the writer closed its end and exited
    print(f"{label}: got {', '.join(got)}; the child has exited")
    if not recv_end.poll(wait):            # nothing waiting, not even the end of file
        print(f"{label}: poll({wait}) -> False: a recv() now would block forever")
        return
    try:
        print(f"{label}: recv() -> {recv_end.recv()!r}")
    except EOFError:
        print(f"{label}: recv() -> EOFError: no copy of the send end is open")


def eof_demo(count, wait):
    read_to_the_end("closed", True, count, wait)   # the parent closes its copy
    read_to_the_end("kept", False, count, wait)    # the parent keeps its copy open
# endregion


# region: child
def reader(label, recv_end, send_end, close_unused, wait):
    if close_unused:
        send_end.close()                   # the child never sends: close its copy
    got = []
    while recv_end.poll(wait):             # a message or the end of file is waiting
        try:
            got.append(recv_end.recv())
        except EOFError:
            print(f"{label}: the child got {', '.join(got)}, then EOFError", flush=True)
            return
    print(f"{label}: the child got {', '.join(got)}, then poll({wait}) -> False: "
          "a recv() now would block forever", flush=True)


def child_reads(label, close_unused, count, wait):
    recv_end, send_end = Pipe(duplex=False)
    # Both ends go to the child, as a forked child would inherit them anyway.
    child = Process(target=reader, args=(label, recv_end, send_end, close_unused, wait))
    child.start()
    for i in range(count):
        send_end.send(f"msg {i}")
    send_end.close()                       # the parent has sent everything
    child.join()


def child_demo(count, wait):
    child_reads("child closed", True, count, wait)
    child_reads("child kept", False, count, wait)
# endregion


# region: poll
def late_sender(conn, delay):
    conn.send("ready")
    time.sleep(delay)                      # the parent polls meanwhile
    conn.send("news")


def poll_demo(delay):
    parent_end, child_end = Pipe()
    child = Process(target=late_sender, args=(child_end, delay))
    child.start()
    parent_end.recv()                      # "ready": the child is running
    print(f"poll: poll(0) -> {parent_end.poll(0)}: nothing has arrived yet")
    start = time.perf_counter()
    arrived = parent_end.poll(2.0)         # returns as soon as something arrives
    took = time.perf_counter() - start
    print(f"poll: poll(2.0) -> {arrived} after {took:.2f} s "
          f"(the child sends {delay} s after 'ready')")
    print(f"poll: poll() again -> {parent_end.poll()}: poll takes nothing out")
    print(f"poll: recv() -> {parent_end.recv()!r}")
    child.join()
    start = time.perf_counter()
    arrived = parent_end.poll(0.2)         # nothing more will come
    took = time.perf_counter() - start
    print(f"poll: poll(0.2) with nothing coming -> {arrived} after {took:.2f} s")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["eof", "child", "poll", "all"], default="eof",
                        help="eof: the parent reads; child: the child reads; poll")
    parser.add_argument("--messages", type=int, default=2, help="messages the child sends")
    parser.add_argument("--wait", type=float, default=0.3,
                        help="seconds poll() waits before the demo says recv() would block")
    parser.add_argument("--delay", type=float, default=0.3,
                        help="seconds the poll part's child waits before sending")
    args = parser.parse_args()
    if args.part in ("eof", "all"):
        eof_demo(args.messages, args.wait)
    if args.part in ("child", "all"):
        child_demo(args.messages, args.wait)
    if args.part in ("poll", "all"):
        poll_demo(args.delay)
