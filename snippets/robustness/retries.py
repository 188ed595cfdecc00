import os
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool


def work(x, attempt):
    if x == 3 and attempt == 1:
        os.kill(os.getpid(), signal.SIGKILL)  # (1)!
    if x == 6:
        raise ValueError(f"{x} is bad input")
    return x * 10


def run_with_retries(fn, items, attempts=3):
    results, errors, todo = {}, {}, list(items)
    for attempt in range(1, attempts + 1):
        failed = []
        with ProcessPoolExecutor(1) as executor:  # (2)!
            futures = {}
            for x in todo:
                try:
                    futures[executor.submit(fn, x, attempt)] = x
                except BrokenProcessPool as exc:  # broke while submitting
                    errors[x] = exc
                    failed.append(x)
            for future in as_completed(futures):
                x = futures[future]
                try:
                    results[x] = future.result()
                except Exception as exc:  # BrokenProcessPool included
                    errors[x] = exc
                    failed.append(x)
        ok = len(todo) - len(failed)
        print(f"attempt {attempt}: {ok} ok, failed: {sorted(failed)}")
        todo = failed
        if not todo:
            break
    return results, {x: errors[x] for x in todo}


if __name__ == "__main__":
    results, errors = run_with_retries(work, [1, 2, 3, 4, 5, 6])
    print(f"results: {dict(sorted(results.items()))}")
    print(f"gave up on: {errors}")
#> attempt 1: 2 ok, failed: [3, 4, 5, 6]
#> attempt 2: 3 ok, failed: [6]
#> attempt 3: 0 ok, failed: [6]
#> results: {1: 10, 2: 20, 3: 30, 4: 40, 5: 50}
#> gave up on: {6: ValueError('6 is bad input')}
