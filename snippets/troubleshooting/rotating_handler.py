# test: min_python="3.12.6"
import glob
import logging
import os
import tempfile
from logging.handlers import RotatingFileHandler
from multiprocessing import Event, Process


def make_logger(path):
    handler = RotatingFileHandler(path, maxBytes=200, backupCount=3)  # (1)!
    logger = logging.getLogger("app")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    return logger


def process_a(path, b_ready, a_rotated):
    log = make_logger(path)
    b_ready.wait()
    for i in range(10):  # enough lines to pass maxBytes: A rotates the file
        log.info("A: line %d of a long enough message", i)
    a_rotated.set()


def process_b(path, b_ready, a_rotated):
    log = make_logger(path)  # B opens app.log too, before A rotates it
    b_ready.set()
    a_rotated.wait()
    log.info("B: line 0 written after A rotated the file")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "app.log")
        b_ready, a_rotated = Event(), Event()
        workers = [
            Process(target=process_a, args=(path, b_ready, a_rotated)),
            Process(target=process_b, args=(path, b_ready, a_rotated)),
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        for name in sorted(glob.glob(path + "*")):
            with open(name) as f:
                lines = [line.split(":")[0] + line.split()[2] for line in f]
            print(f"{os.path.basename(name)}: {' '.join(lines)}")  # (2)!
#> app.log: A5 A6 A7 A8 A9
#> app.log.1: A0 A1 A2 A3 A4 B0
