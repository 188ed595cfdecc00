import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing import Manager, active_children


def stuck():
    time.sleep(60)  # stands for a task that hangs


def stop_stuck_task(only_new):
    before = set(active_children())  # (1)!
    with ProcessPoolExecutor(1) as executor:
        task = executor.submit(stuck)
        wait([task], timeout=0.2)  # it does not finish: time to stop it
        children = active_children()
        if only_new:
            children = [p for p in children if p not in before]  # (2)!
        for child in children:
            child.terminate()


if __name__ == "__main__":
    with Manager() as manager:
        done = manager.list()  # state kept in the manager's server process
        done.append("task 1")
        stop_stuck_task(only_new=True)
        done.append("task 2")
        print(f"terminated the executor's workers only: {list(done)}")
        stop_stuck_task(only_new=False)
        try:
            done.append("task 3")
        except (ConnectionError, EOFError) as exc:  # (3)!
            print(f"terminated every child: the manager is gone, {type(exc).__name__}")
    # the server was killed before its exit handlers ran: its socket's folder is left
    shutil.rmtree(os.path.dirname(manager.address), ignore_errors=True)  # (4)!
#> terminated the executor's workers only: ['task 1', 'task 2']
#> terminated every child: the manager is gone, <...>
