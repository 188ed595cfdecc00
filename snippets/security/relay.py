import secrets
import socket
import struct
import threading
from multiprocessing import Process
from multiprocessing.connection import Client, Listener

HANDSHAKE_FRAMES = 3  # (1)!


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("connection closed in the middle of a frame")
        data += chunk
    return data


def read_frame(sock):
    """One message as multiprocessing.connection frames it: 4-byte length, then data."""
    (size,) = struct.unpack("!i", recv_exactly(sock, 4))
    return recv_exactly(sock, size)


def frame(data):
    return struct.pack("!i", len(data)) + data


def pump(src, dst):
    while True:
        data = src.recv(65536)
        if not data:
            break
        dst.sendall(data)


def relay(front, server_address, seen):  # (2)!
    client_sock, _ = front.accept()
    with client_sock, socket.create_connection(server_address) as server_sock:
        back = threading.Thread(target=pump, args=(server_sock, client_sock))
        back.start()
        for _ in range(HANDSHAKE_FRAMES):  # passed on untouched
            server_sock.sendall(frame(read_frame(client_sock)))
        seen.append(read_frame(client_sock))  # (3)!
        server_sock.sendall(frame(b"pay 100 to mallory"))
        back.join()


def customer(address, authkey):
    with Client(address, authkey=authkey) as conn:
        conn.send_bytes(b"pay 100 to alice")
        conn.recv_bytes()  # wait for the server's receipt


if __name__ == "__main__":
    authkey = secrets.token_bytes(32)
    seen = []
    front = socket.create_server(("127.0.0.1", 0))  # where the relay waits
    with Listener(("127.0.0.1", 0), authkey=authkey) as listener, front:
        mitm = threading.Thread(target=relay, args=(front, listener.address, seen))
        mitm.start()
        p = Process(target=customer, args=(front.getsockname(), authkey))  # (4)!
        p.start()
        with listener.accept() as conn:  # (5)!
            order = conn.recv_bytes()
            conn.send_bytes(b"done")
        p.join()
        mitm.join()
    print(f"relay:  read in transit {seen[0]!r}")
    print(f"server: the authenticated client asked for {order!r}")
#> relay:  read in transit b'pay 100 to alice'
#> server: the authenticated client asked for b'pay 100 to mallory'
