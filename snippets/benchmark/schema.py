"""The JSON format of one run (validated in tests/test_benchmark.py with jsonschema).

Version 2 (this one) adds to every scaling point the CPU time of the parent and the
workers, the per-repeat speedups and the best-of speedup.  ``load`` reads version 1 runs
too: their samples were interleaved per repeat as well, so paired and best-of speedups
are computed from them; they have no CPU time (``cpu`` and ``factors`` are null).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import stats

SCHEMA_VERSION = 2

_num = {"type": "number"}
_pos = {"type": "number", "exclusiveMinimum": 0}
_summary = {
    "type": "object",
    "required": ["median", "min", "max", "samples"],
    "properties": {
        "median": _pos,
        "min": _pos,
        "max": _pos,
        "samples": {"type": "array", "items": _pos, "minItems": 1},
    },
}
_load = {"type": ["array", "null"], "items": _num}
_skip_or = {
    "type": "object",
    "oneOf": [
        {
            "required": ["skipped"],
            "properties": {"skipped": {"type": "string", "minLength": 5}},
        },
        {
            "required": ["time", "per_task", "setup"],
            "properties": {"time": _summary, "per_task": _pos, "setup": _summary},
        },
    ],
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "snippets.benchmark run",
    "type": "object",
    "required": [
        "schema_version",
        "profile",
        "started",
        "finished",
        "machine",
        "load_average",
        "calibration",
        "experiments",
    ],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "profile": {"enum": ["full", "quick"]},
        "started": {"type": "string"},
        "finished": {"type": "string"},
        "seconds": _pos,
        "command": {"type": "string"},
        "machine": {
            "type": "object",
            "required": [
                "cpu_model",
                "logical_cores",
                "usable_cores",
                "os",
                "python",
                "start_method",
                "start_methods",
            ],
            "properties": {
                "logical_cores": {"type": "integer", "minimum": 1},
                "usable_cores": {"type": "integer", "minimum": 1},
                "python": {
                    "type": "object",
                    "required": ["version", "implementation", "build", "free_threaded"],
                },
                "start_methods": {
                    "type": "array",
                    "items": {"type": "string"},
                    "minItems": 1,
                },
            },
        },
        "load_average": {
            "type": "object",
            "required": ["start", "end"],
            "properties": {"start": _load, "end": _load},
        },
        "calibration": {
            "type": "object",
            "required": ["spin_rounds_per_second"],
            "properties": {"spin_rounds_per_second": _pos},
        },
        "experiments": {
            "type": "object",
            "required": [
                "scaling",
                "crossover",
                "chunksize",
                "arguments",
                "startup",
                "notes",
                "engines",
            ],
            "properties": {
                "scaling": {
                    "type": "object",
                    "required": ["serial", "modes", "cores"],
                    "properties": {
                        "serial": {
                            "allOf": [
                                _summary,
                                {
                                    "required": ["cpu"],
                                    "properties": {"cpu": {"type": ["object", "null"]}},
                                },
                            ]
                        },
                        "modes": {
                            "type": "object",
                            "required": ["threads", "Pool", "ProcessPoolExecutor"],
                            "additionalProperties": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": [
                                        "workers",
                                        "time",
                                        "speedup",
                                        "speedup_min",
                                        "speedup_max",
                                        "speedups",
                                        "speedup_best",
                                        "efficiency",
                                        "efficiency_best",
                                        "cpu",
                                        "factors",
                                    ],
                                    "properties": {
                                        "time": _summary,
                                        "speedup": _pos,
                                        "speedup_best": _pos,
                                        "speedups": {"type": "array", "items": _pos},
                                        "cpu": {"type": ["object", "null"]},
                                        "factors": {"type": ["object", "null"]},
                                    },
                                },
                            },
                        },
                    },
                },
                "crossover": {
                    "type": "object",
                    "required": ["serial", "methods"],
                    "properties": {
                        "methods": {
                            "type": "object",
                            "minProperties": 1,
                            "additionalProperties": {
                                "type": "object",
                                "required": [
                                    "points",
                                    "crossover_task_seconds",
                                    "verdict",
                                ],
                                "properties": {
                                    "crossover_task_seconds": {
                                        "type": ["number", "null"]
                                    },
                                    "verdict": {
                                        "enum": [
                                            "crosses",
                                            "always faster",
                                            "never faster",
                                        ]
                                    },
                                },
                            },
                        }
                    },
                },
                "chunksize": {
                    "type": "object",
                    "required": ["results", "best", "default_chunksize", "serial"],
                },
                "arguments": {
                    "type": "object",
                    "required": ["rows"],
                    "properties": {
                        "rows": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": [
                                    "megabytes",
                                    "pickled",
                                    "shared_memory",
                                    "ratio",
                                ],
                                "properties": {
                                    "pickled": _summary,
                                    "shared_memory": _summary,
                                },
                            },
                        }
                    },
                },
                "startup": {
                    "type": "object",
                    "required": ["methods", "ratios"],
                    "properties": {
                        "methods": {
                            "type": "object",
                            "minProperties": 1,
                            "additionalProperties": {
                                "type": "object",
                                "required": [
                                    "process",
                                    "pool_first_task",
                                    "pool_warm_task",
                                ],
                                "properties": {
                                    "process": _summary,
                                    "pool_first_task": _summary,
                                    "pool_warm_task": _summary,
                                },
                            },
                        }
                    },
                },
                "notes": {
                    "type": "object",
                    "required": ["args", "runs", "best_ratio", "pool_processes"],
                    "properties": {
                        "args": {"const": [1, 2, 10]},
                        "runs": {
                            "type": "array",
                            "minItems": 2,
                            "items": {
                                "type": "object",
                                "required": [
                                    "loops",
                                    "serial",
                                    "pool",
                                    "ratio",
                                    "phases_median",
                                ],
                            },
                        },
                    },
                },
                "engines": {
                    "type": "object",
                    "required": ["engines", "serial", "tasks"],
                    "properties": {
                        "engines": {
                            "type": "object",
                            "required": [
                                "Pool.map",
                                "ProcessPoolExecutor",
                                "joblib",
                                "Dask",
                                "Ray",
                            ],
                            "additionalProperties": _skip_or,
                        }
                    },
                },
            },
        },
    },
}


def upgrade(data: dict) -> dict:
    """A version 1 run in the version 2 layout (a new dict); a version 2 run unchanged."""
    version = data.get("schema_version")
    if version == SCHEMA_VERSION:
        return data
    if version != 1:
        raise ValueError(f"unknown schema version {version!r}")
    data = json.loads(json.dumps(data))  # a deep copy
    sc = data["experiments"]["scaling"]
    base = sc["serial"]["samples"]
    sc["serial"]["cpu"] = None
    for points in sc["modes"].values():
        for p in points:
            # version 1 ran serial, then every point, in each repeat: samples pair up
            paired = stats.summarize(stats.paired_speedups(base, p["time"]["samples"]))
            best = stats.best_of(base, p["time"]["samples"])
            usable = p["speedup"] / p["efficiency"]
            p.update(
                speedup=paired["median"],
                speedup_min=paired["min"],
                speedup_max=paired["max"],
                speedups=paired["samples"],
                speedup_best=best,
                efficiency=paired["median"] / usable,
                efficiency_best=best / usable,
                cpu=None,
                factors=None,
            )
    data["schema_version"] = SCHEMA_VERSION
    data["upgraded_from"] = version
    return data


def load(path) -> dict:
    """Read a run's JSON file, in the current layout whatever version wrote it."""
    return upgrade(json.loads(Path(path).read_text("utf-8")))
