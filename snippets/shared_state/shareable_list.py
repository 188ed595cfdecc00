from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList


def update(name):
    items = ShareableList(name=name)  # attach by name
    items[0] += 1
    items[2] = "done"  # fits: no longer than the first value
    items.shm.close()


if __name__ == "__main__":
    items = ShareableList([41, 2.5, "todo", None, True])
    try:
        child = Process(target=update, args=(items.shm.name,))
        child.start()
        child.join()
        print(list(items))
        try:
            items[2] = "a longer string"
        except ValueError as exc:
            print(f"ValueError: {exc}")
    finally:
        items.shm.close()
        items.shm.unlink()
#> [42, 2.5, 'done', None, True]
#> ValueError: bytes/str item exceeds available storage
