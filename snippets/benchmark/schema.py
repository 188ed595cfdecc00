"""The JSON format of one run (validated in tests/test_benchmark.py with jsonschema).

Version 5 (this one) is version 4 with the CPU-speed probe: every arm's measurement holds
the time a fixed loop took on each watched CPU just before and just after it (``probe``), and
the summary its spread.  A single round whose ratio passes a speedup limit is listed in that
round (``past_limit``) and no longer counts as disturbed; an experiment is marked when a
ratio's k-th smallest round lies above its limit, k chosen so that chance does this at most
5 % of the time over all the experiment's limits where the rounds allow it, else k = 1 (every
round; at 9 rounds and 28 limits that is 5.5 %) (``stats.limit_rank``; ``over_limit`` keeps
k and that ratio).  The summary counts the rounds of experiments that have limits.  Engine
arms may read their processes' CPU before those exit; what vanished from the reading at the
arm's end is kept (``own_cpu_unseen``) and counted as the arm's own CPU.

Version 4: every experiment runs its arms in interleaved, shuffled rounds under
every start method and stores each round (order, load average, what disturbed it, every
arm's timing and the CPU around it), the speedup limits its rounds were held to, which
rounds its statistics use, and each comparison as a paired ratio with its distribution-free
interval and verdict; the summary says which rounds were run again and which experiments
were marked disturbed, and why.  ``snippets.benchmark.check`` works every one of these
derived fields out again from the rounds.

Version 3 had the same rounds, but bootstrap intervals, no stored limits, limits and
efficiency on the planned worker count rather than the usable cores, and no limits at all on
the chunksize experiment; its verdicts cannot be checked the way version 4's are.

Versions 1 and 2 cannot be brought to this layout: they ran most configurations one after
another (all repeats of A, then of B) and under fork only, so there are no rounds to pair
and no other start methods to show.  ``load`` refuses them with that reason; ``v2_rounds``
still reads a version 2 run's scaling experiment (the only one that was interleaved) into
rounds, so the disturbance check can be run on it.
"""

from __future__ import annotations

import json
from pathlib import Path

from .stats import VERDICTS

SCHEMA_VERSION = 5


class SchemaError(ValueError):
    """A results file this code cannot show, with the reason."""


_num = {"type": "number"}
_pos = {"type": "number", "exclusiveMinimum": 0}
_opt_num = {"type": ["number", "null"]}
_ci = {
    "oneOf": [
        {"type": "null"},
        {"type": "array", "items": _pos, "minItems": 2, "maxItems": 2},
    ]
}
_load = {"type": ["array", "null"], "items": _num}
_described = {
    "type": "object",
    "required": ["median", "min", "max", "samples", "ci"],
    "properties": {
        "median": _pos,
        "min": _pos,
        "max": _pos,
        "samples": {"type": "array", "items": _pos, "minItems": 1},
        "ci": _ci,
    },
}
_comparison = {
    "type": "object",
    "required": ["arm", "baseline", "key", "ratios", "estimate", "ci", "verdict"],
    "properties": {
        "arm": {"type": "string"},
        "baseline": {"type": "string"},
        "key": {"type": "string"},
        "ratios": {"type": "array", "items": _pos, "minItems": 1},
        "estimate": _pos,
        "ci": _ci,
        "verdict": {"enum": list(VERDICTS)},
    },
}
_measurement = {
    "type": "object",
    "required": ["wall", "span", "machine_busy", "steal", "own_cpu", "processes"],
    "properties": {
        "wall": _pos,
        "span": _pos,
        "machine_busy": _opt_num,
        "steal": _opt_num,
        "own_cpu": _opt_num,
        "processes": {"type": ["integer", "null"]},
        "own_cpu_unseen": {"type": "number", "minimum": 0},
        "probe": {
            "type": "object",
            "required": ["before", "after"],
            "properties": {
                "before": {"type": "array", "items": _pos, "minItems": 1},
                "after": {"type": "array", "items": _pos, "minItems": 1},
            },
        },
    },
}
_reason = {
    "type": "object",
    "required": ["arm", "kind", "value", "limit"],
    "properties": {
        "kind": {"enum": ["others", "steal"]},
        "value": _num,
        "limit": _num,
    },
}
_past = {
    "type": "object",
    "required": ["arm", "baseline", "value", "limit"],
    "properties": {"value": _pos, "limit": _pos},
}
_round = {
    "type": "object",
    "required": [
        "index",
        "order",
        "load_average",
        "disturbed",
        "past_limit",
        "whole",
        "measurements",
    ],
    "properties": {
        "index": {"type": "integer", "minimum": 0},
        "order": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "load_average": {
            "type": "object",
            "required": ["start", "end"],
            "properties": {"start": _load, "end": _load},
        },
        "disturbed": {"type": "array", "items": _reason},
        "past_limit": {"type": "array", "items": _past},
        "measurements": {"type": "object", "additionalProperties": _measurement},
    },
}
_limit = {
    "type": "object",
    "required": ["arm", "baseline", "most"],
    "properties": {
        "arm": {"type": "string"},
        "baseline": {"type": "string"},
        "most": _pos,
    },
}
_rounds = {
    "type": "object",
    "required": [
        "repeats",
        "max_extra_rounds",
        "limits",
        "status",
        "used_rounds",
        "rounds",
        "seconds",
    ],
    "properties": {
        "repeats": {"type": "integer", "minimum": 1},
        "max_extra_rounds": {"type": "integer", "minimum": 0},
        "limits": {"type": "array", "items": _limit},
        "status": {"enum": ["clean", "disturbed"]},
        "used_rounds": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
        "rounds": {"type": "array", "items": _round, "minItems": 1},
        "settings": {"type": "object"},
    },
}


def _experiment(*required: str, comparisons: bool = True) -> dict:
    props = {"arms": {"type": "object", "additionalProperties": _described}}
    if comparisons:
        props["comparisons"] = {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": _comparison,
        }
    return {
        "allOf": [
            _rounds,
            {
                "required": [
                    "settings",
                    "arms",
                    *(["comparisons"] if comparisons else []),
                    *required,
                ],
                "properties": props,
            },
        ]
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
        "seconds",
        "machine",
        "planned_cores",
        "parallel_cores",
        "seed",
        "method",
        "load_average",
        "calibration",
        "summary",
        "experiments",
    ],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "summary": {
            "type": "object",
            "required": [
                "rounds",
                "disturbed_rounds",
                "rounds_past_limit",
                "rounds_with_limits",
                "extra_rounds",
                "marked",
                "load_1min",
                "quoted_span",
                "others_cores_max",
                "steal_cores_max",
                "probe",
            ],
            "properties": {
                "probe": {
                    "oneOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "required": [
                                "readings",
                                "min",
                                "p10",
                                "median",
                                "p90",
                                "max",
                                "p90_over_p10",
                            ],
                        },
                    ]
                },
                "marked": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "required": [
                            "why",
                            "clean_rounds",
                            "repeats",
                            "rounds",
                            "over_limit",
                        ],
                        "properties": {
                            "why": {
                                "type": "array",
                                "items": {"enum": ["rounds", "limit"]},
                                "minItems": 1,
                            }
                        },
                    },
                },
            },
        },
        "planned_cores": {"type": "integer", "minimum": 1},
        "parallel_cores": _pos,
        "profile": {"enum": ["full", "quick"]},
        "started": {"type": "string"},
        "finished": {"type": "string"},
        "seconds": _pos,
        "command": {"type": "string"},
        "seed": {"type": "integer", "minimum": 0},
        "method": {
            "type": "object",
            "required": [
                "repeats",
                "max_extra_rounds",
                "min_rounds_for_interval",
                "confidence",
                "intervals",
                "disturbance",
            ],
            "properties": {
                "confidence": {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "exclusiveMaximum": 1,
                },
                "intervals": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "required": [
                            "rounds",
                            "lower",
                            "upper",
                            "coverage",
                            "false_verdict",
                        ],
                    },
                },
                "disturbance": {
                    "type": "object",
                    "required": [
                        "others_cores",
                        "steal_cores",
                        "probe_loops",
                        "probe_cpus",
                        "tick_seconds",
                        "ncpus",
                        "shortest_flaggable_seconds",
                    ],
                },
            },
        },
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
                "per_task",
                "engines",
            ],
            "properties": {
                "scaling": _experiment("points"),
                "crossover": _experiment("methods", comparisons=True),
                "chunksize": _experiment("best"),
                "arguments": _experiment(),
                "startup": _experiment("first_process"),
                "notes": _experiment("quoted", "reading"),
                "per_task": _experiment(),
                "engines": {
                    "type": "object",
                    "required": ["skipped", "settings", "status"],
                    "oneOf": [
                        {"properties": {"status": {"const": "skipped"}}},
                        _experiment(comparisons=False),
                    ],
                },
            },
        },
    },
}


def check_version(data: dict) -> dict:
    """``data`` if this code can show it; otherwise SchemaError saying why not."""
    version = data.get("schema_version")
    if version == SCHEMA_VERSION:
        return data
    if version in (1, 2):
        raise SchemaError(
            f"schema version {version}: that run timed most configurations one after another "
            "(all repeats of one, then the next) and under fork only, so it has no rounds to "
            f"pair and no intervals; this code shows version {SCHEMA_VERSION} runs: rerun "
            "`make bench` (schema.v2_rounds reads a version 2 run's scaling rounds for the "
            "disturbance check)"
        )
    if version == 4:
        raise SchemaError(
            "schema version 4: that run counted a round whose ratio passed its speedup limit "
            "by 2 % as disturbed and ran it again, and marked an experiment whose median "
            "passed a limit; on a virtual CPU whose speed changes between arms that marked "
            "most experiments. It has no CPU-speed probe, so its verdicts cannot be worked "
            f"out by this code's rules; this code shows version {SCHEMA_VERSION} runs: rerun "
            "`make bench`"
        )
    if version == 3:
        raise SchemaError(
            "schema version 3: that run's intervals are bootstrap intervals, its speedup "
            "limits and efficiency followed the planned worker count (--workers) rather than "
            "the usable cores, its chunksize experiment had no limits, and it stored neither "
            "its limits nor which experiments were marked disturbed and why, so its verdicts "
            f"cannot be worked out again from its rounds; this code shows version "
            f"{SCHEMA_VERSION} runs: rerun `make bench`"
        )
    raise SchemaError(f"unknown schema version {version!r}")


def load(path) -> dict:
    """Read a run's JSON file; SchemaError (with the reason) for a version this code cannot show."""
    return check_version(json.loads(Path(path).read_text("utf-8")))


def v2_rounds(data: dict) -> tuple[dict, int]:
    """A version 2 run's scaling experiment as version 3 rounds, and its usable cores.

    Version 2 interleaved only this experiment: every repeat ran the plain loop and every
    parallel point once, so repeat i of each arm belongs to round i.  The CPU figures it kept
    (the parent's, the workers' as their tasks reported them, the machine's busy and stolen
    time) fill a round's measurements; ``processes`` is the number of workers that ran.
    """
    if data.get("schema_version") != 2:
        raise SchemaError("v2_rounds reads version 2 runs only")
    sc = data["experiments"]["scaling"]
    cores = sc["cores"]
    arms = {"serial": (sc["serial"]["samples"], sc["serial"]["cpu"])}
    for mode, points in sc["modes"].items():
        for p in points:
            arms[f"{mode}/fork/{p['workers']}"] = (p["time"]["samples"], p["cpu"])
    count = len(sc["serial"]["samples"])
    rounds = []
    for i in range(count):
        measurements = {}
        for name, (walls, cpu) in arms.items():
            measurements[name] = {
                "wall": walls[i],
                "span": walls[i],
                "machine_busy": cpu["machine_busy"][i],
                "steal": cpu["steal"][i],
                "own_cpu": cpu["parent_cpu"][i] + cpu["worker_cpu"][i],
                "processes": 1 + cpu["processes"][i],
            }
        rounds.append(
            {"index": i, "order": sc["orders"][i], "measurements": measurements}
        )
    return {"rounds": rounds, "arms": list(arms)}, cores


def check_v2_scaling(data: dict) -> dict:
    """Run the disturbance check on a version 2 run's scaling experiment.

    Returns each round's reasons, each round's ratios past what the usable cores allow
    (``past_limit``), and the parallel points whose median speedup is above that limit
    (``over_limit``, with the lowest round's ratio).  The committed run of 2026-11-30
    reported Pool(4) at a median of 2.03 on 2 cores; 4 of its 7 rounds were disturbed
    (steal), which alone marks it.
    """
    from . import rounds as rounds_mod
    from . import stats

    got, cores = v2_rounds(data)
    watch = rounds_mod.Watch(
        cores=cores,
        cpus=None,
        others_cores=max(0.25, 0.1 * cores),
        tick=0.01,
        ncpus=data["machine"]["logical_cores"],
    )
    limits = [
        rounds_mod.Limit(arm, "serial", min(int(arm.split("/")[-1]), cores))
        for arm in got["arms"]
        if arm != "serial"
    ]
    per_round = [rounds_mod.reasons(r["measurements"], watch) for r in got["rounds"]]
    past = [rounds_mod.past_limit(r["measurements"], limits) for r in got["rounds"]]
    over = []
    for limit in limits:
        c = stats.paired(
            [r["measurements"][limit.arm]["wall"] for r in got["rounds"]],
            [r["measurements"]["serial"]["wall"] for r in got["rounds"]],
        )
        if c["estimate"] > limit.most:
            over.append(
                {
                    "arm": limit.arm,
                    "value": c["estimate"],
                    "lowest": min(c["ratios"]),
                    "limit": limit.most,
                }
            )
    return {"rounds": per_round, "past_limit": past, "over_limit": over, "cores": cores}
