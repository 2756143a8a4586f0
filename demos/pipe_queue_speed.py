"""The same small messages from a child to the parent: through a Pipe and through a Queue.

A Queue is built on a pipe and adds what makes it safe for many processes: put() hands
each object to a feeder thread, which pickles it and writes it under a lock, and get()
reads it under another lock. That work is paid on every message, so for two processes a
bare Pipe costs less CPU per message and usually moves small messages faster. By how
much depends on the machine, the Python version and how busy the cores are: the demo
measures both on this one. Messages per second (wall clock) change with the load; the
CPU time each message costs, both processes together, changes much less.
"""
import argparse
import time
from multiprocessing import Pipe, Process, Queue


# region: senders
def send_by_pipe(conn, n, report):
    cpu = time.process_time()
    for i in range(n):
        conn.send(i)                       # pickled and written now, by this thread
    conn.send(None)                        # sentinel: no more messages
    report.send(time.process_time() - cpu)


def send_by_queue(q, n, report):
    cpu = time.process_time()              # this process: main and feeder thread
    for i in range(n):
        q.put(i)                           # buffered: the feeder thread writes it
    q.put(None)
    q.close()
    q.join_thread()                        # the feeder has written everything
    report.send(time.process_time() - cpu)
# endregion


def receive_all(receive):
    """(messages, wall seconds, parent CPU seconds), from the first message on."""
    receive()                              # the first one: the sender is running now
    start, cpu = time.perf_counter(), time.process_time()
    count = 0
    while receive() is not None:
        count += 1
    return count, time.perf_counter() - start, time.process_time() - cpu


def one_round(channel, n):
    """(messages per second, CPU microseconds per message, whether all n arrived)."""
    report_recv, report_send = Pipe(duplex=False)
    if channel == "Pipe":
        recv_end, send_end = Pipe(duplex=False)
        child = Process(target=send_by_pipe, args=(send_end, n, report_send))
        child.start()
        count, wall, cpu = receive_all(recv_end.recv)
    else:
        q = Queue()
        child = Process(target=send_by_queue, args=(q, n, report_send))
        child.start()
        count, wall, cpu = receive_all(q.get)
    child_cpu = report_recv.recv()
    child.join()                           # after everything was received
    return count / wall, (cpu + child_cpu) / n * 1e6, count + 1 == n


def main(n, rounds):
    # Each channel several times, taking turns, and the best figure of each: a moment
    # when another program took the CPU spoils one round, not the comparison.
    runs = {"Pipe": [], "Queue": []}
    for _ in range(rounds):
        for channel in runs:
            runs[channel].append(one_round(channel, n))
    rate = {channel: max(r for r, _, _ in found) for channel, found in runs.items()}
    cost = {channel: min(c for _, c, _ in found) for channel, found in runs.items()}
    every = all(whole for found in runs.values() for _, _, whole in found)
    print(f"messages: {n} small ints, child -> parent, best of {rounds} rounds each, "
          f"all received both ways: {every}")
    for channel in runs:
        print(f"{channel + ':':6} {rate[channel]:9,.0f} messages per second, "
              f"{cost[channel]:.1f} us of CPU per message")
    print(f"messages per second, Pipe / Queue: {rate['Pipe'] / rate['Queue']:.2f}x")
    print(f"CPU per message, Queue / Pipe: {cost['Queue'] / cost['Pipe']:.2f}x")
    if cost["Queue"] > cost["Pipe"] and rate["Pipe"] > rate["Queue"]:
        print("verdict: the Pipe was faster and cheaper here; the ratios vary with the "
              "machine, the Python version and the load")
    elif cost["Queue"] > cost["Pipe"]:
        print("verdict: each message cost the Queue more CPU, but the Pipe was not faster "
              "by the clock this time (a busy machine can do that); run it again")
    else:
        print("verdict: the Pipe did not show its advantage this time (a busy machine "
              "can do that); run it again")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=20_000, help="messages per round")
    parser.add_argument("--rounds", type=int, default=4, help="rounds for each channel")
    args = parser.parse_args()
    main(args.messages, args.rounds)
