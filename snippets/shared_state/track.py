# test: min_python="3.13"
import subprocess
import sys
from multiprocessing.shared_memory import SharedMemory

READER = """
import sys
from multiprocessing.shared_memory import SharedMemory

shm = SharedMemory(name=sys.argv[1], track=sys.argv[2] == "True")
print(bytes(shm.buf[:5]).decode())
shm.close()
"""


def exists(name):
    try:
        SharedMemory(name=name, track=False).close()
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    for track in (True, False):
        shm = SharedMemory(create=True, size=5, track=False)  # (1)!
        shm.buf[:5] = b"hello"
        command = [sys.executable, "-c", READER, shm.name, str(track)]
        reader = subprocess.run(command, capture_output=True, text=True)  # (2)!
        print(f"reader with track={track} read {reader.stdout.strip()!r}")
        print(f"  its resource tracker warned: {'leaked' in reader.stderr}")
        print(f"  the block still exists: {exists(shm.name)}")
        shm.close()
        if exists(shm.name):
            shm.unlink()  # (3)!
#> reader with track=True read 'hello'
#>   its resource tracker warned: True
#>   the block still exists: False
#> reader with track=False read 'hello'
#>   its resource tracker warned: False
#>   the block still exists: True
