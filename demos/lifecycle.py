"""The life of a process: created -> started -> running -> finished -> joined.

The parent prints is_alive() and exitcode at every step. The child waits for a
signal (an Event) before it finishes, so the parent always looks at it while it is
certainly still alive: the output is the same on every run. At the end the parent
tries to start the same Process again: a Process object runs only once.

    python lifecycle.py                  # the child ends normally (exitcode 0)
    python lifecycle.py --exit-code 3    # the child ends with sys.exit(3)
    python lifecycle.py --terminate      # the parent kills the child (SIGTERM)
    python lifecycle.py --codes          # exitcode before the end, after each kind of end
    python lifecycle.py --kill           # terminate() (SIGTERM) against kill() (SIGKILL)
    python lifecycle.py --timeout        # join(timeout) gives up; is_alive() after the end
    python lifecycle.py --close          # close(): too early, then after join()
"""

import argparse
import multiprocessing as mp
import signal
import sys
import time


# region: lifecycle
def work(go, exit_code):
    go.wait()  # stay alive until the parent has had a look at us
    print("child: running, now finishing")
    sys.exit(exit_code)  # 0 means success; any other number reports an error


def show(step, p):
    print(f"{step}: alive={p.is_alive()} exitcode={p.exitcode}")


def main(exit_code, terminate):
    go = mp.Event()
    p = mp.Process(target=work, args=(go, exit_code))
    show("created", p)  # only a Python object so far: no OS process exists
    try:
        p.join()  # there is nothing to wait for yet
    except AssertionError as error:
        print("join before start: AssertionError:", error)
    p.start()  # now the operating system creates the child
    show("started", p)
    if terminate:
        p.terminate()  # SIGTERM: the child dies without finishing its work
    else:
        go.set()  # let the child finish
    p.join()  # wait until the child has ended
    show("joined", p)
    try:
        p.start()  # the same Process object, a second time
    except AssertionError as error:
        print("start again: AssertionError:", error)


# endregion


# region: kill
def show_kill():
    """terminate() sends SIGTERM, kill() sends SIGKILL: the exitcode says which."""
    p = mp.Process(target=work, args=(mp.Event(), 0))  # its Event is never set
    p.start()
    p.terminate()  # SIGTERM: "please end"; a program could catch it
    p.join()
    print(f"after terminate(): exitcode={p.exitcode}")
    q = mp.Process(target=work, args=(mp.Event(), 0))
    q.start()
    q.kill()  # SIGKILL: it cannot be caught, the system ends the process at once
    q.join()
    print(f"after kill(): exitcode={q.exitcode}")
    print(f"SIGTERM is signal {int(signal.SIGTERM)}, SIGKILL is signal {int(signal.SIGKILL)}")


# endregion


# region: timeout
def show_timeout():
    """join(timeout) returns when the time is up, child or no child; is_alive() tells."""
    go = mp.Event()
    p = mp.Process(target=work, args=(go, 0))
    p.start()
    start = time.perf_counter()
    p.join(timeout=0.2)  # gives up after 0.2 s and raises nothing
    waited = time.perf_counter() - start
    print(f"join(timeout=0.2) returned after {waited:.1f} s: alive={p.is_alive()} "
          f"exitcode={p.exitcode}")
    go.set()  # now let the child finish
    while p.is_alive():  # is_alive() notices the end and collects the exit code
        time.sleep(0.01)
    print(f"ended, before any join(): alive={p.is_alive()} exitcode={p.exitcode}")
    p.join()  # still the right thing to do: it returns at once now
    print(f"join(): alive={p.is_alive()} exitcode={p.exitcode}")


# endregion


# region: close
def show_close():
    """close() frees the Process object's resources, once the process has ended."""
    go = mp.Event()
    p = mp.Process(target=work, args=(go, 0))
    p.start()
    try:
        p.close()  # too early: the child is still running
    except ValueError as error:
        print("close() while it runs: ValueError:", error)
    go.set()
    p.join()
    code = p.exitcode  # read what you need before close()
    p.close()
    print(f"close() after join(): done, exitcode was {code}")
    try:
        p.is_alive()
    except ValueError as error:
        print("is_alive() after close(): ValueError:", error)


# endregion


def show_codes():
    """What exitcode says: not ended yet, ended normally, killed by a signal."""
    go = mp.Event()
    p = mp.Process(target=work, args=(go, 0))
    p.start()
    print(f"while it runs: exitcode={p.exitcode}")
    go.set()
    p.join()
    print(f"after a normal end: exitcode={p.exitcode}")
    q = mp.Process(target=work, args=(mp.Event(), 0))  # its signal never comes
    q.start()
    q.terminate()
    q.join()
    print(f"after terminate(): exitcode={q.exitcode}, and SIGTERM is signal {int(signal.SIGTERM)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Process lifecycle: is_alive() and exitcode.")
    parser.add_argument("--exit-code", type=int, default=0, help="code the child exits with")
    parser.add_argument("--terminate", action="store_true", help="kill the child instead")
    parser.add_argument("--codes", action="store_true",
                        help="only show exitcode while a child runs, after it ends, once killed")
    parser.add_argument("--kill", action="store_true",
                        help="only compare terminate() with kill()")
    parser.add_argument("--timeout", action="store_true",
                        help="only show join(timeout) and is_alive() after the end")
    parser.add_argument("--close", action="store_true", help="only show what close() does")
    args = parser.parse_args()
    if args.codes:
        show_codes()
    elif args.kill:
        show_kill()
    elif args.timeout:
        show_timeout()
    elif args.close:
        show_close()
    else:
        main(args.exit_code, args.terminate)
