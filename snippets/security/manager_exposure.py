import os
import stat
from multiprocessing import Manager, Process, active_children, current_process
from multiprocessing.managers import SyncManager

CODE = "import os; print(f'payload: running in process {os.getpid()}')"


class Payload:
    def __reduce__(self):
        return (exec, (CODE,))


def child(address, parent_key):
    print(f"child: has its parent's authkey: {current_process().authkey == parent_key}")
    manager = SyncManager(address=address)  # (1)!
    manager.connect()
    shared = manager.dict()
    shared["x"] = Payload()  # (2)!


if __name__ == "__main__":
    with Manager() as manager:
        (server,) = active_children()  # the manager's server process
        folder = os.path.dirname(manager.address)
        print(f"manager: pid {server.pid}, listening on {manager.address}")  # (3)!
        print(
            f"manager: its folder's mode is {oct(stat.S_IMODE(os.stat(folder).st_mode))}"
        )
        key = bytes(current_process().authkey)
        p = Process(target=child, args=(manager.address, key))
        p.start()
        p.join()
#> manager: pid <pid:server>, listening on <...>/pymp-<...>/listener-<...>
#> manager: its folder's mode is 0o700
#> child: has its parent's authkey: True
#> payload: running in process <pid:server>
