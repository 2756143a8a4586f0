"""Why `if __name__ == "__main__":` matters: a spawned child runs this file's top level again.

With the spawn start method the child is a fresh interpreter. To find `work` it
imports this file again, under the name "__mp_main__", so every top-level statement
runs once more in the child. Only the guarded block is skipped there.

Without the guard, the child's import would reach `p.start()` again while the
child is still starting up. multiprocessing refuses that with
    RuntimeError: An attempt has been made to start a new process before the
    current process has finished its bootstrapping phase. ...
and the child dies, instead of starting children of its own forever.

    python main_guard_spawn.py              # the guard at work
    python main_guard_spawn.py --no-guard   # the child behaves as if there were none
"""
import multiprocessing as mp
import sys

# region: guard
print(f"top level runs in {mp.current_process().name}, __name__ = {__name__}",
      flush=True)


def work():
    print(f"work() runs in {mp.current_process().name}", flush=True)


if __name__ == "__main__":             # False in the child: there it is "__mp_main__"
    ctx = mp.get_context("spawn")      # spawn even where the default is fork
    p = ctx.Process(target=work, name="Child")
    p.start()
    p.join()
    print(f"back in {mp.current_process().name}, child exit code {p.exitcode}")
# endregion


# With --no-guard the spawned child also starts a process while it imports this file, as
# it would if the guard were missing: multiprocessing stops it with the RuntimeError
# above, the child ends with exit code 1, and no chain of processes forms.
if __name__ == "__mp_main__" and "--no-guard" in sys.argv:
    mp.get_context("spawn").Process(target=work).start()
