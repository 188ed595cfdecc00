from multiprocessing import Array, Process, Value


def fill(index, total, squares):
    squares[index] = index * index  # (1)!
    with total.get_lock():  # (2)!
        total.value += index


if __name__ == "__main__":
    total = Value("i", 0)  # a C int, initial value 0
    squares = Array("d", 4)  # four C doubles, all 0.0
    workers = [Process(target=fill, args=(i, total, squares)) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"total.value = {total.value}")
    print(f"squares[:] = {squares[:]}")
    print(type(total).__name__, type(squares).__name__)
#> total.value = 6
#> squares[:] = [0.0, 1.0, 4.0, 9.0]
#> Synchronized SynchronizedArray
