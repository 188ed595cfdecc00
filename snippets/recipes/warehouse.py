import threading
from multiprocessing import Pool
from multiprocessing.managers import BaseManager


class Shelf:
    lock = threading.Lock()  # one for all shelves; pickling a Shelf leaves it out

    def __init__(self, name):
        self.name = name
        self.boxes = 0

    def put(self, count):  # tasks call it at once, from different server threads
        with self.lock:
            self.boxes += count
            return self.boxes


class Warehouse:
    def __init__(self):
        self._shelves = {}
        self._lock = threading.Lock()

    def shelf(self, name):  # returns the Shelf object itself
        with self._lock:
            return self._shelves.setdefault(name, Shelf(name))

    def count(self, name):
        return self._shelves[name].boxes


class CopyManager(BaseManager):
    pass


class ProxyManager(BaseManager):
    pass


CopyManager.register("Warehouse", Warehouse)  # (1)!
ProxyManager.register(
    "Warehouse", Warehouse, method_to_typeid={"shelf": "Shelf"}  # (2)!
)
ProxyManager.register("Shelf", create_method=False)  # (3)!


def fill(warehouse):  # in a pool worker: a method that returns a proxy
    return warehouse.shelf("A").put(1)


def put_one(shelf):  # in a pool worker: a proxy made in the main process
    return shelf.put(1)


if __name__ == "__main__":
    for manager_class in (CopyManager, ProxyManager):
        with manager_class() as manager:
            warehouse = manager.Warehouse()
            shelf = warehouse.shelf("A")
            shelf.put(5)
            print(f"{manager_class.__name__}: got {type(shelf).__name__},", end=" ")
            print(f"boxes on shelf A in the server: {warehouse.count('A')}")

    with ProxyManager() as manager, Pool(2) as pool:
        warehouse = manager.Warehouse()
        try:
            pool.apply(fill, (warehouse,))  # (4)!
        except AttributeError as exc:
            print("in a worker: AttributeError:", exc)
        shelf = warehouse.shelf("A")  # (5)!
        pool.map(put_one, [shelf] * 3)
        print("3 tasks put a box each:", warehouse.count("A"))
#> CopyManager: got Shelf, boxes on shelf A in the server: 0
#> ProxyManager: got AutoProxy[Shelf], boxes on shelf A in the server: 5
#> in a worker: AttributeError: 'NoneType' object has no attribute '_registry'
#> 3 tasks put a box each: 3
