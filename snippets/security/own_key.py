import secrets
from multiprocessing import Manager, Process, current_process
from multiprocessing.managers import SyncManager


def connect(address):
    manager = SyncManager(address=address)  # no authkey: this process's own key
    try:
        manager.connect()
    except Exception as exc:
        print(f"{current_process().name}: {type(exc).__name__}: {exc}")
    else:
        print(f"{current_process().name}: connected")


if __name__ == "__main__":
    with Manager() as manager:
        for name in ("inherits the key", "has its own key"):
            p = Process(target=connect, args=(manager.address,), name=name)
            if name == "has its own key":
                p.authkey = secrets.token_bytes(32)  # (1)!
            p.start()
            p.join()
#> inherits the key: connected
#> has its own key: AuthenticationError: digest sent was rejected
