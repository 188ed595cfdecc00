import itertools
from collections import deque
from concurrent.futures import ProcessPoolExecutor

produced = 0  # how many items the input generator has handed out so far


def endless():
    global produced
    for i in itertools.count():
        produced += 1
        yield i


def square(x):
    return x * x


def paced_map(executor, fn, iterable, window):
    """Like executor.map(), with at most `window` tasks submitted and not yet returned."""
    pending = deque()
    for item in iterable:
        if len(pending) == window:
            yield pending.popleft().result()  # (1)!
        pending.append(executor.submit(fn, item))
    while pending:
        yield pending.popleft().result()


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        results = paced_map(executor, square, endless(), window=4)
        first = list(itertools.islice(results, 3))
        print(f"first results: {first}, items read: {produced}")  # (2)!
#> first results: [0, 1, 4], items read: 7
