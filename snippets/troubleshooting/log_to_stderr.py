import logging
import multiprocessing as mp


def work(queue, returned):
    queue.put("x" * 100_000)  # more than a pipe holds: waits for a reader
    returned.set()


if __name__ == "__main__":
    mp.log_to_stderr(logging.DEBUG)  # (1)!
    queue, returned = mp.Queue(), mp.Event()
    p = mp.Process(target=work, args=(queue, returned), name="producer")
    p.start()
    returned.wait()  # work() has returned ...
    p.join(timeout=3)  # (2)!
    print(f"producer still alive 3 s later: {p.is_alive()}")
    print(f"got {len(queue.get())} characters")
    p.join()
#> <...>
#> [INFO/producer] child process calling self.run()
#> <...>
#> [DEBUG/producer] joining queue thread
#> producer still alive 3 s later: True
#> <...>
#> got 100000 characters
#> <...>
