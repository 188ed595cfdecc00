import dis
from multiprocessing import Barrier, Process, Value


def add_one(counter, barrier):
    counter.value += wait_then(barrier, 1)  # (1)!


def wait_then(barrier, step):
    barrier.wait(timeout=10)  # both processes have read counter.value by now
    return step


if __name__ == "__main__":
    steps = [i.opname for i in dis.get_instructions(add_one) if "ATTR" in i.opname]
    print(f"counter.value += ... is {steps}")  # (2)!
    counter = Value("i", 0)
    barrier = Barrier(2)
    workers = [Process(target=add_one, args=(counter, barrier)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"two processes added 1 each: counter.value = {counter.value}")
#> counter.value += ... is ['LOAD_ATTR', 'STORE_ATTR']
#> two processes added 1 each: counter.value = 1
