import os
from multiprocessing import Process


def greet(name, times):
    for i in range(times):
        print(f"child {os.getpid()}: hello {name} #{i}")


if __name__ == "__main__":
    p = Process(target=greet, args=("Ada",), kwargs={"times": 2})
    p.start()  # (1)!
    p.join()  # (2)!
    print(f"parent {os.getpid()}: child exited with code {p.exitcode}")
#> child <pid:child>: hello Ada #0
#> child <pid:child>: hello Ada #1
#> parent <pid:parent>: child exited with code 0
