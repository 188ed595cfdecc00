import os
from multiprocessing import Process, current_process, parent_process


def show(role):
    # --8<-- [start:calls]
    me = current_process()
    parent = parent_process()  # None in the main process
    # --8<-- [end:calls]
    print(f"{role}: name={me.name} pid={os.getpid()}")
    if parent is not None:
        print(f"{role}: parent_process() is {parent.name}, pid={parent.pid}")


if __name__ == "__main__":
    show("main")
    p = Process(target=show, args=("child",), name="worker-1")
    p.start()
    p.join()
    print(f"main: the child had pid={p.pid}")
#> main: name=MainProcess pid=<pid:main>
#> child: name=worker-1 pid=<pid:child>
#> child: parent_process() is MainProcess, pid=<pid:main>
#> main: the child had pid=<pid:child>
