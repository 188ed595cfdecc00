from multiprocessing import Event, Process


def child(your_turn):
    your_turn.wait()  # blocks until the parent calls set()
    print("child: second, every time")


if __name__ == "__main__":
    your_turn = Event()
    p = Process(target=child, args=(your_turn,))
    p.start()
    print("main: first, every time")
    your_turn.set()
    p.join()
    print("main: third, every time")
#> main: first, every time
#> child: second, every time
#> main: third, every time
