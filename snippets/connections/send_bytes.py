import array
from multiprocessing import BufferTooShort, Pipe

if __name__ == "__main__":
    a, b = Pipe()

    a.send({"id": 7, "tags": ["x", "y"]})  # (1)!
    print(f"recv(): {b.recv()}")

    a.send_bytes(b"raw bytes, no pickle")  # (2)!
    print(f"recv_bytes(): {b.recv_bytes()}")

    a.send_bytes(b"0123456789", 2, 5)  # (3)!
    print(f"recv_bytes() of a slice: {b.recv_bytes()}")

    buffer = array.array("i", [0, 0, 0, 0])
    a.send_bytes(array.array("i", [10, 20]))
    n = b.recv_bytes_into(buffer, 4)  # (4)!
    print(f"recv_bytes_into(): {n} bytes, buffer is now {buffer.tolist()}")

    a.send_bytes(b"far too long for the buffer")
    small = bytearray(4)
    try:
        b.recv_bytes_into(small)
    except BufferTooShort as exc:  # (5)!
        print(f"BufferTooShort; the whole message is in exc.args[0]: {exc.args[0]}")

    a.send_bytes(b"x" * 100)
    try:
        b.recv_bytes(maxlength=10)  # (6)!
    except OSError as exc:
        print(f"recv_bytes(maxlength=10): OSError: {exc}")
    try:
        b.recv_bytes()
    except OSError as exc:
        print(f"and afterwards: OSError: {exc}")
#> recv(): {'id': 7, 'tags': ['x', 'y']}
#> recv_bytes(): b'raw bytes, no pickle'
#> recv_bytes() of a slice: b'23456'
#> recv_bytes_into(): 8 bytes, buffer is now [0, 10, 20, 0]
#> BufferTooShort; the whole message is in exc.args[0]: b'far too long for the buffer'
#> recv_bytes(maxlength=10): OSError: bad message length
#> and afterwards: OSError: connection is write-only
