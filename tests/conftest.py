"""The suite's plugins, one per concern (tests/harness/plugins/__init__.py lists them)."""

pytest_plugins = [
    "harness.plugins.selection",
    "harness.plugins.processes",
    "harness.plugins.ordering",
    "harness.plugins.timing",
    "harness.plugins.results",
    "harness.plugins.site",
    "harness.plugins.event_loop",
]
