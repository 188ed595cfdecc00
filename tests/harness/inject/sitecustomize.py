"""Loaded by every interpreter the harness starts (PYTHONPATH points here).

Makes MP_DOCS_START_METHOD the *default* start method without "setting" it, the way a
platform default is: a script that calls ``multiprocessing.set_start_method()`` itself
still may, once, exactly as on a reader's machine.  ``get_start_method()`` then reports
the method, which the harness self-tests check in the parent and in the children.
"""

import os
import signal as _signal
import sys

# Line-buffered stdout, as in a terminal: each line reaches the shared pipe in one write,
# so lines of the parent and its children interleave only at line ends, exactly as a
# reader sees them.  (PYTHONUNBUFFERED would write a print's text and its newline apart.)
if os.environ.get("MP_DOCS_LINE_BUFFERED") and sys.stdout is not None:
    sys.stdout.reconfigure(line_buffering=True)

_method = os.environ.get("MP_DOCS_START_METHOD")
if _method:
    import multiprocessing.context as _ctx

    # DefaultContext keeps the platform default in ``_default_context`` until a method is
    # chosen (CPython 3.4+; unchanged through 3.13).
    _ctx._default_context._default_context = _ctx._concrete_contexts[_method]

# ``make chaos``: every child process starts after a random delay, the way a loaded machine
# starts them (seconds, not milliseconds).  BaseProcess._bootstrap is where every child runs
# first under fork, spawn and forkserver alike, Pool and executor workers included (3.4+;
# unchanged through 3.13).  The delay is drawn from the seed, the run's name and the
# process's name, so a failure replays with the same MP_DOCS_CHAOS_SEED.
_seed = os.environ.get("MP_DOCS_CHAOS_SEED")
if _seed:
    import multiprocessing.process as _process
    import random as _random
    import time as _time

    _bootstrap = _process.BaseProcess._bootstrap
    _most = float(os.environ.get("MP_DOCS_CHAOS_MAX", "1.5"))
    _run = os.environ.get("MP_DOCS_RUN_NAME", "")

    def _late_bootstrap(self, *args, **kwargs):
        _time.sleep(_random.Random(f"{_seed}:{_run}:{self.name}").uniform(0, _most))
        return _bootstrap(self, *args, **kwargs)

    _process.BaseProcess._bootstrap = _late_bootstrap

# Ctrl+C as in a terminal: Python turns SIGINT into KeyboardInterrupt only if SIGINT was not
# ignored when it started, and a shell starts background jobs with SIGINT ignored.  A suite
# run from such a job (nohup make test &) must not change what the Ctrl+C examples show.
if _signal.getsignal(_signal.SIGINT) is _signal.SIG_IGN:
    _signal.signal(_signal.SIGINT, _signal.default_int_handler)
