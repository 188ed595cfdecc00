import ctypes
import os
import time
from multiprocessing import get_context

PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>; Linux 3.4+
ctx = get_context("spawn")  # so the middle process is the grandchild's OS parent


def grandchild(queue, old_parent):
    while os.getppid() == old_parent:  # wait until the middle process is gone
        time.sleep(0.01)
    queue.put((os.getpid(), old_parent, os.getppid()))


def middle(queue):
    ctx.Process(target=grandchild, args=(queue, os.getpid())).start()
    os._exit(0)  # exit at once: no clean-up, so no implicit join of the grandchild


if __name__ == "__main__":
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # (1)!
    print(f"main: pid {os.getpid()}, now a subreaper")
    queue = ctx.Queue()
    p = ctx.Process(target=middle, args=(queue,))
    p.start()
    p.join()
    pid, old, new = queue.get(timeout=10)
    print(f"grandchild: getppid() was {old} (the middle process), now {new}")
    os.waitpid(pid, 0)  # the orphan is our child now, so we may wait for it
    print(f"main: the middle process was {p.pid}; reaped the orphan {pid}")
#> main: pid <pid:main>, now a subreaper
#> grandchild: getppid() was <pid:middle> (the middle process), now <pid:main>
#> main: the middle process was <pid:middle>; reaped the orphan <pid>
