"""The benchmark chapter: experiments, statistics helpers and worker functions.

Run it with ``python -m snippets.benchmark`` (``--help`` lists the options).  The worker
functions live in ``snippets.benchmark.work`` so that spawn and forkserver children can
import them; a function defined in a notebook or an interactive session cannot be found
there.
"""
