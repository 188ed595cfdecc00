from multiprocessing import Pipe, Process


def square_server(conn):
    while True:
        number = conn.recv()
        if number is None:  # the parent's "no more work"
            break
        conn.send(number * number)
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = Pipe()  # (1)!
    p = Process(target=square_server, args=(child_end,))
    p.start()
    for n in (3, 4, 5):
        parent_end.send(n)  # (2)!
        print(f"{n} squared is {parent_end.recv()}")
    parent_end.send(None)
    p.join()
#> 3 squared is 9
#> 4 squared is 16
#> 5 squared is 25
