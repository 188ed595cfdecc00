from multiprocessing.managers import BaseManager


class Payload:
    def __reduce__(self):
        return (print, ("payload: ran in the server process",))


class Box:
    def __init__(self):
        self.value = None

    def put(self, value):
        self.value = value

    def get(self):
        return self.value


class BoxManager(BaseManager):
    pass


BoxManager.register("Box", Box)

if __name__ == "__main__":
    for serializer in ("pickle", "xmlrpclib"):  # (1)!
        with BoxManager(serializer=serializer) as manager:
            box = manager.Box()
            box.put(Payload())  # (2)!
            print(f"{serializer}: the server stored {box.get()!r}")
            box.put({"ok": [1, 2.5, "三", None]})
            print(f"{serializer}: plain data comes back as {box.get()!r}")
#> payload: ran in the server process
#> pickle: the server stored None
#> pickle: plain data comes back as {'ok': [1, 2.5, '三', None]}
#> xmlrpclib: the server stored {}
#> xmlrpclib: plain data comes back as {'ok': [1, 2.5, '三', None]}
