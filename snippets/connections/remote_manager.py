import queue
import secrets
import subprocess
import sys
from multiprocessing import AuthenticationError
from multiprocessing.managers import BaseManager

JOBS = queue.Queue()  # (1)!


def get_jobs():
    return JOBS


class JobManager(BaseManager):
    pass


def client_program(host, port, authkey):  # (2)!
    JobManager.register("get_jobs")  # no callable here: the server has it
    manager = JobManager(address=(host, port), authkey=authkey)
    try:
        manager.connect()
    except AuthenticationError as exc:
        print(f"client: AuthenticationError: {exc}")
        return
    jobs = manager.get_jobs()  # (3)!
    jobs.put("resize photo.jpg")
    print("client: put a job on the server's queue")


def run_client(address, authkey):
    host, port = address
    subprocess.run(
        [sys.executable, __file__, "--client", host, str(port)],
        input=authkey.hex(),  # (4)!
        text=True,
        check=True,
        timeout=30,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:  # started by run_client(): another program
        client_program(sys.argv[2], int(sys.argv[3]), bytes.fromhex(input()))
        sys.exit()
    JobManager.register("get_jobs", callable=get_jobs)
    authkey = secrets.token_bytes(32)
    with JobManager(address=("127.0.0.1", 0), authkey=authkey) as manager:  # (5)!
        print(f"server: manager listening on {manager.address}")
        run_client(manager.address, authkey)
        run_client(manager.address, b"a wrong key")
        print(f"server: got {manager.get_jobs().get(timeout=10)!r}")
#> server: manager listening on ('127.0.0.1', <int>)
#> client: put a job on the server's queue
#> client: AuthenticationError: digest sent was rejected
#> server: got 'resize photo.jpg'
