from multiprocessing import Manager, Process


def worker(shared):
    shared["worker"] = "done"


if __name__ == "__main__":
    with Manager() as manager:  # (1)!
        shared = manager.dict()
        p = Process(target=worker, args=(shared,))
        p.start()
        p.join()
        print(dict(shared))
    try:
        shared["main"] = "too late"  # the manager has shut down
    except BrokenPipeError as exc:
        print(f"BrokenPipeError: {exc}")
#> {'worker': 'done'}
#> BrokenPipeError: [Errno 32] Broken pipe
