import secrets
from multiprocessing import AuthenticationError, Process
from multiprocessing.connection import Client, Listener


def client(address, authkey):
    try:
        with Client(address, authkey=authkey) as conn:  # (1)!
            conn.send("hello")
            print(f"client: the server replied {conn.recv()!r}")
    except AuthenticationError as exc:
        print(f"client: AuthenticationError: {exc}")


def serve_one(listener):
    """Accept one client; answer it, or say why it was turned away."""
    try:
        conn = listener.accept()  # (2)!
    except AuthenticationError as exc:
        return f"rejected a client: AuthenticationError: {exc}"
    with conn:
        conn.send(conn.recv().upper())
    return "served a client"


if __name__ == "__main__":
    authkey = secrets.token_bytes(32)  # (3)!
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener:  # (4)!
        print(f"server: listening on {listener.address}")
        for key in (authkey, b"a wrong key"):
            p = Process(target=client, args=(listener.address, key))
            p.start()
            outcome = serve_one(listener)
            p.join()
            print(f"server: {outcome}")
#> server: listening on ('127.0.0.1', <int>)
#> client: the server replied 'HELLO'
#> server: served a client
#> client: AuthenticationError: digest sent was rejected
#> server: rejected a client: AuthenticationError: digest received was wrong
