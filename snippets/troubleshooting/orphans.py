# test: timeout="60"
import os
import signal
import subprocess
import sys
import tempfile
import time

APP = """
import ctypes, multiprocessing as mp, os, signal, sys, threading, time
from multiprocessing.connection import wait

def die_with_parent():  # Linux only
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_PDEATHSIG = 1
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")

def watch_parent():
    wait([mp.parent_process().sentinel])  # ready when the app has ended
    os._exit(1)

def worker(mode):
    if mode == "pdeathsig":
        die_with_parent()
    if mode == "sentinel":
        threading.Thread(target=watch_parent, daemon=True).start()
    if not mp.parent_process().is_alive():  # the app died before we got here
        sys.exit(1)
    print(os.getpid(), flush=True)  # ready
    time.sleep(60)

if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    p = mp.Process(target=worker, args=(sys.argv[2],))
    p.start()
    p.join()
"""


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def run(app, method, mode):
    proc = subprocess.Popen(
        [sys.executable, app, method, mode],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # (1)!
        # a killed app cannot remove its temp files (pymp-*): keep them in our folder
        env={**os.environ, "TMPDIR": os.path.dirname(app)},
    )
    worker = int(proc.stdout.readline())
    if mode == "killpg":
        os.killpg(proc.pid, signal.SIGKILL)  # the whole process group
    else:
        proc.kill()  # (2)!
    proc.wait()
    deadline = time.monotonic() + (0.5 if mode == "plain" else 3)
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    print(f"{method:10} {mode:9}: worker gone with the app: {not alive(worker)}")
    clean_up(proc.pid)


def clean_up(group):
    """Kill what is left of the app's process group (orphans, a fork server)."""
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
        run(app, "fork", "plain")
        run(app, "fork", "pdeathsig")
        run(app, "forkserver", "pdeathsig")  # (3)!
        run(app, "forkserver", "sentinel")
        run(app, "forkserver", "killpg")
#> fork       plain    : worker gone with the app: False
#> fork       pdeathsig: worker gone with the app: True
#> forkserver pdeathsig: worker gone with the app: False
#> forkserver sentinel : worker gone with the app: True
#> forkserver killpg   : worker gone with the app: True
