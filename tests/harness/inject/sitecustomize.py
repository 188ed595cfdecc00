"""Loaded by every interpreter the harness starts (PYTHONPATH points here).

Makes MP_DOCS_START_METHOD the *default* start method without "setting" it, the way a
platform default is: a script that calls ``multiprocessing.set_start_method()`` itself
still may, once, exactly as on a reader's machine.  ``get_start_method()`` then reports
the method, which the harness self-tests check in the parent and in the children.
"""

import os
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
