"""The "Verified on" record: what the last full run ran, where, and the page made from it.

1. Every test session that runs blocks writes ``.cache/last-run.json`` (conftest.py): each
   distinct block (a zh block and its byte-identical en twin count once), with its code's
   hash and, per Python and start method, ``passed``, ``failed`` or ``skipped: <reason>``.
2. ``python -m harness.verified`` (``make verified``) checks that the run was full (every
   block, every Python found, every start method) and green, copies it to
   ``tests/verified-run.json`` (committed) and renders ``docs/zh/verified.md`` and
   ``docs/en/verified.md`` from it.
3. tests/test_verified.py fails when a block on a page was added, changed or removed since
   the recorded run, or when a page differs from what the record renders.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .blocks import ROOT, START_METHODS, Block, collect

LAST_RUN = ROOT / ".cache" / "last-run.json"
RECORD = ROOT / "tests" / "verified-run.json"
PAGES = {lang: ROOT / "docs" / lang / "verified.md" for lang in ("zh", "en")}
SCHEMA = 1
PASS, FAIL = "passed", "failed"


def groups(blocks: list[Block] | None = None) -> list[list[Block]]:
    """Blocks with the same code and tags, in page order (a zh block and its en twin)."""
    found: dict[tuple, list[Block]] = {}
    for b in collect() if blocks is None else blocks:
        key = (b.code, tuple(sorted(b.tags.items()))) if not b.errors else (b.id,)
        found.setdefault(key, []).append(b)
    return list(found.values())


def group_id(group: list[Block]) -> str:
    return "+".join(b.id for b in group)


def fingerprint(block: Block) -> str:
    """What the record vouches for: the code the reader sees and the tags it ran with."""
    tags = {k: v for k, v in sorted(block.tags.items()) if k not in ("title", "hl_lines")}
    return hashlib.sha256(json.dumps([block.code, tags]).encode()).hexdigest()[:16]


def label(block: Block) -> str:
    """A short name a reader recognises: the fence title, the snippet file, or a code line."""
    if block.tags.get("title"):
        return block.tags["title"]
    if block.include is not None:
        path = Path(block.include[0]).resolve().relative_to(ROOT).as_posix()
        return path + (f":{block.include[1]}" if block.include[1] else "")
    lines = [line.strip() for line in block.code.splitlines()]
    names = [re.match(r"(?:async )?(?:def|class) (\w+)", s) for s in lines]
    defined = [m.group(1) for m in names if m]
    if defined:
        return ", ".join(defined[:3])
    code = [s for s in lines if s and not s.startswith(("import ", "from ", "#", "if __name__"))]
    return code[0][:60] if code else "(block)"


def chapter_order() -> list[str]:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["nav"]
    out: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, str):
            out.append(value)
    return out


def machine() -> dict[str, str | int]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    os_name = platform.system()
    try:
        info = platform.freedesktop_os_release()
        os_name = f"{info.get('PRETTY_NAME', os_name)}, {platform.system()} {platform.release()}"
    except (OSError, AttributeError):
        os_name = f"{platform.system()} {platform.release()}"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"os": os_name, "cpu": cpu, "cores": cores, "arch": platform.machine()}


_RUN_RE = re.compile(r"test_run\[(?P<ids>.+):(?P<method>fork|spawn|forkserver):(?P<py>py[\d.]+)\]$")
_SKIP_RE = re.compile(r"test_run\[(?P<ids>.+):skipped\]$")


def outcome_of(nodeid: str, outcome: str, reason: str) -> tuple[str, str | None, str | None, str]:
    """(group id, python tag, method, result) of one test_examples.py::test_run report."""
    m = _RUN_RE.search(nodeid)
    if m:
        result = PASS if outcome == "passed" else FAIL if outcome == "failed" else "skipped"
        if result == "skipped":
            result += ": " + reason.split(": ", 1)[-1] if reason.startswith("docs/") else ""
        return m["ids"], m["py"], m["method"], result
    m = _SKIP_RE.search(nodeid)
    if m:
        return m["ids"], None, None, "skipped: " + reason.split(": skip: ", 1)[-1]
    raise ValueError(f"not a test_run id: {nodeid}")


def build_run(
    reports: list[tuple[str, str, str]],
    pythons: dict[str, str],
    missing: list[str],
    full: bool,
    blocks: list[Block] | None = None,
) -> dict:
    """The results file of one session, from its test_run reports (nodeid, outcome, reason)."""
    by_id = {group_id(g): g for g in groups(blocks)}
    runs: dict[str, dict] = {}
    never: dict[str, str] = {}
    for nodeid, outcome, reason in reports:
        ids, py, method, result = outcome_of(nodeid, outcome, reason)
        if py is None:
            never[ids] = result.removeprefix("skipped: ")
        else:
            runs.setdefault(ids, {}).setdefault(py, {})[method] = result
    blocks = []
    for ids, group in by_id.items():
        first = group[0]
        blocks.append(
            {
                "pages": [b.id for b in group],
                "chapter": Path(first.rel).name,
                "sha": fingerprint(first),
                "label": label(first),
                "runs": runs.get(ids, {}),
                **({"not_run": never[ids]} if ids in never else {}),
            }
        )
    return {
        "schema": SCHEMA,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "pythons": pythons,
        "missing": missing,
        "full": full,
        "blocks": blocks,
    }


def stale(record: dict, blocks: list[Block] | None = None) -> list[str]:
    """Blocks on the pages that the record does not vouch for, and recorded ones now gone."""
    current = {}
    for g in groups(blocks):
        current.setdefault(fingerprint(g[0]), g)
    recorded = {b["sha"]: b for b in record["blocks"]}
    out = [
        f"{group_id(g)}: added or changed since the recorded run ({record['date']})"
        for sha, g in current.items()
        if sha not in recorded
    ]
    out += [
        f"{'+'.join(b['pages'])}: in the recorded run, no longer on the pages"
        for sha, b in recorded.items()
        if sha not in current
    ]
    return out


def expected_ids(pythons: list[str]) -> set[str]:
    """The test ids of a full run of test_examples.py::test_run on these Python tags."""
    out = set()
    for g in groups():
        ids, b = group_id(g), g[0]
        if b.errors:
            out.add(f"{ids}:invalid")
        elif "skip" in b.tags:
            out.add(f"{ids}:skipped")
        else:
            out |= {f"{ids}:{m}:{py}" for py in pythons for m in b.start_methods}
    return out


def run_problems(run: dict) -> list[str]:
    """Why a results file cannot be published: a partial run, or a failure."""
    out = []
    if not run.get("full"):
        out.append(
            "the run was not full (a -k selection, MP_DOCS_PYTHONS, or an interrupted "
            "session): run `make test`"
        )
    for b in run["blocks"]:
        for py, methods in b["runs"].items():
            for method, result in methods.items():
                if result == FAIL:
                    out.append(f"{'+'.join(b['pages'])} failed on {py} under {method}")
        if not b["runs"] and "not_run" not in b:
            out.append(f"{'+'.join(b['pages'])}: no result recorded")
    return out


# --- the page ---------------------------------------------------------------------------------

TEXT = {
    "zh": {
        "title": "验证矩阵",
        "description": "本站每个代码块在哪些 Python 版本和启动方法下实际运行并通过：由测试套件的最近一次完整运行生成。",
        "intro": (
            "这一页由测试套件最近一次**完整运行**的结果生成（`make test` 之后 `make verified`），"
            "不是手写的。每一行是页面上的一个代码块（中文页和英文页上相同的代码块算一个），"
            "每一列是一个 Python 版本；格子里的三个符号依次对应 `fork`、`spawn`、`forkserver` 三种启动方法。"
            "代码块增加或改动后，如果没有重新运行并生成这一页，测试就会失败，所以这里列出的就是页面上现在的代码。"
        ),
        "legend": "✓ 运行并通过 · – 跳过（原因见“说明”） · ✗ 失败（发布时不允许出现）",
        "run": "运行时间",
        "machine": "机器",
        "pythons": "Python 版本",
        "missing": "本机没有，因此没有运行",
        "summary": "汇总",
        "col_py": "Python",
        "col_passed": "通过",
        "col_skipped": "跳过",
        "col_failed": "失败",
        "col_never": "此版本未运行的代码块",
        "block": "代码块",
        "notes": "说明",
        "never_run": "从未运行",
        "sep": "；",
        "what": "在 Linux 上运行，对 Windows 和 macOS 说明了什么",
        "what_body": [
            "macOS（3.8 起）和 Windows 的默认启动方法都是 `spawn`。本站的每个代码块都在 Linux 上用 `spawn` 运行过，"
            '这证明了与启动方法有关的部分：子进程重新导入主模块、`if __name__ == "__main__":` 保护、'
            "任务和参数必须能序列化、子进程看不到父进程在运行时修改的全局变量。",
            "它**不能**证明的是操作系统本身的差异：Windows 上句柄（文件、套接字、管道）如何被子进程继承；"
            "Windows 上 `ProcessPoolExecutor` 默认 `max_workers` 最多 61 个（官方文档）；"
            "`os.getppid()` 在 Windows 上父进程退出后的行为；信号（`SIGINT`、`SIGKILL`）在 Windows 上并不存在或含义不同；"
            "macOS 上 `fork` 不安全（系统库可能在子进程里崩溃，这正是 3.8 把 macOS 的默认方法改成 `spawn` 的原因）。"
            "这些内容在各章里都注明“依据官方文档”，没有在本机运行。",
            "从 Python 3.14 起，Linux 等 POSIX 系统的默认启动方法由 `fork` 改为 `forkserver`（官方文档，本机没有 3.14）。"
            "本站每个代码块都在 {versions} 上用 `forkserver` 运行过，所以这些例子已经为 3.14 的新默认值做好了准备。",
        ],
    },
    "en": {
        "title": "Verified on",
        "description": "Which Python versions and start methods every code block of this guide ran and passed on: generated from the test suite's last full run.",
        "intro": (
            "This page is generated from the results of the test suite's last **full run** "
            "(`make test`, then `make verified`); nobody types it. Each row is a code block of the "
            "guide (a block that is the same on the Chinese and English page counts once), each "
            "column a Python version, and the three marks in a cell stand for the start methods "
            "`fork`, `spawn` and `forkserver`, in that order. When a block is added or changed and "
            "this page is not regenerated from a new run, a test fails: what is listed here is the "
            "code on the pages now."
        ),
        "legend": "✓ ran and passed · – skipped (reason under Notes) · ✗ failed (never published)",
        "run": "Run",
        "machine": "Machine",
        "pythons": "Pythons",
        "missing": "Not installed, so not run",
        "summary": "Summary",
        "col_py": "Python",
        "col_passed": "passed",
        "col_skipped": "skipped",
        "col_failed": "failed",
        "col_never": "blocks not run on this version",
        "block": "Block",
        "notes": "Notes",
        "never_run": "never run",
        "sep": "; ",
        "what": "What a run on Linux proves for Windows and macOS",
        "what_body": [
            "`spawn` is the default start method on macOS (since 3.8) and on Windows. Every block "
            "of this guide ran under `spawn` on Linux, which proves what depends on the start "
            'method: children re-import the main module, the `if __name__ == "__main__":` guard, '
            "tasks and arguments must pickle, and children do not see globals the parent changed "
            "at run time.",
            "It does **not** prove what differs between operating systems: how handles (files, "
            "sockets, pipes) are inherited on Windows; the cap of 61 for the default `max_workers` "
            "of `ProcessPoolExecutor` on Windows (official docs); what `os.getppid()` returns on "
            "Windows after the parent has exited; signals (`SIGINT`, `SIGKILL`), which Windows "
            "lacks or treats differently; and that `fork` is unsafe on macOS (system libraries may "
            "crash in the child, which is why 3.8 made `spawn` the macOS default). The chapters "
            "mark those statements as taken from the official documentation, not run here.",
            "From Python 3.14 the default start method on Linux and other POSIX systems is "
            "`forkserver` instead of `fork` (official docs; there is no 3.14 on our machine). "
            "Every block here ran under `forkserver` on {versions}, so the examples are ready for "
            "3.14's new default.",
        ],
    },
}

_MARK = {PASS: "✓", FAIL: "✗"}

# Skip reasons come from the blocks' test tags, in English; the Chinese page says them in Chinese.
# A reason no pattern matches stays as it is (test_verified checks none is left on the page).
_REASONS_ZH = [
    (re.compile(r"needs Python >= ([\d.]+)"), r"需要 Python ≥ \1"),
    (re.compile(r"shown for Python <= ([\d.]+)"), r"这一版写给 Python ≤ \1"),
    (
        re.compile(r"fragment: the whole script is (\S+), run by (\S+) and by the next block"),
        r"片段：完整脚本是 \1，由 \2 和下一个代码块运行",
    ),
]


def reason(text: str, lang: str) -> str:
    """A skip reason in the page's language."""
    if lang == "zh":
        for pattern, replacement in _REASONS_ZH:
            if pattern.fullmatch(text):
                return pattern.sub(replacement, text)
    return text


def _cell(methods: dict[str, str]) -> str:
    if not methods:
        return ""
    return "".join(_MARK.get(methods.get(m, ""), "–") for m in START_METHODS)


def _notes(block: dict, never: str) -> list[str]:
    if "not_run" in block:
        return [never, block["not_run"]]
    ran = any(r == PASS for methods in block["runs"].values() for r in methods.values())
    reasons = [] if ran else [never]
    for methods in block["runs"].values():
        for result in methods.values():
            if result.startswith("skipped"):
                why = result.removeprefix("skipped").lstrip(": ")
                if why and why not in reasons:
                    reasons.append(why)
    return reasons


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "")


def counts(record: dict) -> dict[str, Counter]:
    """Per Python tag: runs passed / skipped / failed; and blocks never run."""
    out: dict[str, Counter] = {py: Counter() for py in record["pythons"]}
    for b in record["blocks"]:
        for py in record["pythons"]:
            methods = b["runs"].get(py, {})
            for m in START_METHODS:
                r = methods.get(m)
                if r is None:
                    continue
                out[py]["passed" if r == PASS else "failed" if r == FAIL else "skipped"] += 1
            if not any(r == PASS for r in methods.values()):
                out[py]["never"] += 1
    return out


def render(record: dict, lang: str) -> str:
    t = TEXT[lang]
    pys = list(record["pythons"])
    order = {name: i for i, name in enumerate(chapter_order())}
    lines = [
        "---",
        f"description: {json.dumps(t['description'], ensure_ascii=False)}",
        "---",
        "",
        "<!-- Generated by `make verified` from tests/verified-run.json; do not edit. -->",
        "",
        f"# {t['title']}",
        "",
        t["intro"],
        "",
        f"- **{t['run']}**: {record['date']}",
        f"- **{t['machine']}**: {record['machine']['os']}; {record['machine']['cpu']}; "
        f"{record['machine']['cores']} cores ({record['machine']['arch']})",
        f"- **{t['pythons']}**: " + ", ".join(f"CPython {v}" for v in record["pythons"].values()),
    ]
    if record["missing"]:
        lines.append(f"- **{t['missing']}**: " + ", ".join(record["missing"]))
    lines += ["", f"## {t['summary']}", ""]
    lines += [
        f"| {t['col_py']} | {t['col_passed']} | {t['col_skipped']} | {t['col_failed']} "
        f"| {t['col_never']} |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for py, c in counts(record).items():
        lines.append(
            f"| {record['pythons'][py]} | {c['passed']} | {c['skipped']} | {c['failed']} "
            f"| {c['never']} |"
        )
    lines += ["", f"## {t['what']}", ""]
    full = list(record["pythons"].values())
    versions = f"{full[0]}–{full[-1]}" if len(full) > 1 else full[0]
    for paragraph in t["what_body"]:
        lines += [paragraph.replace("{versions}", versions), ""]
    lines += [t["legend"], ""]
    chapters: dict[str, list[dict]] = {}
    for b in record["blocks"]:
        chapters.setdefault(b["chapter"], []).append(b)
    for chapter in sorted(chapters, key=lambda c: order.get(c, len(order))):
        page = ROOT / "docs" / lang / chapter
        heading = chapter
        if page.exists():
            m = re.search(r"^# (.+)$", page.read_text("utf-8"), re.M)
            heading = m.group(1).strip() if m else chapter
        # content-visibility (docs/overrides/assets/stylesheets/extra.css): the browser skips
        # style and layout of the tables off screen; 240 rows were laid out at load before
        lines += [f"## [{heading}]({chapter})", "", '<div class="mp-matrix" markdown>', ""]
        lines.append(
            f"| # | {t['block']} | "
            + " | ".join(record["pythons"][p] for p in pys)
            + f" | {t['notes']} |"
        )
        lines.append("| ---: | --- | " + " | ".join(":---:" for _ in pys) + " | --- |")
        for i, b in enumerate(chapters[chapter], 1):
            cells = [_cell(b["runs"].get(py, {})) or t["never_run"] for py in pys]
            notes = t["sep"].join(_esc(reason(n, lang)) for n in _notes(b, t["never_run"]))
            lines.append(f"| {i} | `{_esc(b['label'])}` | " + " | ".join(cells) + f" | {notes} |")
        lines += ["", "</div>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    """Publish the last run: ``make verified``."""
    if not LAST_RUN.exists():
        print(f"{LAST_RUN.relative_to(ROOT)} is missing: run `make test` first", file=sys.stderr)
        return 1
    run = json.loads(LAST_RUN.read_text("utf-8"))
    problems = run_problems(run) + stale(run)
    if problems:
        print("cannot publish this run:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    RECORD.write_text(json.dumps(run, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for lang, path in PAGES.items():
        path.write_text(render(run, lang), "utf-8")
    print(
        f"wrote {RECORD.relative_to(ROOT)} and "
        + ", ".join(str(p.relative_to(ROOT)) for p in PAGES.values())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
