from multiprocessing import Pipe, Process


def report(writer):
    for line in ("loading", "computing", "done"):
        writer.send(line)
    writer.close()


if __name__ == "__main__":
    reader, writer = Pipe(duplex=False)  # (1)!
    p = Process(target=report, args=(writer,))
    p.start()
    writer.close()  # (2)!
    while True:
        try:
            print(f"child says: {reader.recv()}")
        except EOFError:  # (3)!
            print("EOFError: the child closed its end")
            break
    p.join()
    try:
        reader.send("hello?")
    except OSError as exc:
        print(f"reader.send(): OSError: {exc}")
#> child says: loading
#> child says: computing
#> child says: done
#> EOFError: the child closed its end
#> reader.send(): OSError: connection is read-only
