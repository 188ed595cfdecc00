import os
import time
from multiprocessing import get_context

# spawn makes the middle process the real OS parent of the grandchild; under forkserver
# the OS parent of every process is the fork server (see "getppid() under forkserver").
ctx = get_context("spawn")


def grandchild(queue, old_parent):
    while os.getppid() == old_parent:  # wait until the middle process is gone
        time.sleep(0.01)
    queue.put((old_parent, os.getppid()))


def middle(queue):
    ctx.Process(target=grandchild, args=(queue, os.getpid())).start()
    os._exit(0)  # exit at once: no clean-up, so no implicit join of the grandchild


if __name__ == "__main__":
    queue = ctx.Queue()
    p = ctx.Process(target=middle, args=(queue,))
    p.start()
    p.join()
    old, new = queue.get(timeout=10)
    print(f"middle process pid={p.pid}, exit code {p.exitcode}")
    print(f"grandchild: getppid() was {old}, now {new}")
    print(f"now init or a subreaper, not the dead parent: {new != old}")
#> middle process pid=<pid:middle>, exit code 0
#> grandchild: getppid() was <pid:middle>, now <pid>
#> now init or a subreaper, not the dead parent: True
