"""Exercise: a program with no `if __name__ == "__main__":`, started with spawn.

With the spawn start method each child is a fresh Python interpreter. To find the
function it must run, it imports this file again, and every top-level statement
runs once more, in the child. Here that includes starting the processes: a child
that is still starting up may not start processes of its own, so multiprocessing
stops it with a RuntimeError ("An attempt has been made to start a new process
before the current process has finished its bootstrapping phase"). Each child dies
with exit code 1 before it has squared anything.

This program asks for spawn itself (get_context("spawn")), so it behaves the same on
Linux, macOS and Windows. Look at how many times the first line is printed.

    python ex_main_guard.py
"""
import multiprocessing as mp

ctx = mp.get_context("spawn")              # every child: a fresh interpreter
print(f"start method: {ctx.get_start_method()}")


def square(i, out):
    out[i] = i * i                         # out: an Array in shared memory


out = ctx.Array("q", 4)                    # 4 shared 64-bit ints, all 0
procs = [ctx.Process(target=square, args=(i, out)) for i in range(4)]
for p in procs:
    p.start()                              # in a child, this line fails
for p in procs:
    p.join()
print("squares:", *out)
print("exit codes:", *[p.exitcode for p in procs])
