import json
import os
import pickle
import secrets
from multiprocessing import Process
from multiprocessing.connection import Client, Listener

CODE = "import os; print(f'payload: running in process {os.getpid()}')"


class Payload:
    def __reduce__(self):  # (1)!
        return (exec, (CODE,))


def peer(address, authkey):
    with Client(address, authkey=authkey) as conn:
        conn.send_bytes(pickle.dumps(Payload()))  # (2)!
        conn.send_bytes(json.dumps({"op": "add", "args": [2, 3]}).encode())


if __name__ == "__main__":
    authkey = secrets.token_bytes(32)
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener:
        p = Process(target=peer, args=(listener.address, authkey))
        p.start()
        with listener.accept() as conn:  # the peer knows the key: accepted
            print(f"server: my pid is {os.getpid()}")
            obj = conn.recv()  # (3)!
            print(f"server: recv() returned {obj!r}")
            message = json.loads(conn.recv_bytes())  # (4)!
            print(f"server: recv_bytes() + json.loads() gave {message}")
        p.join()
#> server: my pid is <pid:server>
#> payload: running in process <pid:server>
#> server: recv() returned None
#> server: recv_bytes() + json.loads() gave {'op': 'add', 'args': [2, 3]}
