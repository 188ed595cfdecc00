import os
import threading
from multiprocessing import Pool


def square(x):
    return x * x


def fail(x):
    raise ValueError(f"bad input: {x}")


def where():
    in_main = threading.current_thread() is threading.main_thread()
    return f"pid {os.getpid()}, main thread: {in_main}"


def on_result(value):
    print(f"callback({value}): {where()}")


def on_error(exc):
    print(f"error_callback({exc!r}): {where()}")


if __name__ == "__main__":
    print(f"main: {where()}")
    with Pool(1) as pool:
        ok = pool.apply_async(square, (7,), callback=on_result)
        bad = pool.apply_async(fail, (3,), error_callback=on_error)
        ok.wait()
        bad.wait()
        print(f"bad.successful(): {bad.successful()}")
        try:
            bad.get()  # (1)!
        except ValueError as exc:
            print(f"bad.get() raised {exc!r}")
#> main: pid <pid:main>, main thread: True
#> callback(49): pid <pid:main>, main thread: False
#> error_callback(ValueError('bad input: 3')): pid <pid:main>, main thread: False
#> bad.successful(): False
#> bad.get() raised ValueError('bad input: 3')
