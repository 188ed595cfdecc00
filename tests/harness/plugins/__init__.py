"""pytest plugins of the suite, one per concern (tests/conftest.py loads them all).

selection -- the tiers (--tier), --chapter and --start-method; the session's plan of runs
processes -- a marker on every process the suite starts, and a last check that none is left
ordering  -- each xdist worker's share laid out by the last run's durations (slowest first)
timing    -- each test's duration and CPU, its phase and chapter, for `make bench-suite`
results   -- the block runs' results as data: .cache/last-run.json and the summary
site      -- the browser checks' figures (search ranks, axe, Lighthouse) in the summary
event_loop -- no asyncio loop marked running outside the browser tests (Playwright's)
"""
