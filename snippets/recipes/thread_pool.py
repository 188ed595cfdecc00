import threading
from multiprocessing import Pool
from multiprocessing.dummy import Pool as DummyPool
from multiprocessing.pool import ThreadPool


def main():
    words = ["fork", "spawn", "forkserver", "pickle", "proxy"]
    seen = {}  # an ordinary dict in this process
    lock = threading.Lock()  # (1)!

    def record(word):  # a local function: defined inside main()
        with lock:
            seen[word] = len(word)
        return word.upper()

    with Pool(2) as pool:  # (2)!
        try:
            pool.map(record, words)
        except Exception as exc:
            print(f"Pool: {type(exc).__name__}: {exc}")

    with DummyPool(4) as pool:  # (3)!
        print(type(pool).__name__, isinstance(pool, ThreadPool))

    with ThreadPool(4) as pool:
        print(pool.map(lambda word: word[::-1], words))  # (4)!
        print(sorted(pool.imap_unordered(record, words)))
    print(dict(sorted(seen.items())))  # (5)!


if __name__ == "__main__":
    main()
#> Pool: AttributeError: Can't <...> local object 'main.<locals>.record'
#> ThreadPool True
#> ['krof', 'nwaps', 'revreskrof', 'elkcip', 'yxorp']
#> ['FORK', 'FORKSERVER', 'PICKLE', 'PROXY', 'SPAWN']
#> {'fork': 4, 'forkserver': 10, 'pickle': 6, 'proxy': 5, 'spawn': 5}
