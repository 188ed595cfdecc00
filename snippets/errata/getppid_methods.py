import multiprocessing as mp
import os


def report(method):
    ppid = os.getppid()  # the parent in the operating system's eyes
    caller = mp.parent_process().pid  # the process that called start()
    same = ppid == caller
    print(f"{method}: os.getppid() = {ppid}, parent_process() = {caller}, same: {same}")


if __name__ == "__main__":
    print(f"main process: {os.getpid()}")
    for method in ("fork", "spawn", "forkserver", "forkserver"):
        p = mp.get_context(method).Process(target=report, args=(method,))
        p.start()
        p.join()
#> main process: <pid:main>
#> fork: os.getppid() = <pid:main>, parent_process() = <pid:main>, same: True
#> spawn: os.getppid() = <pid:main>, parent_process() = <pid:main>, same: True
#> forkserver: os.getppid() = <pid:server>, parent_process() = <pid:main>, same: False
#> forkserver: os.getppid() = <pid:server>, parent_process() = <pid:main>, same: False
