import threading
from multiprocessing.dummy import Pool as DummyPool
from multiprocessing.pool import ThreadPool

if __name__ == "__main__":
    with DummyPool(4) as pool:  # (1)!
        print(type(pool).__name__, isinstance(pool, ThreadPool))

    words = ["fork", "spawn", "forkserver", "pickle", "proxy"]
    seen = {}  # an ordinary dict in this process
    lock = threading.Lock()  # (2)!

    def record(word):  # a local function: a process pool could not pickle it
        with lock:
            seen[word] = len(word)
        return word.upper()

    with ThreadPool(4) as pool:
        print(pool.map(lambda word: word[::-1], words))  # (3)!
        print(sorted(pool.imap_unordered(record, words)))
    print(dict(sorted(seen.items())))  # (4)!
#> ThreadPool True
#> ['krof', 'nwaps', 'revreskrof', 'elkcip', 'yxorp']
#> ['FORK', 'FORKSERVER', 'PICKLE', 'PROXY', 'SPAWN']
#> {'fork': 4, 'forkserver': 10, 'pickle': 6, 'proxy': 5, 'spawn': 5}
