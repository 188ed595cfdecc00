# test: start_methods="spawn forkserver"
import importlib
import multiprocessing
import sys
import tempfile
from pathlib import Path

VIEWS = """\
from multiprocessing import Pool


def fetch(title):
    return title.title()


class Music:
    pool = Pool(1)  # "written in the class": runs wherever views.py is imported

    def search(self, titles, timeout=None):
        return self.pool.map_async(fetch, titles).get(timeout)  # map(), with a timeout
"""

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "views.py").write_text(VIEWS)
        sys.path.insert(0, folder)  # (1)!
        views = importlib.import_module("views")  # (2)!
        [worker] = multiprocessing.active_children()  # the pool's one worker
        try:
            print(views.Music().search(["yesterday"], timeout=1))
        except multiprocessing.TimeoutError:
            worker.join(timeout=60)  # (3)!
            print("search(): no result after 1 s; without a timeout, it waits for ever")
        finally:
            views.Music.pool.terminate()  # (4)!
#> Process <...>PoolWorker-1:
#> Traceback (most recent call last):
#> <...>
#> AssertionError: daemonic processes are not allowed to have children
#> search(): no result after 1 s; without a timeout, it waits for ever
