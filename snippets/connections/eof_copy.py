from multiprocessing import Pipe, Process


def produce(writer):
    for item in ("a", "b", "c"):
        writer.send(item)
    writer.close()


def drain(reader, timeout):
    """Receive until EOF; give up if nothing at all happens for `timeout` seconds."""
    items = []
    while reader.poll(timeout):  # (1)!
        try:
            items.append(reader.recv())
        except EOFError:
            return items, "EOFError"
    return items, f"no EOF within {timeout} s: recv() would wait forever"


def run(close_parent_copy):
    reader, writer = Pipe(duplex=False)
    p = Process(target=produce, args=(writer,))
    p.start()
    if close_parent_copy:
        writer.close()  # (2)!
    p.join()  # (3)!
    items, ending = drain(reader, timeout=1)
    print(f"parent closed its copy: {close_parent_copy}")
    print(f"  got {items}, then {ending}")
    reader.close()
    writer.close()  # closing twice is allowed


if __name__ == "__main__":
    run(close_parent_copy=False)
    run(close_parent_copy=True)
#> parent closed its copy: False
#>   got ['a', 'b', 'c'], then no EOF within 1 s: recv() would wait forever
#> parent closed its copy: True
#>   got ['a', 'b', 'c'], then EOFError
