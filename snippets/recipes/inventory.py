import threading
from multiprocessing import Pool
from multiprocessing.managers import BaseManager


class Inventory:  # (1)!
    def __init__(self, stock):
        self._stock = dict(stock)
        self._lock = threading.Lock()  # (2)!

    def take(self, item):  # check and update in one call
        with self._lock:
            if self._stock.get(item, 0) == 0:
                return False
            self._stock[item] -= 1
            return True

    def stock(self):
        with self._lock:
            return dict(self._stock)  # (3)!

    def restock(self, item, count):
        with self._lock:
            self._stock[item] = self._stock.get(item, 0) + count


class ShopManager(BaseManager):
    pass


ShopManager.register("Inventory", Inventory, exposed=("take", "stock"))  # (4)!


def buy(inventory, item):  # runs in a pool worker; inventory is a proxy
    return inventory.take(item)  # (5)!


if __name__ == "__main__":
    with ShopManager() as manager:  # (6)!
        inventory = manager.Inventory({"apple": 7})
        print(type(inventory).__name__, inventory._exposed_)
        with Pool(4) as pool:
            bought = pool.starmap(buy, [(inventory, "apple")] * 10)
        print(f"10 buyers, 7 apples: {bought.count(True)} bought,", end=" ")
        print(f"{bought.count(False)} refused")
        print("left:", inventory.stock())
        try:
            inventory.restock("apple", 5)
        except AttributeError as exc:
            print("AttributeError:", exc)
#> AutoProxy[Inventory] ('take', 'stock')
#> 10 buyers, 7 apples: 7 bought, 3 refused
#> left: {'apple': 0}
#> AttributeError: 'AutoProxy[Inventory]' object has no attribute 'restock'
