import os
from multiprocessing import Pipe, Process
from multiprocessing.connection import wait


def work(n, writer):
    if n == 2:
        os._exit(3)  # (1)!
    writer.send(n * 10)
    writer.close()


def gather(n_workers):
    """Start the workers; return {worker: result} and {worker: exitcode}."""
    readers, sentinels = {}, {}
    for n in range(n_workers):
        reader, writer = Pipe(duplex=False)
        p = Process(target=work, args=(n, writer))
        p.start()
        writer.close()
        readers[reader] = n
        sentinels[p.sentinel] = (n, p)
    results, exitcodes = {}, {}
    while readers or sentinels:
        ready_list = wait(list(readers) + list(sentinels), timeout=20)  # (2)!
        if not ready_list:
            raise TimeoutError("no worker did anything for 20 s")
        for ready in ready_list:
            if ready in sentinels:  # (3)!
                n, p = sentinels.pop(ready)
                p.join()
                exitcodes[n] = p.exitcode
                continue
            try:
                results[readers[ready]] = ready.recv()
            except EOFError:  # (4)!
                del readers[ready]
                ready.close()
    return results, exitcodes


if __name__ == "__main__":
    results, exitcodes = gather(4)
    print(f"results:   {dict(sorted(results.items()))}")
    print(f"exitcodes: {dict(sorted(exitcodes.items()))}")
    print(f"no result from: {sorted(exitcodes.keys() - results.keys())}")
#> results:   {0: 0, 1: 10, 3: 30}
#> exitcodes: {0: 0, 1: 0, 2: 3, 3: 0}
#> no result from: [2]
