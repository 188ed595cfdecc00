import os
import stat
import subprocess
import sys
from multiprocessing import resource_tracker
from multiprocessing.shared_memory import SharedMemory


def attach(name):
    """Open an existing block by name without adopting it (see the warning below)."""
    if sys.version_info >= (3, 13):
        return SharedMemory(name, track=False)
    shm = SharedMemory(name)
    resource_tracker.unregister(shm._name, "shared_memory")  # 3.9-3.12
    return shm


def other_program(name):  # (1)!
    shm = attach(name)
    print(f"other program: opened {name} by name, read {bytes(shm.buf[:6])!r}")
    shm.buf[:6] = b"SECRET"
    shm.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--other"]:
        other_program(sys.argv[2])
        sys.exit()
    shm = SharedMemory(create=True, size=16)
    try:
        shm.buf[:6] = b"secret"
        path = f"/dev/shm/{shm.name}"  # (2)!
        mode = oct(stat.S_IMODE(os.stat(path).st_mode))
        print(f"creator: made {shm.name}; {path} has mode {mode}")
        subprocess.run(
            [sys.executable, __file__, "--other", shm.name], check=True, timeout=30
        )
        print(f"creator: now reads {bytes(shm.buf[:6])!r}")
    finally:
        shm.close()
        shm.unlink()  # (3)!
    print(f"creator: after unlink(), {path} exists: {os.path.exists(path)}")
#> creator: made psm_<...>; /dev/shm/psm_<...> has mode 0o600
#> other program: opened psm_<...> by name, read b'secret'
#> creator: now reads b'SECRET'
#> creator: after unlink(), /dev/shm/psm_<...> exists: False
