# test: min_python="3.11"
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import current_process


def whoami(_):
    return current_process().name


if __name__ == "__main__":
    with ProcessPoolExecutor(1, max_tasks_per_child=1) as executor:
        names = list(executor.map(whoami, range(4)))
    print(f"worker, task by task: {names}")
#> worker, task by task: ['SpawnProcess-1', 'SpawnProcess-2', 'SpawnProcess-3', 'SpawnProcess-4']
