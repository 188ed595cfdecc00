# test: skip="a checking tool that needs a results file and notebooks; tests/test_benchmark.py and tests/test_notebooks.py run it"
"""Check the chapter's prose against the results file, and the results file against itself.

The notebook's prose marks every figure and every comparative word (see ``prose.py``).
This module reads those marks back from the executed notebook and checks them on its own
terms, without using the code that wrote them:

* a figure (``data-fig``) must be the value at its path in the results, shown to the
  precision it is written with (half a unit of its last digit);
* a claim (``data-claim``) must be the verdict this module works out itself from the
  comparison's stored rounds: the ratios are recomputed from the round measurements, the
  interval from the ratios (same seed, same bootstrap), and "faster" / "slower" only when
  the interval excludes 1, "disturbed" whenever the experiment is; and its words must be
  that verdict's words in the page's language;
* outside the marks, the prose may hold no figure and no comparative word ("faster",
  "slower", "×", "crossover at", "更快", "倍" …), apart from the few kinds of number listed
  in ``ALLOWED`` (section numbers, Python versions, the stated confidence level).

``python -m snippets.benchmark.check RESULTS NOTEBOOK...`` prints the problems (exit 1 when
there are any); ``snippets.benchmark.pages`` runs it on every page it writes.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
from pathlib import Path

from . import stats

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
#: a verdict's words mentioned, not used ("it says “faster” only when ..."): must be one
TERM = re.compile(r'<span class="term">([^<]*)</span>')
#: comparative words outside the marks
COMPARATIVE = {
    "en": re.compile(
        r"\b(faster|slower|quicker|crossover at|speed-?up of|times (?:as|faster|slower|more|less)"
        r"|orders? of magnitude)\b|×|\b\d+(?:\.\d+)?x\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"更快|更慢|快了|慢了|倍|数量级|交叉点|×"),
}
#: numbers prose may hold outside the marks: section numbers, Python versions, the level
ALLOWED = [
    re.compile(r"^#+\s*\d+b?\.", re.MULTILINE),  # a heading's section number
    re.compile(r"\b(?:sections?|§)\s*\d+b?(?:(?:,\s*| and )\d+b?)*", re.IGNORECASE),
    re.compile(r"第\s*\d+b?(?:[、，和]\s*\d+b?)*\s*节"),
    re.compile(r"\b3\.(?:[89]|1[0-4])(?:\.\d+)?\b\+?"),  # Python 3.8 ... 3.14(.x)
    re.compile(r"\bPEP \d+\b"),
    re.compile(r"\bgh-\d+\b"),  # a CPython issue
    re.compile(r"\b(?:in|from|until|since) (?:19|20)\d\d\b"),  # a year, in English
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


def expected_comparison(run: dict, experiment: str, key: str) -> dict:
    """A comparison worked out again from the experiment's stored rounds."""
    e = run["experiments"][experiment]
    c = e["comparisons"][key]
    used = set(e["used_rounds"])
    rounds = [r for r in e["rounds"] if r["index"] in used]
    ratios = [
        r["measurements"][c["baseline"]][c["key"]]
        / r["measurements"][c["arm"]][c["key"]]
        for r in rounds
    ]
    ci = None
    if len(ratios) >= run["method"]["min_rounds_for_interval"]:
        seed = stats.seed_for(
            run["seed"], experiment, c["arm"], c["baseline"], c["key"]
        )
        ci = stats.bootstrap_median_ci(
            ratios, seed, run["method"]["resamples"], run["method"]["confidence"]
        )
    return {
        "ratios": ratios,
        "estimate": statistics.median(ratios),
        "ci": ci,
        "verdict": _rule(ci, e["status"] == "disturbed"),
    }


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_results(run: dict) -> list[str]:
    """Every comparison in the file: ratios, estimate, interval and verdict as stored."""
    problems = []
    for name, e in run["experiments"].items():
        for key, c in e.get("comparisons", {}).items():
            got = expected_comparison(run, name, key)
            for field in ("ratios", "estimate", "ci", "verdict"):
                same = (
                    got[field] == c[field]
                    if field == "verdict"
                    else _close(got[field], c[field])
                )
                if not same:
                    problems.append(
                        f"{name}|{key}: stored {field} {c[field]!r}, worked out {got[field]!r}"
                    )
    cr = run["experiments"].get("crossover")
    if cr:
        sizes = cr["settings"]["sizes"]
        for method, row in cr["methods"].items():
            verdicts = [cr["comparisons"][k]["verdict"] for k in row["comparisons"]]
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
    return problems


# --- prose against the results ----------------------------------------------------------


def _strip(text: str) -> str:
    """The prose with the marks, code, links and tags taken out: what nothing checks."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(FIG.pattern + r"\s*(?:×|倍)?", " ", text)
    text = CLAIM.sub(" ", text)
    text = QUOTE.sub(" ", text)
    text = TERM.sub(" ", text)
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


def check_prose(texts: list[str], run: dict, lang: str) -> list[str]:
    """Problems with the figures, claims, quotes and unmarked text of a page's prose."""
    problems, ids = [], []
    words = VOCABULARY[lang]
    expected_cache: dict = {}
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
                if ref not in expected_cache:
                    expected_cache[ref] = expected_comparison(run, experiment, key)[
                        "verdict"
                    ]
                verdict = expected_cache[ref]
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
    return check_results(run) + check_prose(prose_of(nb), run, lang)


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
    problems = [f"{args.results}: {p}" for p in check_results(run)]
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        problems += [
            f"{path}: {p}" for p in check_prose(prose_of(nb), run, path.parent.name)
        ]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
