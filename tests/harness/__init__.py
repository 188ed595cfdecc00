"""The docs-test harness: find every code block, run it as a real script, check its output.

Modules:
  blocks   -- find blocks in the pages, read their fence tags, resolve snippet includes
  expected -- the ``#>`` output convention, its placeholders, and rewriting it
  runner   -- run a script in a fresh interpreter under one start method, with a timeout,
              and make sure it leaves no process behind
"""
