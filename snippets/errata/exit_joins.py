import time
from multiprocessing import Process, parent_process


def work(kind, seconds):
    time.sleep(seconds)  # long after the main process has run its last line
    alive = parent_process().is_alive()
    print(f"{kind} child: finished; main process still alive: {alive}")


if __name__ == "__main__":
    Process(target=work, args=("normal", 0.5)).start()
    Process(target=work, args=("daemon", 60), daemon=True).start()
    print("main: last line of the script, no join()")
#> main: last line of the script, no join()
#> normal child: finished; main process still alive: True
