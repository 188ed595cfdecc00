"""The docs-test harness: find every code block, run it as a real script, check its output.

Modules:
  blocks   -- find blocks in the pages, read their fence tags, resolve snippet includes
  expected -- the ``#>`` output convention, its placeholders, and rewriting it
  runner   -- run a script in a fresh interpreter under one start method, with a timeout,
              and make sure it leaves no process behind (inject/sitecustomize.py sets the
              default start method and terminal-like line buffering in every interpreter)
  envs     -- the venvs blocks run in: an empty one, or one with the pinned example packages
  verify   -- judge one run: exit status, expected exception, output, timeout, leaks
  lint     -- black + ruff through pytest-examples (``--update-examples`` reformats)
  site     -- zh/en parity of code blocks, third-party loads, search index
"""
