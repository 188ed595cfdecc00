"""Runnable examples of the guide: one module per example, grouped by chapter."""
