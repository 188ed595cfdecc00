from multiprocessing import Pipe, Process, Queue


def ping(conn):
    conn.send("ping")
    print(f"sibling 1 got: {conn.recv()}")


def pong(conn):
    print(f"sibling 2 got: {conn.recv()}")
    conn.send("pong")


def running_worker(inbox):
    conn = inbox.get()  # (2)!
    conn.send("hello through an end that came by queue")
    conn.close()


if __name__ == "__main__":
    a, b = Pipe()  # (1)!
    siblings = [Process(target=ping, args=(a,)), Process(target=pong, args=(b,))]
    for p in siblings:
        p.start()
    for p in siblings:
        p.join()

    inbox = Queue()
    worker = Process(target=running_worker, args=(inbox,))
    worker.start()
    here, there = Pipe()  # made after the worker started
    inbox.put(there)
    print(f"parent got: {here.recv()}")
    worker.join()
#> sibling 2 got: ping
#> sibling 1 got: pong
#> parent got: hello through an end that came by queue
