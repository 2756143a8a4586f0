"""Exercise solved: everything that starts processes sits under the main guard.

Run as a program, this file has __name__ == "__main__"; imported by a spawned child,
it has __name__ == "__mp_main__". The guard's block runs only in the first case, so
each child gets the definitions it needs (square, ctx) without starting processes
of its own, runs square() and ends with exit code 0. The first line is printed
once, by the parent.

    python ex_main_guard_solution.py
"""
import multiprocessing as mp

ctx = mp.get_context("spawn")              # harmless at the top level: starts nothing


def square(i, out):
    out[i] = i * i                         # out: an Array in shared memory


if __name__ == "__main__":                 # False in a spawned child: it imports this file
    print(f"start method: {ctx.get_start_method()}")
    out = ctx.Array("q", 4)                # 4 shared 64-bit ints, all 0
    procs = [ctx.Process(target=square, args=(i, out)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("squares:", *out)
    print("exit codes:", *[p.exitcode for p in procs])
