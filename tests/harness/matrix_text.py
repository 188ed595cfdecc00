"""The Verified on page's prose in both languages, and skip reasons said in Chinese."""

from __future__ import annotations

import re

# ruff: noqa: E501  (the page's sentences, in Chinese and English)

TEXT = {
    "zh": {
        "title": "验证矩阵",
        "description": "本站每个代码块在哪些 Python 版本和启动方法下实际运行并通过：由测试套件的运行记录生成。",
        "intro": (
            "这一页由测试记录 `tests/verified-run.json` 生成，不是手写的。记录汇总测试套件每一次通过的运行："
            "`make test` 每次都在最新的 Python 上用三种启动方法运行全部代码块，"
            "在其他 Python 上只重新运行记录还不能担保的代码块（新写的、改过的、换了补丁版本或示例依赖的），"
            "`make verified` 再把这些结果并入记录。只有代码和标记一字不差、Python 补丁版本相同、"
            "示例依赖的锁定文件也相同时，旧的结果才会沿用。"
            "每一行是页面上的一个代码块（中文页和英文页上相同的代码块算一个），每一列是一个 Python 版本；"
            "格子里的三个符号依次对应 `fork`、`spawn`、`forkserver` 三种启动方法；每章标题下写着这一章的结果来自哪几天的运行。"
            "只要页面上还有记录担保不了的代码块，测试就会失败，所以这里列出的就是页面上现在的代码。"
        ),
        "legend": "✓ 运行并通过 · – 跳过（原因见“说明”） · ✗ 失败（发布时不允许出现）",
        "run": "最近一次并入记录",
        "dates": "本章结果的运行日期：{oldest} 至 {newest}",
        "one_date": "本章结果的运行日期：{oldest}",
        "machine": "机器",
        "pythons": "Python 版本",
        "missing": "测试机上没有，因此没有运行",
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
            "这些内容在各章里都注明“依据官方文档”，没有在测试机上运行。",
            "从 Python 3.14 起，Linux 等 POSIX 系统的默认启动方法由 `fork` 改为 `forkserver`（官方文档，测试机上没有 3.14）。"
            "本站每个代码块都在 {versions} 上用 `forkserver` 运行过，所以这些例子已经为 3.14 的新默认值做好了准备。",
        ],
    },
    "en": {
        "title": "Verified on",
        "description": "Which Python versions and start methods every code block of this guide ran and passed on: generated from the test suite's record of its runs.",
        "intro": (
            "This page is generated from the test record, `tests/verified-run.json`; nobody "
            "types it. The record gathers every green run of the test suite: `make test` runs "
            "every block on the newest Python under all three start methods, and on the other "
            "Pythons only the blocks the record cannot vouch for yet (new or changed code, a new "
            "patch release, new example requirements); `make verified` merges those results into "
            "the record. An older result is reused only for byte-identical code and tags, the "
            "same Python patch release and the same lock of example requirements. Each row is a "
            "code block of the guide (a block that is the same on the Chinese and English page "
            "counts once), each column a Python version, and the three marks in a cell stand for "
            "the start methods `fork`, `spawn` and `forkserver`, in that order; under each "
            "chapter's heading stand the dates of the runs its results come from. While any block "
            "on a page is not vouched for by the record, a test fails: what is listed here is "
            "the code on the pages now."
        ),
        "legend": "✓ ran and passed · – skipped (reason under Notes) · ✗ failed (never published)",
        "run": "Last merged into the record",
        "dates": "Results from runs dated {oldest} to {newest}.",
        "one_date": "Results from runs dated {oldest}.",
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
            "`forkserver` instead of `fork` (official docs; the test machine has no 3.14). "
            "Every block here ran under `forkserver` on {versions}, so the examples are ready for "
            "3.14's new default.",
        ],
    },
}


# Skip reasons come from the blocks' test tags, in English; the Chinese page says them in Chinese.
# A reason no pattern matches stays as it is (test_verified checks none is left on the page).
_REASONS_ZH = [
    (re.compile(r"needs Python >= ([\d.]+)"), r"需要 Python ≥ \1"),
    (re.compile(r"shown for Python <= ([\d.]+)"), r"这一版写给 Python ≤ \1"),
    (
        re.compile(r"fragment: the whole script is (\S+), run as the next block"),
        r"片段：完整脚本是 \1，作为下一个代码块运行",
    ),
    (
        re.compile(
            r"a notebook cell: (\S+) runs it in a real Jupyter kernel \(nbclient \+ ipykernel\) "
            r"and checks these lines"
        ),
        r"笔记本单元格：\1 在真实的 Jupyter 内核（nbclient + ipykernel）里运行它并核对这些输出行",
    ),
    (
        re.compile(
            r"a notebook cell: (\S+) writes this module next to the notebook it runs in a real "
            r"Jupyter kernel"
        ),
        r"笔记本旁边的模块：\1 把它写在笔记本旁边，再在真实的 Jupyter 内核里运行笔记本",
    ),
    (
        re.compile(
            r"macOS only: the Objective-C runtime's fork check does not exist on Linux, where the "
            r"test suite runs"
        ),
        r"仅限 macOS：测试套件运行在 Linux 上，那里没有 Objective-C 运行时的 fork 检查",
    ),
    (
        re.compile(
            r"needs an NVIDIA GPU and PyTorch built with CUDA; the test machine has neither"
        ),
        r"需要 NVIDIA GPU 和带 CUDA 的 PyTorch，测试机都没有",
    ),
    (
        re.compile(
            r"needs an executable built with PyInstaller \(on Windows, or with spawn on macOS or "
            r"Linux\); as a plain script it does not show the problem"
        ),
        r"需要用 PyInstaller 打包的可执行文件（Windows 上，或 macOS/Linux 上用 spawn）；作为普通脚本运行看不出问题",
    ),
]


def reason(text: str, lang: str) -> str:
    """A skip reason in the page's language."""
    if lang == "zh":
        for pattern, replacement in _REASONS_ZH:
            if pattern.fullmatch(text):
                return pattern.sub(replacement, text)
    return text
