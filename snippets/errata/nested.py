from multiprocessing import Pool, Process


def grandchild():
    print("grandchild: started by a child, two function calls deep")


def start_grandchild():  # a helper called by another function: no problem
    p = Process(target=grandchild)
    p.start()
    p.join()


def child():
    start_grandchild()


if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
    with Pool(1) as pool:  # Pool workers are daemon processes
        try:
            pool.apply(start_grandchild)
        except AssertionError as exc:
            print(f"inside a Pool worker: AssertionError: {exc}")
#> grandchild: started by a child, two function calls deep
#> inside a Pool worker: AssertionError: daemonic processes are not allowed to have children
