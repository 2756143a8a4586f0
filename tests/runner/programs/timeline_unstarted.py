"""Creates three Process objects and starts only one, under the start method given."""

import sys
import time
from multiprocessing import get_context


def work() -> None:
    time.sleep(0.05)


if __name__ == "__main__":
    context = get_context(sys.argv[1] if len(sys.argv) > 1 else "fork")
    ran = context.Process(target=work, name="ran")
    never = [context.Process(target=work, name=f"never-{i}") for i in range(2)]
    ran.start()
    ran.join()
    print("ran", ran.exitcode, "never", [p.is_alive() for p in never])
