from multiprocessing import JoinableQueue, Process, Queue


def worker(tasks, results):
    while True:
        n = tasks.get()
        try:
            if n is None:
                break
            results.put(n * n)
        finally:
            tasks.task_done()  # (1)!


def run_batches(batches, n_workers=3):
    """Square each batch with the same workers; wait for each batch with join()."""
    tasks, results = JoinableQueue(), Queue()
    workers = [Process(target=worker, args=(tasks, results)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    answers = []
    for batch in batches:
        for n in batch:
            tasks.put(n)
        tasks.join()  # (2)!
        answers.append(sorted(results.get(timeout=10) for _ in batch))  # (3)!
    for _ in workers:
        tasks.put(None)
    for w in workers:
        w.join()
    return answers


if __name__ == "__main__":
    for i, squares in enumerate(run_batches([range(4), range(10, 13)]), 1):
        print(f"batch {i} done: {squares}")
#> batch 1 done: [0, 1, 4, 9]
#> batch 2 done: [100, 121, 144]
