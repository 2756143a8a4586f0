"""A normal multiprocessing program: a Pool of 2 with map, a Queue between processes and
a shared_memory block, under the start method given in argv[1] (default: the platform's)."""

import multiprocessing as mp
import sys
from multiprocessing import shared_memory


def square(number: int) -> int:
    return number * number


def produce(queue) -> None:
    for number in range(3):
        queue.put(number)
    queue.put(None)


if __name__ == "__main__":
    context = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else None)
    with context.Pool(2) as pool:
        print("squares", pool.map(square, range(10)))
    queue = context.Queue()
    producer = context.Process(target=produce, args=(queue,))
    producer.start()
    received = []
    while (item := queue.get()) is not None:
        received.append(item)
    producer.join()
    print("queue", received, "exitcode", producer.exitcode)
    block = shared_memory.SharedMemory(create=True, size=1 << 20)
    block.buf[0] = 42
    print("shared", block.buf[0])
    block.close()
    block.unlink()
    print("start method", context.get_start_method())
