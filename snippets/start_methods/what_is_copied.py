import importlib
import multiprocessing as mp
import sys

setting = "set at import"


def report(method):
    loaded = "xml.dom.minidom" in sys.modules
    print(f"{method:<10} setting = {setting!r:<17} xml.dom.minidom loaded: {loaded}")


if __name__ == "__main__":
    importlib.import_module("xml.dom.minidom")  # (1)!

    setting = "changed in main"
    for method in ("fork", "spawn", "forkserver"):
        p = mp.get_context(method).Process(target=report, args=(method,))
        p.start()
        p.join()
#> fork       setting = 'changed in main' xml.dom.minidom loaded: True
#> spawn      setting = 'set at import'   xml.dom.minidom loaded: False
#> forkserver setting = 'set at import'   xml.dom.minidom loaded: False
