# test: requires="py-spy"
import subprocess
import sysconfig
from multiprocessing import Event, Process


def wait_for_go(ready, go):
    ready.set()
    go.wait()  # stands for a worker that is stuck


if __name__ == "__main__":
    ready, go = Event(), Event()
    worker = Process(target=wait_for_go, args=(ready, go))
    worker.start()
    ready.wait()
    py_spy = f"{sysconfig.get_path('scripts')}/py-spy"  # (1)!
    dump = subprocess.run(
        [py_spy, "dump", "--pid", str(worker.pid)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    for line in dump.stdout.splitlines():
        if line.startswith("Thread") or "wait" in line:  # (2)!
            print(line)
    go.set()
    worker.join()
#> Thread <int> (idle): "MainThread"
#>     <...>wait (multiprocessing/synchronize.py:<int>)
#>     <...>wait (multiprocessing/synchronize.py:<int>)
#>     wait_for_go (<...>)
