"""Six ways a child might hand its result back to the parent: three work, three do not.

Each process has its own memory, so what a child computes reaches the parent only
through a channel made for it: a Queue or a Pipe (the object travels pickled) or shared
memory (a Value or an Array). A returned value, a changed list and a changed global all
stay in the child, which ends and takes them with it.
"""
import multiprocessing as mp

RESULT = None  # a global variable: the child can only change its own copy


def compute():
    return 7 * 7  # the child's "result"


# region: ways
def by_queue(q):
    q.put(compute())             # pickled, sent through the queue's pipe


def by_pipe(conn):
    conn.send(compute())         # pickled, sent through the pipe


def by_value(v):
    v.value = compute()          # written into memory the parent shares


def by_return():
    return compute()             # multiprocessing throws a target's return value away


def by_list(items):
    items.append(compute())      # changes the child's copy of the list


def by_global():
    global RESULT
    RESULT = compute()           # changes the child's own global
# endregion


def started(target, *args):
    p = mp.Process(target=target, args=args)
    p.start()
    return p


def main():
    q = mp.Queue()
    p = started(by_queue, q)
    print(f"Queue: the parent got {q.get()}")  # get() before join(): the queue's rule
    p.join()
    parent_end, child_end = mp.Pipe()
    p = started(by_pipe, child_end)
    print(f"Pipe: the parent got {parent_end.recv()}")
    p.join()
    v = mp.Value("i", 0)
    p = started(by_value, v)
    p.join()
    print(f"Value: the parent read {v.value}")
    p = started(by_return)
    print(f"return: p.join() returned {p.join()}, and the 49 the child returned is lost")
    items = []
    started(by_list, items).join()
    print(f"list: the parent's list is still {items}")
    started(by_global).join()
    print(f"global: the parent's RESULT is still {RESULT}")


if __name__ == "__main__":
    main()
