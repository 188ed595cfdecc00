import os
import resource
from multiprocessing import Process


def work(n):
    pass


def open_fds():
    return len(os.listdir("/proc/self/fd"))  # (1)!


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (32, hard))
    exit_codes = []
    for n in range(20):  # more processes than failed before
        p = Process(target=work, args=(n,))
        p.start()
        p.join()
        exit_codes.append(p.exitcode)  # keep the result, not the Process
        p.close()  # (2)!
        if n == 0:
            after_first = open_fds()
    print(f"{exit_codes.count(0)} processes, all exit code 0")
    print(f"descriptors open after the first and last: {after_first}, {open_fds()}")
#> 20 processes, all exit code 0
#> descriptors open after the first and last: <int:fds>, <int:fds>
