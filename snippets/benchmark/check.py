# test: skip="a checking tool that needs a results file and notebooks; tests/test_benchmark.py and tests/test_notebooks.py run it"
"""Check the chapter's prose against the results file, and the results file against itself.

The results file keeps the raw rounds (every arm's timings and the CPU read around them) and
everything derived from them.  ``check_results`` works every derived field out again from
the raw rounds and the method's settings, with this module's own copy of each rule, and
reports every stored value that differs: which rounds were disturbed and why, the speedup
limits (its own: a pool of w workers against a plain loop at most min(w, cores), and nothing
against a plain loop above the cores), each experiment's status and rounds used, every
comparison (ratios, median, interval, verdict, efficiency), every arm's median and interval,
the crossover rows, the best chunksizes, the notes' reading and the run's summary.

The notebook's prose marks every figure and every comparative word (see ``prose.py``).
This module reads those marks back from the executed notebook and checks them on its own
terms, without using the code that wrote them:

* a figure (``data-fig``) must be the value at its path in the results, shown to the
  precision it is written with (half a unit of its last digit);
* a claim (``data-claim``) must be the verdict worked out here from the comparison's rounds
  (the interval from the ratios, "faster" / "slower" only when it excludes 1, "disturbed"
  whenever the experiment is), written in that verdict's words in the page's language;
* a rank (``data-rank``: "fastest median") must be written in its words, at a place that
  exists (its figures are checked as figures);
* outside the marks, the prose may hold no figure and no comparative word ("faster",
  "slower", "×", "twice", "beats", "更快", "倍", "贵得多", "几十毫秒" …), apart from the few
  kinds of number listed in ``ALLOWED`` (section numbers, Python versions where the words
  around them say so, CPython issues, years, the stated confidence level).

``python -m snippets.benchmark.check RESULTS NOTEBOOK...`` prints the problems (exit 1 when
there are any); ``snippets.benchmark.pages`` runs it on every page it writes.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import statistics
import sys
from pathlib import Path

#: a verdict's words per language (prose.py writes them; this is the check's own copy)
VOCABULARY = {
    "en": {
        "faster": "faster",
        "slower": "slower",
        "no difference": "no measurable difference here",
        "too few rounds": "too few rounds to tell",
        "disturbed": "disturbed",
    },
    "zh": {
        "faster": "更快",
        "slower": "更慢",
        "no difference": "此处没有可测出的差别",
        "too few rounds": "轮数太少，无法判断",
        "disturbed": "受到干扰",
    },
}
#: what a figure's unit multiplies the stored value by
UNITS = {
    "x": 1,
    "%": 100,
    "s": 1,
    "ms": 1000,
    "us": 1_000_000,
    "n": 1,
    "min": 1 / 60,
    "cores": 1,
    "MB": 1,
}
FIG = re.compile(
    r'<span class="fig"(?: id="([^"]*)")? data-fig="([^"]*)" data-unit="([^"]*)">([^<]*)</span>'
)
CLAIM = re.compile(
    r'<span class="claim" data-claim="([^"]*)" data-says="([^"]*)">([^<]*)</span>'
)
QUOTE = re.compile(r'<span class="quote" data-quote="([^"]*)">([^<]*)</span>')
#: a place in a ranking of medians (chunksize's fastest and runner-up), whose figures are
#: checked as figures; the words must be the rank's words in the page's language
RANK = re.compile(
    r'<span class="rank" data-rank="([^"]*)" data-says="([^"]*)">([^<]*)</span>'
)
RANKS = {
    "en": {"first": "fastest median", "second": "the runner-up"},
    "zh": {"first": "中位数最快", "second": "中位数第二快"},
}
#: a verdict's words mentioned, not used ("it says “faster” only when ..."): must be one
TERM = re.compile(r'<span class="term">([^<]*)</span>')
#: comparative words outside the marks
COMPARATIVE = {
    "en": re.compile(
        r"\b(?:faster|slower|quicker|fastest|slowest|quickest|crossover at|speed-?up of"
        r"|times (?:as|faster|slower|more|less)|orders? of magnitude"
        r"|(?:much|far|way|a lot|significantly|considerably) (?:more|less|cheaper|costlier"
        r"|larger|smaller|longer|shorter|bigger|higher|lower|better|worse)"
        r"|twice|thrice|half as|halve[sd]?|halving|double[sd]?|\w+-?fold"
        r"|beats?|beaten|outperform(?:s|ed)?|outpace[sd]?|a factor of"
        r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many) times"
        r"|(?:a few|several|tens of|dozens of|hundreds of|thousands of)"
        r" (?:(?:milli|micro)?seconds|ms|µs))\b|×|\b\d+(?:\.\d+)?x\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"更快|更慢|快了|慢了|最快|最慢|倍|量级|交叉点|×"
        r"|(?:贵|便宜|快|慢|大|小|多|少|长|短|高|低)得多"
        r"|远(?:大|小|多|少|快|慢|高|低|长|短)于|减半|翻倍|加倍|翻番|一半"
        r"|胜过|跑赢|赢过|打败|[几数][十百千]?(?:毫秒|微秒|秒|分钟)"
        r"|[一二两三四五六七八九十几]+成"
    ),
}
#: what a version or a year may not be followed by: then it is a measured figure
_UNIT = r"(?!\.?\d)(?!\s*(?:s\b|ms\b|µs|us\b|%|×|x\b|秒|毫秒|微秒|倍|个|cores?\b|minutes?\b|seconds?\b|tasks?\b))"
_VERSION = r"3\.(?:[89]|1[0-4])(?:\.\d+)?" + _UNIT
#: numbers prose may hold outside the marks: section numbers, Python versions where the
#: words around them say so, CPython issues, the level, years where the words say so
ALLOWED = [
    re.compile(r"^#+\s*\d+b?\.", re.MULTILINE),  # a heading's section number
    re.compile(r"\b(?:sections?|§)\s*\d+b?(?:(?:,\s*| and )\d+b?)*", re.IGNORECASE),
    re.compile(r"第\s*\d+b?(?:[、，和]\s*\d+b?)*\s*节"),
    # a version after "Python", "since", "new in" ..., or after another one in a list
    re.compile(
        r"(?:\b(?i:C?Python|new in|in|since|from|to|up to|on|before|after|the|and|or)\s+"
        r"|[,、和从到]\s*|安装\s*)" + _VERSION
    ),
    # a version the Chinese words after it name as one: 3.13 新增, 3.8 起, 3.13 分支 ...
    re.compile(
        _VERSION + r"(?=\s*(?:新增|上|起|之后|之前|以前|及以前|及以后|分支|版))"
    ),
    re.compile(r"\bPEP \d+\b"),
    re.compile(r"\bgh-\d+\b"),  # a CPython issue
    re.compile(r"\bfrom (?:19|20)\d\d(?= (?:until|to)\b)"),  # a year, in English
    re.compile(r"\b(?:in|since|until) (?:19|20)\d\d\b" + _UNIT),
    re.compile(r"\b(?:19|20)\d\d(?=\s*年)"),  # a year, in Chinese
]
LEVEL = re.compile(r"\b(\d+)\s*%")


def resolve(run: dict, path: list[str]):
    value = run
    for part in path:
        if part == "#len":
            value = len(value)
        elif isinstance(value, list):
            value = value[int(part)]
        else:
            value = value[part]
    return value


def _places(shown: str) -> int:
    return len(shown.split(".", 1)[1]) if "." in shown else 0


def check_figure(run: dict, path: str, unit: str, shown: str) -> str | None:
    """None when ``shown`` is the value at ``path`` to the precision it is written with."""
    try:
        value = resolve(run, html.unescape(path).split("|"))
    except (KeyError, IndexError, ValueError, TypeError):
        return f"{path}: no such value in the results"
    if unit not in UNITS:
        return f"{path}: unknown unit {unit!r}"
    try:
        number = float(shown.replace(",", ""))  # a count may be written 100,000
    except ValueError:
        return f"{path}: {shown!r} is not a number"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{path}: {value!r} is not a number"
    expected = value * UNITS[unit]
    if unit == "n":
        return (
            None
            if number == int(value)
            else f"{path}: shows {shown}, the results hold {value}"
        )
    tolerance = 0.5 * 10 ** -_places(shown) + 1e-9 * max(1.0, abs(expected))
    if abs(number - expected) > tolerance:
        return f"{path}: shows {shown} {unit}, the results hold {expected:.6g} {unit}"
    return None


# --- the results file against itself ---------------------------------------------------
#
# Nothing derived is taken from the file: which rounds were disturbed and why, each
# experiment's limits, status and rounds used, every comparison, every arm's median and
# interval, the efficiencies, the crossover rows, the best chunksizes, the notes' reading
# and the run's summary are all worked out again here from the raw rounds (each arm's
# timings and the CPU read around it) and the method's settings, with this module's own
# copy of every rule, and the stored values must match.

#: a comparison against one of these arms is against a plain loop
LOOP = re.compile(r"^(?:serial|loop)(?:/|$)")
#: the name a whole round goes by in a disturbance record
WHOLE = "(round)"
#: other processes' and the host's share of cores is quoted over spans at least this long
QUOTED_SPAN = 0.5
#: the loosest settings this check accepts: a run may be stricter, never laxer
LEAST_CONFIDENCE = 0.95
LOOSEST = {"steal_cores": 0.05, "tick_seconds": 0.01}


def parallel_cores(run: dict) -> float:
    """The most cores the run's work could use: usable cores, or a lower CPU quota."""
    m = run["machine"]
    quota = m.get("cgroup_cpu_limit")
    return min(m["usable_cores"], quota) if quota else m["usable_cores"]


def ranks(n: int, confidence: float):
    """1-based ranks (k, n - k + 1) of the order statistics that bound the median with at
    least ``confidence``, and their exact coverage; None when no such pair exists.  The
    chance that k or more of n values fall below the median is a binomial tail."""
    best, below = None, 0
    for k in range(1, n // 2 + 1):
        below += math.comb(n, k - 1)  # outcomes with fewer than k values below
        coverage = 1 - 2 * below / 2**n
        if 2**n - 2 * below < confidence * 2**n:
            break
        best = (k, n - k + 1, coverage)
    return best


def interval(values: list, confidence: float):
    found = ranks(len(values), confidence)
    if found is None:
        return None
    ordered = sorted(values)
    return [ordered[found[0] - 1], ordered[found[1] - 1]]


def limit_rank(n: int, limits: int, confidence: float) -> int:
    """This module's copy of the limit rule's rank: the largest k for which n fair coin tosses
    give fewer than k heads at most (1 - confidence) / limits of the time; 1 if none does.
    """
    k = 1
    for candidate in range(1, n + 1):
        chance = sum(math.comb(n, i) for i in range(candidate)) / 2**n
        if chance * limits > 1 - confidence:
            break
        k = candidate
    return k


def _rule(ci, disturbed: bool) -> str:
    """The verdict rule, written here again: the claim follows the interval, nothing else."""
    if disturbed:
        return "disturbed"
    if ci is None:
        return "too few rounds"
    low, high = ci
    if low > 1:
        return "faster"
    if high < 1:
        return "slower"
    return "no difference"


def limits_of(run: dict, name: str, e: dict) -> dict:
    """(arm, baseline) -> the most ``baseline`` / ``arm`` can be on this machine.

    This module's own rules: a pool of w workers cannot beat a plain loop by more than w or
    the cores; nor by more than its tasks (crossover) or its chunks (chunksize) allow; three
    equal tasks in a pool of P processes need ceil(3 / P) turns (the notes).  And one rule for
    every experiment: nothing beats a plain loop by more than the cores.
    """
    cores = parallel_cores(run)
    st = e["settings"]
    arms = list(e["rounds"][0]["measurements"])
    found = {}
    if name == "scaling":
        for a in arms:
            if a != "serial":
                found[(a, "serial")] = min(int(a.rsplit("/", 1)[1]), cores)
    elif name == "crossover":
        for size, tasks in zip(st["sizes"], st["tasks"]):
            label = f"{size * 1000:g}ms"
            for a in arms:
                if a.startswith("Pool/") and a.endswith("/" + label):
                    found[(a, f"serial/{label}")] = min(cores, tasks)
    elif name == "chunksize":
        for a in arms:
            if a != "serial":
                chunks = math.ceil(st["tasks"] / int(a.rsplit("/", 1)[1]))
                found[(a, "serial")] = min(cores, chunks)
    elif name == "notes":
        k, procs = len(st["args"]), st["pool_processes"]
        most = min(cores, k / math.ceil(k / min(procs, k)))
        for a in arms:
            if a.startswith("Pool()/"):
                found[(a, "loop/" + a.rsplit("/", 1)[1])] = most
    for c in e.get("comparisons", {}).values():
        if LOOP.match(c["baseline"]) and not LOOP.match(c["arm"]):
            found.setdefault((c["arm"], c["baseline"]), cores)
    return found


def reasons_of(round_: dict, d: dict) -> list:
    """(arm, kind) for every reason the round counts as disturbed, by this module's rule:
    others' CPU or the host's steal past their share (each /proc reading may be off by two
    ticks per CPU and per process read).  A ratio past its limit in one round is not one.
    """
    tick, ncpus = d["tick_seconds"], d["ncpus"]
    found = []
    for name, m in [*round_["measurements"].items(), (WHOLE, round_["whole"])]:
        if m.get("own_cpu") is None:
            continue
        span = m["span"]
        others = m["machine_busy"] - m["own_cpu"]
        slack = 2 * tick * (ncpus + (m.get("processes") or 1))
        if others - slack > d["others_cores"] * span:
            found.append((name, "others"))
        if m["steal"] - 2 * tick * ncpus > d["steal_cores"] * span:
            found.append((name, "steal"))
    return found


def past_limit_of(round_: dict, limits: dict) -> list:
    """(arm, baseline) for every ratio of the round above its limit."""
    ms = round_["measurements"]
    return sorted(
        (arm, baseline)
        for (arm, baseline), most in limits.items()
        if ms[baseline]["wall"] / ms[arm]["wall"] > most
    )


def probe_of(rounds_all: list) -> dict | None:
    """The probe's readings over the run: count, shortest, 10th percentile, median, 90th
    percentile, longest, and the 90th over the 10th."""
    times = [
        t
        for r in rounds_all
        for m in r["measurements"].values()
        for t in m.get("probe", {}).get("before", [])
        + m.get("probe", {}).get("after", [])
    ]
    if len(times) < 2:
        return None
    low, *_, high = statistics.quantiles(times, n=10)
    return {
        "readings": len(times),
        "min": min(times),
        "p10": low,
        "median": statistics.median(times),
        "p90": high,
        "max": max(times),
        "p90_over_p10": high / low,
    }


def _field(experiment: str, arm_key: str) -> tuple[str, str]:
    """(arm, measurement) an ``arms`` entry describes: 'Pool/fork [create]' -> create."""
    if arm_key.endswith("]") and " [" in arm_key:
        arm, _, field = arm_key[:-1].rpartition(" [")
        return arm, field
    return arm_key, "per_task" if experiment == "per_task" else "wall"


def derive_experiment(run: dict, name: str, e: dict) -> dict:
    """Everything an experiment states, worked out from its rounds."""
    if not e.get("rounds"):
        return {"status": "skipped"}
    confidence = run["method"]["confidence"]
    d = run["method"]["disturbance"]
    limits = limits_of(run, name, e)
    rounds = e["rounds"]
    found = [reasons_of(r, d) for r in rounds]
    clean = [r["index"] for r, f in zip(rounds, found) if not f]
    status = "clean" if len(clean) >= e["repeats"] else "disturbed"
    used = clean if status == "clean" else [r["index"] for r in rounds]
    in_use = [r["measurements"] for r in rounds if r["index"] in set(used)]

    def values(arm, field="wall"):
        return [m[arm][field] for m in in_use]

    # an experiment is marked when a ratio's k-th smallest round lies above its limit, k
    # such that chance does it at most 1 - confidence of the time over all its limits
    over = []
    for (arm, baseline), most in limits.items():
        ratios = [b / a for a, b in zip(values(arm), values(baseline))]
        k = limit_rank(len(ratios), len(limits), confidence)
        low = sorted(ratios)[k - 1]
        if low > most:
            over.append(
                {
                    "arm": arm,
                    "baseline": baseline,
                    "value": statistics.median(ratios),
                    "rank": k,
                    "lower": low,
                    "limit": most,
                }
            )
    over.sort(key=lambda o: (o["arm"], o["baseline"]))
    if over:
        status = "disturbed"
    out = {
        "status": status,
        "used_rounds": used,
        "clean_rounds": len(clean),
        "reasons": found,
        "past_limit": [past_limit_of(r, limits) for r in rounds],
        "limits": limits,
        "over_limit": over,
        "comparisons": {},
        "arms": {},
    }
    cores = parallel_cores(run)
    for key, c in e.get("comparisons", {}).items():
        ratios = [
            b / a
            for a, b in zip(values(c["arm"], c["key"]), values(c["baseline"], c["key"]))
        ]
        ci = interval(ratios, confidence)
        estimate = statistics.median(ratios)
        got = {
            "ratios": ratios,
            "estimate": estimate,
            "ci": ci,
            "verdict": _rule(ci, status == "disturbed"),
        }
        if "efficiency" in c:
            got["efficiency"] = estimate / cores
            got["efficiency_ci"] = None if ci is None else [x / cores for x in ci]
        if "pool_over_loop" in c:
            got["pool_over_loop"] = 1 / estimate
            got["pool_over_loop_ci"] = None if ci is None else [1 / ci[1], 1 / ci[0]]
        out["comparisons"][key] = got
    for arm_key in e.get("arms", {}):
        arm, field = _field(name, arm_key)
        v = values(arm, field)
        out["arms"][arm_key] = {
            "median": statistics.median(v),
            "min": min(v),
            "max": max(v),
            "samples": v,
            "ci": interval(v, confidence),
        }
    return out


def _notes_reading(quoted: dict) -> dict:
    """The notes' two numbers read as seconds: three equal tasks, a pool of P processes needs
    ceil(3 / P) turns of them and a fixed cost F; the first run had ten times the loop.
    """
    loop, pool = quoted["loop_seconds"], quoted["pool_seconds"]
    task = loop / 3
    out = {"pool_over_loop": pool / loop, "task_seconds": task, "by_processes": {}}
    for procs in (2, 3):
        turns = math.ceil(3 / procs)
        fixed = pool - turns * task
        out["by_processes"][str(procs)] = {
            "processes": procs,
            "fixed_seconds": fixed,
            "first_run_ratio": (turns * task * 10 + fixed) / (loop * 10),
        }
    return out


def derive(run: dict) -> dict:
    """Every derived field of a run, worked out again from its rounds and settings."""
    experiments = {
        name: derive_experiment(run, name, e) for name, e in run["experiments"].items()
    }
    rounds_all = [
        (r, f)
        for name, e in run["experiments"].items()
        for r, f in zip(e.get("rounds", []), experiments[name].get("reasons", []))
    ]
    loads = [
        r["load_average"]["start"][0]
        for r, _ in rounds_all
        if r["load_average"]["start"]
    ]
    others, steal = [], []
    for r, _ in rounds_all:
        for m in [*r["measurements"].values(), r["whole"]]:
            if m.get("own_cpu") is not None and m["span"] >= QUOTED_SPAN:
                others.append(max(0.0, m["machine_busy"] - m["own_cpu"]) / m["span"])
                steal.append(max(0.0, m["steal"]) / m["span"])
    marked, extra = {}, 0
    for name, e in run["experiments"].items():
        got = experiments[name]
        if not e.get("rounds"):
            continue
        extra += max(0, len(e["rounds"]) - e["repeats"])
        if got["status"] == "disturbed":
            why = []
            if got["clean_rounds"] < e["repeats"]:
                why.append("rounds")
            if got["over_limit"]:
                why.append("limit")
            marked[name] = {
                "why": why,
                "clean_rounds": got["clean_rounds"],
                "repeats": e["repeats"],
                "rounds": len(e["rounds"]),
                "over_limit": got["over_limit"],
            }
    summary = {
        "rounds": len(rounds_all),
        "disturbed_rounds": sum(1 for _, f in rounds_all if f),
        "rounds_past_limit": sum(
            1
            for name, e in run["experiments"].items()
            for past in experiments[name].get("past_limit", [])
            if past
        ),
        "rounds_with_limits": sum(
            len(e["rounds"])
            for name, e in run["experiments"].items()
            if experiments[name].get("limits")
        ),
        "extra_rounds": extra,
        "marked": marked,
        "load_1min": [min(loads), max(loads)] if loads else None,
        "quoted_span": QUOTED_SPAN,
        "others_cores_max": max(others) if others else None,
        "steal_cores_max": max(steal) if steal else None,
        "probe": probe_of([r for r, _ in rounds_all]),
    }
    confidence = run["method"]["confidence"]
    counts = sorted(
        {len(x["used_rounds"]) for x in experiments.values() if "used_rounds" in x}
    )
    intervals = {}
    for n in counts:
        found = ranks(n, confidence)
        if found is not None:
            k, upper, coverage = found
            intervals[str(n)] = {
                "rounds": n,
                "lower": k,
                "upper": upper,
                "coverage": coverage,
                "false_verdict": 1 - coverage,
            }
    return {"experiments": experiments, "summary": summary, "intervals": intervals}


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_close(a[k], b[k]) for k in a)
        )
    if isinstance(a, (list, tuple)):
        return (
            isinstance(b, (list, tuple))
            and len(a) == len(b)
            and all(_close(x, y) for x, y in zip(a, b))
        )
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _method_problems(run: dict) -> list[str]:
    """Settings this check does not accept: looser than its own, or not the machine's."""
    problems = []
    method, m = run["method"], run["machine"]
    if method["confidence"] < LEAST_CONFIDENCE:
        problems.append(
            f"method: confidence {method['confidence']} is below {LEAST_CONFIDENCE}"
        )
    d = method["disturbance"]
    loosest = {**LOOSEST, "others_cores": max(0.25, 0.1 * m["usable_cores"])}
    for key, most in loosest.items():
        if d[key] > most + 1e-12:
            problems.append(f"method: disturbance {key} {d[key]} is looser than {most}")
    watched = d.get("cpus_watched") or m["logical_cores"]
    if d["ncpus"] != watched:
        problems.append(
            f"method: ncpus {d['ncpus']} is not the CPUs watched ({watched})"
        )
    shortest = (
        2 * d["tick_seconds"] * (d["ncpus"] + 1) / (d["ncpus"] - d["others_cores"])
    )
    if not _close(d["shortest_flaggable_seconds"], shortest):
        problems.append(
            f"method: stored shortest_flaggable_seconds {d['shortest_flaggable_seconds']!r}, "
            f"worked out {shortest!r}"
        )
    least = next(n for n in range(1, 200) if ranks(n, method["confidence"]))
    if method["min_rounds_for_interval"] != least:
        problems.append(
            f"method: min_rounds_for_interval {method['min_rounds_for_interval']}, "
            f"worked out {least}"
        )
    if not _close(run["parallel_cores"], parallel_cores(run)):
        problems.append(
            f"parallel_cores: stored {run['parallel_cores']!r}, the machine gives "
            f"{parallel_cores(run)!r}"
        )
    return problems


def _experiment_problems(run: dict, name: str, e: dict, got: dict) -> list[str]:
    problems = []
    if got["status"] == "skipped":
        if e.get("status") != "skipped":
            problems.append(f"{name}: no rounds, but stored status {e.get('status')!r}")
        return problems

    def differ(field, stored, worked):
        if not _close(stored, worked):
            problems.append(f"{name}: stored {field} {stored!r}, worked out {worked!r}")

    if [r["index"] for r in e["rounds"]] != list(range(len(e["rounds"]))):
        problems.append(f"{name}: rounds are not numbered 0, 1, 2 ...")
    arms = set(e["rounds"][0]["measurements"])
    for r in e["rounds"]:
        if set(r["measurements"]) != arms or sorted(r["order"]) != sorted(arms):
            problems.append(f"{name}: round {r['index']} did not run every arm once")
    ran, clean = len(e["rounds"]), got["clean_rounds"]
    if ran > e["repeats"] + e["max_extra_rounds"] or clean > e["repeats"]:
        problems.append(
            f"{name}: {ran} rounds, {clean} clean, for {e['repeats']} asked and "
            f"{e['max_extra_rounds']} extra allowed: more than the rule runs"
        )
    elif clean < e["repeats"] and ran < e["repeats"] + e["max_extra_rounds"]:
        problems.append(f"{name}: stopped with {clean} clean rounds of {e['repeats']}")
    stored_limits = {(x["arm"], x["baseline"]): x["most"] for x in e.get("limits", [])}
    differ("limits", stored_limits, got["limits"])
    for r, found in zip(e["rounds"], got["reasons"]):
        stored = sorted((x["arm"], x["kind"]) for x in r["disturbed"])
        if stored != sorted(found):
            problems.append(
                f"{name}: round {r['index']} stored disturbances {stored}, the measurements "
                f"give {sorted(found)}"
            )
    if e["status"] != got["status"]:
        problems.append(
            f"{name}: stored status {e['status']!r}, the rounds give {got['status']!r}"
        )
    for r, past in zip(e["rounds"], got["past_limit"]):
        stored = sorted((x["arm"], x["baseline"]) for x in r.get("past_limit", []))
        if stored != past:
            problems.append(
                f"{name}: round {r['index']} stored ratios past their limit {stored}, the "
                f"measurements give {past}"
            )
    differ("used_rounds", e["used_rounds"], got["used_rounds"])
    differ("over_limit", e.get("over_limit", []), got["over_limit"])
    for key, c in e.get("comparisons", {}).items():
        if key != f"{c['arm']} vs {c['baseline']}" + (
            "" if c["key"] == "wall" else f" [{c['key']}]"
        ):
            problems.append(f"{name}|{key}: the key does not name its comparison")
        for field, value in got["comparisons"][key].items():
            same = (
                c.get(field) == value
                if field == "verdict"
                else _close(c.get(field), value)
            )
            if not same:
                problems.append(
                    f"{name}|{key}: stored {field} {c.get(field)!r}, worked out {value!r}"
                )
    for key, arm in e.get("arms", {}).items():
        for field, value in got["arms"][key].items():
            if not _close(arm.get(field), value):
                problems.append(
                    f"{name}|{key}: stored {field} {arm.get(field)!r}, worked out {value!r}"
                )
    return problems


def _special_problems(run: dict, derived: dict) -> list[str]:
    """The fields particular to one experiment: crossover rows, best chunksizes, the notes."""
    problems = []
    ex = run["experiments"]
    cr, got = ex["crossover"], derived["experiments"]["crossover"]
    sizes = cr["settings"]["sizes"]
    for method, row in cr["methods"].items():
        verdicts = [got["comparisons"][k]["verdict"] for k in row["comparisons"]]
        faster = None
        for s, v in zip(reversed(sizes), reversed(verdicts)):
            if v != "faster":
                break
            faster = s
        slower = None
        for s, v in zip(sizes, verdicts):
            if v != "slower":
                break
            slower = s
        if (faster, slower) != (row["faster_from"], row["slower_up_to"]):
            problems.append(
                f"crossover|{method}: stored faster_from/slower_up_to "
                f"{row['faster_from']}/{row['slower_up_to']}, worked out {faster}/{slower}"
            )
    ch, got = ex["chunksize"], derived["experiments"]["chunksize"]
    for name, best in ch["best"].items():
        kind, method = name.split("/")
        names = [f"{kind}/{method}/{s}" for s in ch["settings"]["chunksizes"]]
        ranked = sorted(names, key=lambda n: got["arms"][n]["median"])
        worked = {
            "chunksize": int(ranked[0].rsplit("/", 1)[1]),
            "runner_up": int(ranked[1].rsplit("/", 1)[1]) if len(ranked) > 1 else None,
        }
        if best != worked:
            problems.append(
                f"chunksize|best|{name}: stored {best}, the medians give {worked}"
            )
    no = ex["notes"]
    from .experiments import NOTES_QUOTED  # the notes' words, as the notes wrote them

    if no["quoted"] != NOTES_QUOTED:
        problems.append("notes: the quotations are not the notes' words")
    if not _close(no["reading"], _notes_reading(no["quoted"])):
        problems.append(
            f"notes: stored reading {no['reading']!r}, worked out otherwise"
        )
    limits = set(derived["experiments"]["notes"]["limits"].values())
    if len(limits) != 1 or not _close(no["settings"]["best_ratio"], 1 / limits.pop()):
        problems.append(f"notes: stored best_ratio {no['settings']['best_ratio']!r}")
    sc = ex["scaling"]
    for arm, key in sc["points"].items():
        if key not in sc["comparisons"] or sc["comparisons"][key]["arm"] != arm:
            problems.append(f"scaling|points|{arm}: points at {key!r}")
    return problems


def check_results(run: dict, derived: dict | None = None) -> list[str]:
    """Every derived field of the file against what its rounds and settings give."""
    derived = derived or derive(run)
    problems = _method_problems(run)
    for name, e in run["experiments"].items():
        problems += _experiment_problems(run, name, e, derived["experiments"][name])
    problems += _special_problems(run, derived)
    if not _close(run["method"]["intervals"], derived["intervals"]):
        problems.append(
            f"method: stored intervals {run['method']['intervals']!r}, worked out "
            f"{derived['intervals']!r}"
        )
    for field, value in derived["summary"].items():
        if not _close(run["summary"].get(field), value):
            problems.append(
                f"summary|{field}: stored {run['summary'].get(field)!r}, the rounds give {value!r}"
            )
    return problems


def expected_comparison(run: dict, experiment: str, key: str) -> dict:
    """A comparison worked out again from the experiment's stored rounds."""
    e = run["experiments"][experiment]
    return derive_experiment(run, experiment, e)["comparisons"][key]


# --- prose against the results ----------------------------------------------------------


def _strip(text: str) -> str:
    """The prose with the marks, code, links and tags taken out: what nothing checks."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(FIG.pattern + r"\s*(?:×|倍)?", " ", text)
    text = CLAIM.sub(" ", text)
    text = QUOTE.sub(" ", text)
    text = TERM.sub(" ", text)
    text = RANK.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text


def unmarked(text: str, lang: str, confidence: float) -> list[str]:
    """Figures and comparative words that no mark covers."""
    rest = _strip(text)

    def where(m) -> str:
        return " ".join(rest[max(0, m.start() - 30) : m.end() + 30].split())

    found = [
        f"comparative word {m.group(0)!r} outside a claim: …{where(m)}…"
        for m in COMPARATIVE[lang].finditer(rest)
    ]
    for pattern in ALLOWED:
        rest = pattern.sub(" ", rest)
    for m in LEVEL.finditer(rest):
        if int(m.group(1)) != round(confidence * 100):
            found.append(f"level {m.group(0)!r} is not the run's {confidence:.0%}")
    rest = LEVEL.sub(" ", rest)
    found += [
        f"figure {m.group(0)!r} outside a mark: …{where(m)}…"
        for m in re.finditer(r"\d+(?:[.,]\d+)*", rest)
    ]
    return found


def check_prose(
    texts: list[str], run: dict, lang: str, derived: dict | None = None
) -> list[str]:
    """Problems with the figures, claims, quotes and unmarked text of a page's prose."""
    problems, ids = [], []
    words = VOCABULARY[lang]
    derived = derived or derive(run)
    for text in texts:
        for anchor, path, unit, shown in FIG.findall(text):
            if anchor:
                ids.append(anchor)
            found = check_figure(run, path, unit, shown)
            if found:
                problems.append(found)
        for ref, says, said in CLAIM.findall(text):
            experiment, _, key = html.unescape(ref).partition("|")
            try:
                verdict = derived["experiments"][experiment]["comparisons"][key][
                    "verdict"
                ]
            except KeyError:
                problems.append(f"{ref}: no such comparison in the results")
                continue
            if says != verdict:
                problems.append(f"{ref}: says {says!r}, the rounds give {verdict!r}")
            if said != words.get(says):
                problems.append(
                    f"{ref}: written {said!r}, {says!r} is written {words.get(says)!r}"
                )
        for path, said in QUOTE.findall(text):
            try:
                value = resolve(run, html.unescape(path).split("|"))
            except (KeyError, IndexError, ValueError):
                value = None
            if value != html.unescape(said):
                problems.append(f"{path}: quotes {said!r}, the results hold {value!r}")
        for said in TERM.findall(text):
            if said not in words.values():
                problems.append(
                    f"term {said!r} is not one of the verdicts' words in {lang}"
                )
        for ref, says, said in RANK.findall(text):
            place = html.unescape(ref).split("|")
            try:
                resolve(run, place)
            except (KeyError, IndexError, ValueError, TypeError):
                problems.append(f"{ref}: no such ranking in the results")
            if said != RANKS[lang].get(says):
                problems.append(
                    f"{ref}: written {said!r}, {says!r} is written {RANKS[lang].get(says)!r}"
                )
        problems += unmarked(text, lang, run["method"]["confidence"])
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        problems.append(f"ids used more than once: {twice}")
    return problems


def prose_of(nb) -> list[str]:
    """The prose of an executed notebook: Markdown cells and Markdown outputs."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        elif cell.cell_type == "code":
            for out in cell.get("outputs", []):
                md = out.get("data", {}).get("text/markdown")
                if md:
                    texts.append("".join(md) if isinstance(md, list) else md)
    return texts


def check_notebook(nb, run: dict, lang: str) -> list[str]:
    derived = derive(run)
    return check_results(run, derived) + check_prose(prose_of(nb), run, lang, derived)


def main(argv=None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(
        prog="python -m snippets.benchmark.check",
        description="Check a results file, and the prose of executed benchmark notebooks "
        "against it (each notebook's language is the name of its folder: zh or en).",
    )
    parser.add_argument("results", type=Path)
    parser.add_argument("notebooks", type=Path, nargs="*")
    args = parser.parse_args(argv)
    run = json.loads(args.results.read_text("utf-8"))
    derived = derive(run)
    problems = [f"{args.results}: {p}" for p in check_results(run, derived)]
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        problems += [
            f"{path}: {p}"
            for p in check_prose(prose_of(nb), run, path.parent.name, derived)
        ]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
