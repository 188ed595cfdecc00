# test: timeout="60"
import os
import signal
import subprocess
import sys
import tempfile
import time

APP = """
import multiprocessing as mp, os, time

def task(x):
    print("task started", flush=True)
    main = mp.parent_process().pid
    while True:  # go on only once the main process is gone for good
        try:
            os.kill(main, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    return x * x

if __name__ == "__main__":
    with mp.Pool(1) as pool:
        print(pool.apply(task, (3,)))
"""


def clean_up(group):
    """Kill what is left of the app's process group."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.05)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        app = os.path.join(folder, "app.py")
        with open(app, "w") as f:
            f.write(APP)
        proc = subprocess.Popen(
            [sys.executable, app],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            # a killed app cannot remove its temp files (pymp-*): keep them in our folder
            env={**os.environ, "TMPDIR": folder},
        )
        print(proc.stdout.readline(), end="")  # task started
        proc.kill()  # (1)!
        proc.wait()
        lines = proc.stdout.read().splitlines()  # (2)!
        clean_up(proc.pid)
        for line in lines:  # (3)!
            if line.startswith(("Process", "BrokenPipeError")) or "put((job" in line:
                print(line)
#> task started
#> Process <...>PoolWorker-1:
#> <...>
#>     put((job, i, result))
#> <...>
#> BrokenPipeError: [Errno 32] Broken pipe
