# test: raises="OSError" start_methods="fork spawn"
import resource
from multiprocessing import Process


def work(n):
    pass


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))  # (1)!
    finished = []
    for n in range(1000):
        p = Process(target=work, args=(n,))
        p.start()
        p.join()
        finished.append(p)  # (2)!
#> Traceback (most recent call last):
#> <...>
#> OSError: [Errno 24] Too many open files
