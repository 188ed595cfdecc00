from multiprocessing import Process, Queue


def square(x, results):
    results.put((x, x * x))  # (1)!


def squares(numbers):
    """Square each number in a child process of its own; return the squares in order."""
    results = Queue()
    procs = [Process(target=square, args=(x, results)) for x in numbers]
    for p in procs:
        p.start()
    found = dict(results.get() for _ in procs)  # (2)!
    for p in procs:
        p.join()
    return [found[x] for x in numbers]


if __name__ == "__main__":
    print(squares([1, 2, 3]))
#> [1, 4, 9]
