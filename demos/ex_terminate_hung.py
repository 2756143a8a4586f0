"""Exercise: one worker never finishes, and join() waits for it forever.

Two workers start; "quick" ends after a moment, "stuck" waits for an Event that
nobody will ever set (in real programs: a lost message, a lock never released, a
server that does not answer). A plain join() has no time limit, so the parent waits
for "stuck" as long as "stuck" waits: forever.

Give each worker at most 1 second with join(timeout=...), and stop the one still
alive with terminate().

    python ex_terminate_hung.py
"""
import argparse
import time
from multiprocessing import Event, Process


def quick():
    time.sleep(0.2)                      # a little work, then a normal end


def stuck(never):
    never.wait()                         # waits for a set() that never comes


# region: supervise
def supervise(patience):
    """Start the workers, wait for each at most `patience` seconds, stop the hung ones."""
    never = Event()                      # nobody calls never.set()
    procs = [Process(target=quick, name="quick"),
             Process(target=stuck, args=(never,), name="stuck")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()                         # no time limit: waits for "stuck" forever
        print(f"{p.name}: exit code {p.exitcode}")
# endregion


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A hung worker, join(timeout) and terminate().")
    parser.add_argument("--patience", type=float, default=1.0,
                        help="seconds to wait for each worker")
    args = parser.parse_args()
    start = time.perf_counter()
    supervise(args.patience)
    print(f"all done in {time.perf_counter() - start:.1f} s")
