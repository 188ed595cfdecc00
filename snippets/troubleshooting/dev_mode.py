import subprocess
import sys

SCRIPT = """
from multiprocessing import Pool

def count(word):
    pool = Pool(1)  # never closed
    return pool.apply(len, (word,))

if __name__ == "__main__":
    print(count("hello"))
"""

if __name__ == "__main__":
    for flags in ([], ["-X", "dev"]):  # (1)!
        print(f"--- python {' '.join(flags + ['script.py'])}")
        run = subprocess.run(
            [sys.executable, *flags, "-c", SCRIPT],
            capture_output=True,
            text=True,
            timeout=30,
        )
        print(run.stdout + run.stderr, end="")
#> --- python script.py
#> 5
#> --- python -X dev script.py
#> 5
#> <...>/multiprocessing/pool.py:<int>: ResourceWarning: unclosed running multiprocessing pool <multiprocessing.pool.Pool state=RUN pool_size=1>
#>   _warn(f"unclosed running multiprocessing pool {self!r}",
#> ResourceWarning: Enable tracemalloc to get the object allocation traceback
