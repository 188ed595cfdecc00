import pathlib
import subprocess
import sys
import tempfile

TASKS = """
def greet():
    print("hello from the child")
"""

CELL = """
import multiprocessing as mp
import sys

from tasks import greet  # imported from tasks.py, not defined in the cell

p = mp.get_context(sys.argv[1]).Process(target=greet)
p.start()
p.join()
print(f"exit code: {p.exitcode}")
"""

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        pathlib.Path(folder, "tasks.py").write_text(TASKS)
        for method in ("fork", "spawn", "forkserver"):
            print(f"--- {method}")
            run = subprocess.run(
                [sys.executable, "-c", CELL, method],
                cwd=folder,  # (1)!
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=20,
            )
            print(run.stdout, end="")
#> --- fork
#> hello from the child
#> exit code: 0
#> --- spawn
#> hello from the child
#> exit code: 0
#> --- forkserver
#> hello from the child
#> exit code: 0
