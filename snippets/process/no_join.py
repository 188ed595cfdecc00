import os
import time
from multiprocessing import Process, parent_process


def child(main_pid):
    time.sleep(0.5)  # long after the main process has reached its last line
    print(f"child: main process still alive: {parent_process().is_alive()}")
    print(f"child: same parent as at start: {parent_process().pid == main_pid}")


if __name__ == "__main__":
    Process(target=child, args=(os.getpid(),)).start()
    print("main: last line of the script, no join()")
#> main: last line of the script, no join()
#> child: main process still alive: True
#> child: same parent as at start: True
