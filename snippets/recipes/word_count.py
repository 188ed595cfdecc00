import os
import re
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

WORD = re.compile(r"[a-z]+")
WORKERS = 2


def count_words(path):  # (1)!
    text = Path(path).read_text(encoding="utf-8")
    return Counter(WORD.findall(text.lower()))


def count_parallel(paths):
    total = Counter()
    chunksize = max(1, len(paths) // (WORKERS * 8))  # (2)!
    with Pool(WORKERS) as pool:
        for counts in pool.imap_unordered(count_words, paths, chunksize=chunksize):
            total.update(counts)  # (3)!
    return total


def count_serial(paths):
    total = Counter()
    for path in paths:
        total.update(count_words(path))
    return total


if __name__ == "__main__":
    paths = sorted(Path(os.__file__).parent.glob("*.py"))  # (4)!
    parallel = count_parallel(paths)
    print(f"{len(paths)} files, {sum(parallel.values())} words")
    print("same result as a serial count:", parallel == count_serial(paths))
    print("top 3:", parallel.most_common(3))
#> <int> files, <int> words
#> same result as a serial count: True
#> top 3: [('self', <int>), ('the', <int>), ('if', <int>)]
