import secrets
from multiprocessing import Process
from multiprocessing.connection import Client, Listener, wait


def accept(listener, timeout):
    """listener.accept() with a timeout: a connection, or None."""
    sock = listener._listener._socket  # (1)!
    if not wait([sock], timeout):
        return None
    return listener.accept()  # (2)!


def client(address, authkey):
    with Client(address, authkey=authkey) as conn:
        conn.send("hello")


if __name__ == "__main__":
    authkey = secrets.token_bytes(32)
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener:
        try:
            wait([listener], timeout=0)
        except ValueError as exc:
            print(f"wait([listener]) -> ValueError: {exc}")
        print(f"nobody there: accept(listener, 0.2) -> {accept(listener, 0.2)}")
        p = Process(target=client, args=(listener.address, authkey))
        p.start()
        with accept(listener, 30) as conn:
            print(f"a client came: it sent {conn.recv()!r}")
        p.join()
#> wait([listener]) -> ValueError: Invalid file object: <multiprocessing.connection.Listener object at <hex>>
#> nobody there: accept(listener, 0.2) -> None
#> a client came: it sent 'hello'
