from multiprocessing import Manager, Process


def record(worker_id, results, log, settings):
    results[worker_id] = worker_id * settings.scale  # (1)!
    log.append(f"worker {worker_id} done")


if __name__ == "__main__":
    with Manager() as manager:  # (2)!
        results = manager.dict()
        log = manager.list()
        settings = manager.Namespace(scale=10)
        args = [(i, results, log, settings) for i in range(3)]
        workers = [Process(target=record, args=a) for a in args]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(dict(sorted(results.items())))
        print(sorted(log))
        print(type(results).__name__, type(log).__name__, type(settings).__name__)
#> {0: 0, 1: 10, 2: 20}
#> ['worker 0 done', 'worker 1 done', 'worker 2 done']
#> DictProxy ListProxy NamespaceProxy
