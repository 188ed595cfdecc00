"""The chapter's prose that depends on a run: generated from the results, in zh and en.

``render(section, run, lang)`` returns Markdown.  Every figure in it is written as
``<span class="fig" data-fig="path|in|the|results" data-unit="ms">54.8</span>`` and every
comparative word as ``<span class="claim" data-claim="experiment|comparison"
data-says="faster">faster</span>``; ``snippets.benchmark.check`` reads these back from the
executed notebook and checks each against the results file on its own terms.  Static
Markdown cells of the notebook state method, not results: no figures, no comparative words.
"""

from __future__ import annotations

import html
import re

from .rounds import comparison_key

#: the words a verdict is written with (check.py keeps its own copy to check them)
WORDS = {
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

#: the words of a place in a ranking of medians (check.py keeps its own copy)
RANKS = {
    "en": {"first": "fastest median", "second": "the runner-up"},
    "zh": {"first": "中位数最快", "second": "中位数第二快"},
}

SCALE = {
    "x": 1,
    "%": 100,
    "s": 1,
    "ms": 1e3,
    "us": 1e6,
    "n": 1,
    "min": 1 / 60,
    "cores": 1,
    "MB": 1,
}


def resolve(run: dict, path) -> object:
    """The value at ``path`` (keys, list indices, or ``#len`` for a list's length)."""
    value = run
    for part in path:
        if part == "#len":
            value = len(value)
        elif isinstance(value, list):
            value = value[int(part)]
        else:
            value = value[part]
    return value


def digits(shown: float, unit: str) -> int:
    """Decimals a figure is shown with: about three significant digits, whole counts as is."""
    if unit in ("n", "%"):
        return 0
    if unit == "MB":
        return 0 if float(shown).is_integer() else 2
    if unit == "min":
        return 1
    if unit == "cores":
        return 2
    a = abs(shown)
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 0.1:
        return 2
    return 3


class Page:
    """Figures and claims of one run, written in one language."""

    def __init__(self, run: dict, lang: str):
        if lang not in WORDS:
            raise ValueError(f"no prose for language {lang!r}")
        self.run, self.lang = run, lang
        self.ex = run["experiments"]
        self.anchors: set = set()

    # --- markup ----------------------------------------------------------------------

    def fig(
        self, path, unit: str, places: int | None = None, anchor: str | None = None
    ) -> str:
        value = resolve(self.run, path)
        if unit == "n":
            shown = f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
        else:
            scaled = value * SCALE[unit]
            shown = f"{scaled:.{digits(scaled, unit) if places is None else places}f}"
        attr = ""
        if anchor and anchor not in self.anchors:  # an id once per page
            self.anchors.add(anchor)
            attr = f' id="{anchor}"'
        ref = html.escape("|".join(str(p) for p in path), quote=True)
        return f'<span class="fig"{attr} data-fig="{ref}" data-unit="{unit}">{shown}</span>'

    def claim(self, experiment: str, key: str) -> str:
        says = self.ex[experiment]["comparisons"][key]["verdict"]
        ref = html.escape(f"{experiment}|{key}", quote=True)
        return (
            f'<span class="claim" data-claim="{ref}" data-says="{says}">'
            f"{WORDS[self.lang][says]}</span>"
        )

    def term(self, verdict: str) -> str:
        """A verdict's words mentioned, not claimed: '“faster”'."""
        return f'“<span class="term">{WORDS[self.lang][verdict]}</span>”'

    def rank(self, path, place: str) -> str:
        """'fastest median': a place in a ranking of medians stored at ``path``."""
        ref = html.escape("|".join(str(x) for x in path), quote=True)
        return (
            f'<span class="rank" data-rank="{ref}" data-says="{place}">'
            f"{RANKS[self.lang][place]}</span>"
        )

    def confidence(self) -> str:
        """'95 %' (the level is in the results: a reader sees what the run used)."""
        return self.fig(("method", "confidence"), "%") + " %"

    def ratio(
        self, experiment: str, key: str, anchor=None, inside: bool = False
    ) -> str:
        """'1.95× (95 % CI 1.90–1.99)' / '1.95 倍（95 % 置信区间 1.90–1.99）'; ``inside``
        (already in parentheses): '1.95×, 95 % CI 1.90–1.99'."""
        base = ("experiments", experiment, "comparisons", key)
        c = resolve(self.run, base)
        zh = self.lang == "zh"
        est = self.fig((*base, "estimate"), "x", anchor=anchor)
        est = f"{est} 倍" if zh else f"{est}×"
        if c["ci"] is None:
            rounds = self.fig(("experiments", experiment, "used_rounds", "#len"), "n")
            note = (
                f"{rounds} 轮的中位数，没有区间"
                if zh
                else f"median of {rounds} rounds, no interval"
            )
        else:
            lo, hi = self.fig((*base, "ci", 0), "x"), self.fig((*base, "ci", 1), "x")
            level = self.confidence()
            note = f"{level} 置信区间 {lo}–{hi}" if zh else f"{level} CI {lo}–{hi}"
        if inside:
            return f"{est}，{note}" if zh else f"{est}, {note}"
        return f"{est}（{note}）" if zh else f"{est} ({note})"

    def median(self, experiment: str, arm: str, unit: str, anchor=None) -> str:
        """An arm's median with its interval: '54.8 ms (95 % CI 52.0–57.1)'."""
        base = ("experiments", experiment, "arms", arm)
        d = resolve(self.run, base)
        value = self.fig((*base, "median"), unit, anchor=anchor)
        words = (
            {"us": "微秒", "ms": "毫秒", "s": "秒"}
            if self.lang == "zh"
            else {"us": "µs"}
        )
        u = words.get(unit, unit)
        if d["ci"] is None:
            return f"{value} {u}"
        lo, hi = self.fig((*base, "ci", 0), unit), self.fig((*base, "ci", 1), unit)
        if self.lang == "zh":
            return f"{value} {u}（{self.confidence()} 置信区间 {lo}–{hi}）"
        return f"{value} {u} ({self.confidence()} CI {lo}–{hi})"

    def versus(
        self, experiment: str, key: str, subject: str, other: str, anchor=None
    ) -> str:
        """One comparison as a sentence: the claim the interval allows, then the ratio."""
        c = self.ex[experiment]["comparisons"][key]
        says, claim = c["verdict"], self.claim(experiment, key)
        if self.lang == "zh":
            if says == "disturbed":
                return f"{subject}与{other}的比较{claim}，不给出结果"
            if says == "faster":
                ratio = self.ratio(experiment, key, anchor=anchor)
                return f"{subject}比{other}{claim}，速度是它的 {ratio}"
            if says == "slower":
                ratio = self.ratio(experiment, key, anchor=anchor)
                return f"{subject}比{other}{claim}，速度只有它的 {ratio}"
            inside = self.ratio(experiment, key, anchor=anchor, inside=True)
            return f"{subject}与{other}相比，{claim}（速度是后者的 {inside}）"
        if says == "disturbed":
            return f"{subject} against {other}: {claim}, so no result is given"
        if says in ("faster", "slower"):
            ratio = self.ratio(experiment, key, anchor=anchor)
            return f"{subject} was {claim} than {other}: {ratio}"
        inside = self.ratio(experiment, key, anchor=anchor, inside=True)
        return f"{subject} against {other}: {claim} ({inside})"

    def quote(self, path) -> str:
        """A quotation kept in the results (the notes' words), marked so it can be checked."""
        text = html.escape(str(resolve(self.run, path)), quote=False)
        ref = html.escape("|".join(str(p) for p in path), quote=True)
        return f'“<span class="quote" data-quote="{ref}">{text}</span>”'

    def size(self, experiment: str, path_tail, unit="ms") -> str:
        return self.fig(("experiments", experiment, *path_tail), unit)


def _code(text: str) -> str:
    return f"`{text}`"


# --- sections ----------------------------------------------------------------------------


def _marked(p: Page, name: str, info: dict) -> str:
    """Why one experiment was marked disturbed, from the summary."""
    zh = p.lang == "zh"
    base = ("summary", "marked", name)
    why = []
    if "rounds" in info["why"]:
        clean = p.fig((*base, "clean_rounds"), "n")
        asked = p.fig((*base, "repeats"), "n")
        ran = p.fig((*base, "rounds"), "n")
        why.append(
            f"跑了 {ran} 轮，其中不受干扰的 {clean} 轮，不到要求的 {asked} 轮"
            if zh
            else f"{clean} clean rounds of the {asked} asked, in {ran} rounds"
        )
    if "limit" in info["why"]:
        count = p.fig((*base, "over_limit", "#len"), "n")
        first = info["over_limit"][0]
        value = p.fig((*base, "over_limit", 0, "value"), "x")
        low = p.fig((*base, "over_limit", 0, "lower"), "x")
        most = p.fig((*base, "over_limit", 0, "limit"), "x")
        arm, loop = _code(first["arm"]), _code(first["baseline"])
        k = first["rank"]
        one = len(info["over_limit"]) == 1  # the sentence in the singular
        if zh:
            nth = (
                "最低的一轮"
                if k == 1
                else f"从低往高数第 {p.fig((*base, 'over_limit', 0, 'rank'), 'n')} 轮"
            )
            when = "每一轮都" if k == 1 else "几乎每一轮都"
            whose, such = ("它的", "") if one else ("各自的", "例如 ")
            why.append(
                f"{count} 个比值{when}超过{whose}上限（{such}{arm} 相对 {loop}："
                f"中位数 {value}，{nth}也有 {low}，上限 {most}）"
            )
        else:
            nth = (
                "lowest"
                if k == 1
                else f"{p.fig((*base, 'over_limit', 0, 'rank'), 'n')}{_ordinal(k)} lowest"
            )
            when = "in every round" if k == 1 else "in nearly every round"
            what, such = (
                ("ratio above its limit", "")
                if one
                else ("ratios above their limits", "such as ")
            )
            why.append(
                f"{count} {what} {when} ({such}{arm} against {loop}: "
                f"median {value}, its {nth} round {low}, limit {most})"
            )
    sep = "；" if zh else "; "
    return (
        f"- {_code(name)}：{sep.join(why)}"
        if zh
        else f"- {_code(name)}: {sep.join(why)}"
    )


def _probe(p: Page) -> str:
    """What the CPU-speed probe read over the run, and what that means for single rounds."""
    zh = p.lang == "zh"
    summary = p.run["summary"]
    past = p.fig(("summary", "rounds_past_limit"), "n")
    rounds = p.fig(("summary", "rounds_with_limits"), "n")
    if summary["probe"] is None:
        return (
            f"这次运行没有测 CPU 速度（这个系统不能把线程绑定到某个核心上）。有上限的实验共 {rounds} 轮，其中 {past} 轮出现过超过上限的比值；"
            f"这些轮照样保留。{_marking(p)}"
            if zh
            else f"This run did not probe the CPU's speed (this system cannot pin a thread to "
            f"a core). {past} of the {rounds} rounds of the experiments that have limits had a "
            "ratio past its limit; those rounds "
            f"are kept. {_marking(p)}"
        )
    base = ("summary", "probe")
    loops = p.fig(("method", "disturbance", "probe_loops"), "n")
    cpus = p.fig(("method", "disturbance", "probe_cpus"), "n")
    readings = p.fig((*base, "readings"), "n")
    low, mid, high = (p.fig((*base, k), "ms") for k in ("p10", "median", "p90"))
    spread = p.fig((*base, "p90_over_p10"), "x")
    span = p.fig(("summary", "quoted_span"), "s")
    steal = p.fig(("summary", "steal_cores_max"), "cores")
    if zh:
        return (
            f"每个配置开始之前和结束之后，都把同一个固定的循环（`work.spin`，循环 {loops} 次）依次绑定到 {cpus} 个核心上"
            f"（核心更多时最多测 `PROBED_CPUS` 个）各计时一次：一共 {readings} 个读数，中位数 {mid} 毫秒；"
            f"最短的十分之一读数不超过 {low} 毫秒，最长的十分之一不少于 {high} 毫秒，后者是前者的 {spread} 倍。"
            f"而在任何一个至少 {span} 秒的配置或整轮里，宿主机拿走的时间（steal）最多只占 {steal} 个核心。"
            "虚拟 CPU 每秒能干多少活，多半取决于它底下那台物理机器上别的虚拟机在做什么（同一个物理核心，或者同一颗芯片）；"
            "从虚拟机里面看不到原因，steal 和平均负载也都看不出来。"
            "（个别特别长的读数紧跟在有进程退出的配置之后，是被打断了，不代表 CPU 的速度，所以这里只给两头各十分之一处的读数。）"
            "所以在同一轮里，一个配置碰上的 CPU 速度可能和它的基准碰上的不一样；真实比值本来就贴着上限的配置，"
            f"各轮时间一有起伏，差不多每两轮就有一轮会越过上限：有上限的实验共 {rounds} 轮，其中 {past} 轮出现过超过上限的比值。"
            "这些轮照样保留。每一轮都重新打乱各配置的顺序，哪个配置碰上慢的那一阵全凭运气，"
            f"平均来说只会把区间撑宽，不会偏向哪一方；个别不走运的抽样，由区间的置信度兜底。{_marking(p)}"
        )
    return (
        f"Just before each configuration started and just after it ended, the same fixed loop "
        f"(`work.spin`, {loops} iterations) was timed on each of {cpus} cores in turn, pinned "
        f"to it (at most `PROBED_CPUS` on a machine with more): {readings} readings with a "
        f"median of {mid} ms; the shortest tenth of them took {low} ms or less and the "
        f"longest tenth {high} ms or more, {spread}× apart. Meanwhile, over any configuration or whole round "
        f"of at least {span} s, the host took at most {steal} cores (steal). How much work a "
        "virtual CPU gets done per second most likely depends on what other guests on the "
        "physical machine under it are doing (on the same core, or the same chip); the cause "
        "cannot be seen from inside the guest, and neither steal nor the load average shows "
        "it. (The handful of outliers at the long end follow configurations whose processes were "
        "exiting: interruptions, not speed, so the spread is quoted between the two tenths.) So within "
        "one round a configuration may meet a CPU running at another speed than its baseline "
        "met, and a configuration whose true ratio sits at its limit crosses it in about half "
        f"the rounds through ordinary round-to-round variation: {past} of the {rounds} rounds "
        "of the experiments that have limits had a ratio past its limit. Those rounds are kept. The order of the configurations is "
        "shuffled in every round, so which of them meets a slow spell is left to chance: on "
        "average this widens the intervals instead of favouring one side, and the interval's "
        f"confidence allows for an unlucky draw. {_marking(p)}"
    )


def _marking(p: Page) -> str:
    """The rule that marks an experiment for a ratio past its limit, in one sentence."""
    level = p.confidence()
    if p.lang == "zh":
        return (
            "只有某个比值超过上限的轮数多到很难用偶然来解释时，实验才标为“受到干扰”："
            f"轮数够的话，按 {level} 的置信度把这个实验的所有上限放在一起算；"
            "轮数不够、达不到这个置信度时，要求每一轮都超过上限。"
        )
    return (
        "An experiment is marked disturbed only when a ratio lies above its limit in so many "
        f"rounds that chance would rarely do so: rarely enough for the {level} level over "
        "all of the experiment's limits together where there are enough rounds for that, "
        "and otherwise only when it lies above its limit in every round."
    )


def _ordinal(k: int) -> str:
    """The English ordinal's ending: 1st, 2nd, 3rd, 4th, 11th, 21st."""
    if k % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")


def _interval_lines(p: Page) -> list[str]:
    """One line per number of rounds the run's statistics used: which sorted ratios bound
    the interval, how sure it is, and so how often "faster" or "slower" may come out at most
    where two configurations do not differ."""
    zh = p.lang == "zh"
    out = []
    for n in p.run["method"]["intervals"]:
        base = ("method", "intervals", n)
        count = p.fig((*base, "rounds"), "n")
        k, k2 = p.fig((*base, "lower"), "n"), p.fig((*base, "lower"), "n")
        cover = p.fig((*base, "coverage"), "%", places=1)
        false = p.fig((*base, "false_verdict"), "%", places=1)
        faster, slower = p.term("faster"), p.term("slower")
        nth = _ordinal(p.run["method"]["intervals"][n]["lower"])
        out.append(
            f"- {count} 轮：区间取第 {k} 小到第 {k2} 大的比值，它包含真实中位数的概率是 {cover} %；"
            f"两个配置其实没有差别时，判为{faster}或{slower}的概率至多 {false} %"
            if zh
            else f"- {count} rounds: from the {k}{nth} smallest to the {k2}{nth} largest ratio, "
            f"which holds the true median with a probability of {cover} %; where two "
            f"configurations do not differ, {faster} or {slower} comes out at most "
            f"{false} % of the time"
        )
    return out


def machine(p: Page) -> str:
    run = p.run
    zh = p.lang == "zh"
    m = run["machine"]
    cores = p.fig(("machine", "usable_cores"), "n", anchor="fig-usable-cores")
    logical = p.fig(("machine", "logical_cores"), "n")
    unit = "cores" if run["parallel_cores"] % 1 else "n"  # a quota may be 1.5 cores
    parallel = p.fig(("parallel_cores",), unit)
    parallel_again = p.fig(("parallel_cores",), unit)
    minutes = p.fig(("seconds",), "min")
    rounds = p.fig(("summary", "rounds"), "n")
    bad = p.fig(("summary", "disturbed_rounds"), "n")
    extra = p.fig(("summary", "extra_rounds"), "n")
    most_extra = p.fig(("method", "max_extra_rounds"), "n")
    engine_extra = p.fig(("method", "engine_max_extra_rounds"), "n")
    others = p.fig(("method", "disturbance", "others_cores"), "cores")
    steal = p.fig(("method", "disturbance", "steal_cores"), "cores")
    out = []
    # the cores: what every limit and efficiency is taken against
    quota = m.get("cgroup_cpu_limit")
    if zh:
        text = f"这次运行有 **{cores} 个可用核心**（逻辑核心 {logical} 个）"
        if quota and quota < m["usable_cores"]:
            q = p.fig(("machine", "cgroup_cpu_limit"), "cores")
            text += f"，容器的 CPU 配额（cgroup 的 `cpu.max`）只有 {q} 个核心"
        text += f"。下面所有的并行效率都是加速比除以 {parallel}，加速比的上限也按 {parallel_again} 个核心算。"
        if run["planned_cores"] != m["usable_cores"]:
            planned = p.fig(("planned_cores",), "n")
            text += f"进程池的大小按 `--workers` 给的 {planned} 个工作进程安排，但这不改变上限和效率的算法。"
    else:
        text = f"This run had **{cores} usable cores** ({logical} logical)"
        if quota and quota < m["usable_cores"]:
            q = p.fig(("machine", "cgroup_cpu_limit"), "cores")
            text += f", and a container CPU quota (cgroup `cpu.max`) of {q} cores"
        text += (
            f"; every efficiency below is a speedup divided by {parallel}, and no speedup can "
            f"truly pass {parallel_again}."
        )
        if run["planned_cores"] != m["usable_cores"]:
            planned = p.fig(("planned_cores",), "n")
            text += (
                f" The pools were sized for {planned} workers (`--workers`), which changes "
                "neither the limits nor the efficiencies."
            )
    out.append(text)
    # the rounds, what disturbed them, and what was run again
    if zh:
        text = (
            f"整个运行用了 {minutes} 分钟，各个实验一共跑了 {rounds} 轮，其中 {bad} 轮受到干扰"
            f"（某个配置运行期间别的进程用掉了超过 {others} 个核心，或者宿主机拿走了超过 {steal} 个核心）。"
        )
        if run["method"]["max_extra_rounds"] == 0:
            text += "这次运行设定为不重跑受干扰的轮。"
        else:
            text += (
                f"为了顶替受干扰的轮，各实验一共多跑了 {extra} 轮"
                f"（每个实验最多多跑 {most_extra} 轮，第三方框架最多 {engine_extra} 轮）。"
            )
    else:
        text = (
            f"It took {minutes} minutes: {rounds} rounds across the experiments, of which "
            f"{bad} were disturbed (while some configuration ran, other processes used more "
            f"than {others} cores or the host took more than {steal} cores)."
        )
        if run["method"]["max_extra_rounds"] == 0:
            text += " This run was set to run no disturbed round again."
        else:
            text += (
                f" Rounds run in place of disturbed ones: {extra} across the experiments (at "
                f"most {most_extra} per experiment, {engine_extra} for the third-party engines)."
            )
    out.append(text)
    summary = run["summary"]
    if summary["load_1min"] is not None:
        lo = p.fig(("summary", "load_1min", 0), "cores")
        hi = p.fig(("summary", "load_1min", 1), "cores")
        out.append(
            f"各轮开始时一分钟平均负载在 {lo} 到 {hi} 之间；它也把基准测试自己的进程算在内，只作参考，不用来判断干扰。"
            if zh
            else f"The one-minute load average at the rounds' starts ranged from {lo} to {hi}; "
            "it counts the benchmark's own processes too, so it is context, not the test."
        )
    if summary["others_cores_max"] is not None:
        span = p.fig(("summary", "quoted_span"), "s")
        o_max = p.fig(("summary", "others_cores_max"), "cores")
        st_max = p.fig(("summary", "steal_cores_max"), "cores")
        out.append(
            f"在任何一个至少 {span} 秒的配置或整轮里（按它的时长平均），别的进程最多用掉 {o_max} 个核心，宿主机最多拿走 {st_max} 个核心。"
            if zh
            else f"Averaged over any one configuration or whole round of at least {span} s, "
            f"other processes used at most {o_max} cores and the host took at most {st_max}."
        )
    paragraphs = [" ".join(out) if not zh else "".join(out)]
    # the floor below which a configuration cannot be flagged on its own
    d = ("method", "disturbance")
    floor = p.fig((*d, "shortest_flaggable_seconds"), "ms")
    tick = p.fig((*d, "tick_seconds"), "ms", places=0)
    paragraphs.append(
        f"单个配置短于 {floor} 毫秒时（配置里的进程越多，这个下限越高），无论机器多忙，都不可能单独被判为受到干扰：`/proc` 里的 CPU 时间以 {tick} 毫秒为单位计数，"
        "每次读数都要留出每个 CPU、每个进程两个单位的误差。这些短配置只能靠整轮的读数来把关：持续整轮的负载能查出来，比一个配置还短的突发负载查不出来。"
        if zh
        else f"A configuration shorter than {floor} ms (longer for one with several processes) "
        "cannot be flagged on its own, however busy "
        f"the machine: `/proc` counts CPU time in steps of {tick} ms, and every reading is allowed "
        "two steps of error per CPU and per process. Only the reading of the whole round covers "
        "such configurations: it catches a load that lasts through a round, not a burst shorter "
        "than one configuration."
    )
    # the intervals
    level = p.confidence()
    least = p.fig(("method", "min_rounds_for_interval"), "n")
    lines = _interval_lines(p)
    if zh:
        text = (
            f"区间的求法：把某项比较在各轮的比值排序，取其中两个作为区间两端，使得无论比值服从什么分布，"
            f"区间包含真实中位数的概率都至少是 {level}（二项分布给出确切的概率）；少于 {least} 轮时做不到，就不给区间。"
        )
        text += (
            "这次运行用到的轮数：\n\n" + "\n".join(lines)
            if lines
            else "这次运行没有哪个实验的轮数够给出区间。"
        )
    else:
        text = (
            "How the intervals are made: a comparison's per-round ratios are sorted and two of "
            f"them bound the interval, chosen so that it holds the true median with a "
            f"probability of at least {level} whatever the ratios' distribution (the binomial "
            f"distribution gives the exact figure); below {least} rounds that is not possible, "
            "and no interval is given."
        )
        text += (
            " The numbers of rounds this run used:\n\n" + "\n".join(lines)
            if lines
            else " No experiment of this run had enough rounds for one."
        )
    paragraphs.append(text)
    paragraphs.append(_probe(p))
    # the experiments marked disturbed, and why
    marked = summary["marked"]
    if marked:
        lines = [_marked(p, name, info) for name, info in marked.items()]
        paragraphs.append(
            (
                "标为“受到干扰”的实验及原因（其中的比较一律不给出快慢的结论）："
                if zh
                else "Experiments marked disturbed, and why (none of their comparisons claims "
                "anything about speed):"
            )
            + "\n\n"
            + "\n".join(lines)
        )
    else:
        paragraphs.append(
            "每个实验都凑够了不受干扰的轮数，也没有哪个比值超过上限的轮数多到足以把实验标为受到干扰。"
            if zh
            else "Every experiment got its clean rounds, and no ratio lay above its limit in "
            "enough rounds to mark its experiment."
        )
    if run["profile"] == "quick":
        paragraphs.append(
            "**这是一次 `--quick` 运行**：规模极小、轮数极少，数字没有意义，只用来检查代码能跑通。"
            if zh
            else "**This is a `--quick` run**: tiny sizes and very few rounds; its numbers mean "
            "nothing and only show that the code runs."
        )
    return "\n\n".join(paragraphs)


def scaling(p: Page) -> str:
    e = p.ex["scaling"]
    n = e["settings"]["at"]
    zh = p.lang == "zh"
    lines = []
    loop = "普通循环" if zh else "the plain loop"
    for method in e["settings"]["methods"]:
        for kind in ("Pool", "ProcessPoolExecutor"):
            key = e["points"][f"{kind}/{method}/{n}"]
            eff_path = ("experiments", "scaling", "comparisons", key, "efficiency")
            anchor = f"fig-pool-{method}" if kind == "Pool" else None
            subject = (
                f"`{method}` 下的 {_code(kind)}" if zh else f"`{method}` {_code(kind)}"
            )
            sentence = p.versus("scaling", key, subject, loop, anchor=anchor)
            if e["comparisons"][key]["verdict"] != "disturbed":
                eff = p.fig(eff_path, "%")
                sentence += f"；并行效率 {eff} %" if zh else f"; efficiency {eff} %"
            lines.append(f"- {sentence}")
    key = e["points"][f"threads/{n}"]
    lines.append(
        f"- {p.versus('scaling', key, '线程池（`ThreadPoolExecutor`）' if zh else 'The thread pool', loop)}"
    )
    count = p.fig(("experiments", "scaling", "settings", "at"), "n")
    if zh:
        head = f"工作进程（线程）数为 {count} 时，与同一轮里的普通循环相比："
        tail_head = (
            "同样是这个工作进程数，启动方法之间、`Pool` 与 `ProcessPoolExecutor` 之间："
        )
    else:
        head = (
            f"At {count} workers (threads), against the plain loop of the same round:"
        )
        tail_head = (
            "At the same count, start methods against each other, and `Pool` against "
            "`ProcessPoolExecutor`:"
        )
    more = []
    for key, c in e["comparisons"].items():
        if key in e["points"].values():
            continue
        a, b = c["arm"].split("/"), c["baseline"].split("/")
        under = " 下的" if zh else ""
        subject = f"`{a[1]}`{under} {_code(a[0])}"
        # one kind under two start methods, or two kinds under one
        other = f"`{b[1]}`{under}" if a[0] == b[0] else _code(b[0])
        more.append(f"- {p.versus('scaling', key, subject, other)}")
    return "\n".join([head, "", *lines, "", tail_head, "", *more])


def crossover(p: Page) -> str:
    e = p.ex["crossover"]
    zh = p.lang == "zh"
    sizes = e["settings"]["sizes"]
    lines = []
    for method, row in e["methods"].items():
        keys = row["comparisons"]
        verdicts = [e["comparisons"][k]["verdict"] for k in keys]
        parts = []
        if row["faster_from"] is not None:
            i = sizes.index(row["faster_from"])
            at = p.size("crossover", ("methods", method, "faster_from"))
            claim = p.claim("crossover", keys[i])
            ratio = p.ratio("crossover", keys[i], inside=True)
            parts.append(
                f"任务不小于 {at} 毫秒时进程池{claim}（{at} 毫秒时速度是普通循环的 {ratio}），更大的任务也都如此"
                if zh
                else f"the pool was {claim} from tasks of {at} ms on (at {at} ms: {ratio}), and at "
                "every larger size"
            )
        if row["slower_up_to"] is not None:
            i = sizes.index(row["slower_up_to"])
            at = p.size("crossover", ("methods", method, "slower_up_to"))
            claim = p.claim("crossover", keys[i])
            ratio = p.ratio("crossover", keys[i], inside=True)
            parts.append(
                f"任务不大于 {at} 毫秒时进程池{claim}（{at} 毫秒时速度是普通循环的 {ratio}）"
                if zh
                else f"{claim} for tasks up to {at} ms (at {at} ms: {ratio})"
            )
        rest = [
            i
            for i, s in enumerate(sizes)
            if (row["faster_from"] is None or s < row["faster_from"])
            and (row["slower_up_to"] is None or s > row["slower_up_to"])
        ]
        if rest:
            shown = "、".join if zh else ", ".join
            at = shown(
                p.size("crossover", ("comparisons", keys[i], "task_seconds"))
                for i in rest
            )
            kinds = {verdicts[i] for i in rest}
            if kinds == {"disturbed"}:
                claim = p.claim("crossover", keys[rest[0]])
                parts.append(
                    f"{at} 毫秒的比较{claim}"
                    if zh
                    else f"at {at} ms the comparison was {claim}"
                )
            else:
                claims = ("；" if zh else "; ").join
                each = claims(
                    (
                        f"{p.size('crossover', ('comparisons', keys[i], 'task_seconds'))} 毫秒："
                        f"{p.claim('crossover', keys[i])}"
                        if zh
                        else f"{p.size('crossover', ('comparisons', keys[i], 'task_seconds'))} ms: "
                        f"{p.claim('crossover', keys[i])}"
                    )
                    for i in rest
                )
                parts.append(each)
        joined = "；".join(parts) if zh else "; ".join(parts)
        lines.append(f"- `{method}`：{joined}。" if zh else f"- `{method}`: {joined}.")
    head = (
        "每种启动方法下，各个任务大小上的判断（只看测过的点，不在点之间插值）："
        if zh
        else "The verdicts per start method and task size (measured sizes only, nothing "
        "interpolated between them):"
    )
    return "\n".join([head, "", *lines])


def chunksize(p: Page) -> str:
    e = p.ex["chunksize"]
    zh = p.lang == "zh"
    n = p.fig(("experiments", "chunksize", "settings", "tasks"), "n")
    lines = []
    for method in e["settings"]["methods"]:
        for kind in ("map", "imap"):
            best = e["best"][f"{kind}/{method}"]
            arm = f"{kind}/{method}/{best['chunksize']}"
            place = ("experiments", "chunksize", "best", f"{kind}/{method}")
            cs = p.fig((*place, "chunksize"), "n")
            t = p.median("chunksize", arm, "s")
            parts = []
            one = f"{kind}/{method}/1"
            if arm != one:
                parts.append(
                    p.versus(
                        "chunksize",
                        f"{arm} vs {one}",
                        f"chunksize {cs}",
                        "`chunksize=1`",
                    )
                )
            if best["runner_up"] is not None:
                second = p.fig((*place, "runner_up"), "n")
                other = f"{kind}/{method}/{best['runner_up']}"
                runner_up = p.rank(place, "second")
                parts.append(
                    p.versus(
                        "chunksize",
                        f"{arm} vs {other}",
                        f"chunksize {cs}",
                        (
                            f"{runner_up}的 chunksize {second}"
                            if zh
                            else f"{runner_up}, chunksize {second}"
                        ),
                    )
                )
            parts.append(
                p.versus(
                    "chunksize",
                    f"{arm} vs serial",
                    f"chunksize {cs}",
                    "普通循环" if zh else "the plain loop",
                )
            )
            sep = "；" if zh else "; "
            first = p.rank(place, "first")
            if zh:
                lines.append(
                    f"- `{method}`，`Pool.{kind}`：{first}的是 chunksize {cs}，{n} 个任务用时 {t}；{sep.join(parts)}。"
                )
            else:
                lines.append(
                    f"- `{method}`, `Pool.{kind}`: {first} at chunksize {cs}, {t} for {n} "
                    f"tasks; {sep.join(parts)}."
                )
    return "\n".join(lines)


def arguments(p: Page) -> str:
    e = p.ex["arguments"]
    zh = p.lang == "zh"
    lines = []
    for i, mb in enumerate(e["settings"]["megabytes"]):
        size = p.fig(("experiments", "arguments", "settings", "megabytes", i), "MB")
        parts = []
        for method in e["settings"]["methods"]:
            key = f"shared_memory/{method}/{mb:g}MB vs pickled/{method}/{mb:g}MB"
            parts.append(
                p.versus(
                    "arguments",
                    key,
                    (f"`{method}` 下共享内存" if zh else f"`{method}`: shared_memory"),
                    "序列化传参" if zh else "pickling",
                )
            )
        sep = "；" if zh else "; "
        lines.append(
            f"- {size} MB：{sep.join(parts)}。"
            if zh
            else f"- {size} MB: {sep.join(parts)}."
        )
    return "\n".join(lines)


def startup(p: Page) -> str:
    e = p.ex["startup"]
    zh = p.lang == "zh"
    methods = e["settings"]["methods"]
    sep = "，" if zh else ", "
    procs = sep.join(
        f"`{m}` {p.median('startup', f'Process/{m} [wall]', 'ms', anchor=f'fig-process-{m}')}"
        for m in methods
    )
    bare = p.median("startup", "interpreter [wall]", "ms", anchor="fig-interpreter")
    imports = p.median("startup", "interpreter+imports [wall]", "ms")
    out = []
    if zh:
        out.append(f"启动并 `join()` 一个立即返回的进程（各轮中位数）：{procs}。")
    else:
        out.append(
            f"Starting and `join()`ing a process that returns at once (median of the rounds): {procs}."
        )
    for m in methods:
        if m == "fork":
            continue
        key = f"Process/fork vs Process/{m}"
        if key in e["comparisons"]:
            anchor = f"fig-{m}-vs-fork"
            s = p.versus("startup", key, "`fork`", f"`{m}`", anchor=anchor)
            out.append(f"- {s}。" if zh else f"- {s}.")
    if "spawn" in methods:
        a = p.versus(
            "startup",
            "interpreter vs Process/spawn",
            "`python -c pass`",
            "`spawn` 启动的进程" if zh else "a `spawn` process",
        )
        b = p.versus(
            "startup",
            "interpreter+imports vs Process/spawn",
            "`python -c '" + e["settings"]["imports"] + "'`",
            "`spawn` 启动的进程" if zh else "a `spawn` process",
        )
        if zh:
            out.append(
                f"\n一个什么都不做的解释器（`python -c pass`）启动加退出要 {bare}；再导入本基准测试的模块（也就是这个程序用 `spawn` 启动的子进程要导入的东西）要 {imports}。"
                f"\n\n- {a}。\n- {b}。"
            )
        else:
            out.append(
                f"\nA bare interpreter (`python -c pass`) starts and exits in {bare}; one that also "
                f"imports the benchmark's modules (what a `spawn` child of this program imports) in "
                f"{imports}.\n\n- {a}.\n- {b}."
            )
    out.append(
        "\n首个任务延迟（各轮中位数）："
        if zh
        else "\nFirst-task latency (medians of the rounds):"
    )
    out.append("")
    for kind, call in (("Pool", "apply_async()"), ("ProcessPoolExecutor", "submit()")):
        for m in methods:
            arm = f"{kind}/{m}"

            def f(field, arm=arm):
                return p.fig(
                    ("experiments", "startup", "arms", f"{arm} [{field}]", "median"),
                    "ms",
                )

            if zh:
                out.append(
                    f"- `{m}`，`{kind}`：构造函数用时 {f('create')} 毫秒；执行首个任务的工作进程在构造函数调用后 {f('ready')} 毫秒"
                    f"运行 initializer；从调用 `{call}` 到任务第一行开始执行用了 {f('first_task')} 毫秒，"
                    f"结果回到父进程又用了 {f('back')} 毫秒；之后再提交的任务只要 {f('warm_task')} 毫秒就执行到第一行。"
                )
            else:
                out.append(
                    f"- `{m}`, `{kind}`: constructor {f('create')} ms; the worker that ran the "
                    f"first task ran its initializer {f('ready')} ms after the constructor was "
                    f"called; `{call}` to the task's first line {f('first_task')} ms, and the "
                    f"result back in the parent {f('back')} ms later; a second task reached its "
                    f"first line in {f('warm_task')} ms."
                )
    out.append("")
    for m in methods:
        if m == "fork":
            continue
        for kind in ("Pool", "ProcessPoolExecutor"):
            key = f"{kind}/fork vs {kind}/{m} [first_task]"
            if key in e["comparisons"]:
                subject = (
                    f"`fork` 下 {_code(kind)} 的首个任务"
                    if zh
                    else f"A `fork` {_code(kind)}'s first task"
                )
                other = f"`{m}` 下的" if zh else f"`{m}`'s"
                s = p.versus("startup", key, subject, other)
                out.append(f"- {s}。" if zh else f"- {s}.")
    return "\n".join(out)


def notes(p: Page) -> str:
    e = p.ex["notes"]
    zh = p.lang == "zh"
    loops = e["settings"]["loops"]
    methods = e["settings"]["methods"]
    as_script = e["settings"]["as_script"]

    def label(m):
        """A start method, and whether its arm ran under the notes' conditions."""
        if m in as_script:
            return (
                f"`{m}`（笔记的条件：以脚本运行）"
                if zh
                else f"`{m}` (the notes' conditions: run as a script)"
            )
        return f"`{m}`（作对照）" if zh else f"`{m}` (for comparison)"

    q = ("experiments", "notes", "quoted")
    r = ("experiments", "notes", "reading")
    loop_s, pool_s = p.fig((*q, "loop_seconds"), "s", places=3), p.fig(
        (*q, "pool_seconds"), "s", places=3
    )
    ratio = p.fig((*r, "pool_over_loop"), "x")
    by = {k: (*r, "by_processes", k) for k in ("2", "3")}
    procs = {k: p.fig((*by[k], "processes"), "n") for k in by}
    procs_again = {k: p.fig((*by[k], "processes"), "n") for k in by}
    fixed = {k: p.fig((*by[k], "fixed_seconds"), "s") for k in by}
    first = {k: p.fig((*by[k], "first_run_ratio"), "x") for k in by}
    second_run = p.quote((*q, "second_run", "zh"))
    first_run = p.quote((*q, "first_run", p.lang))
    out = []
    if zh:
        out.append(
            f"笔记的第二次测量写的是{second_run}。按“分别为”读，就是单进程 {loop_s} 秒、进程池 {pool_s} 秒，进程池用时是循环的 {ratio} 倍。"
            f"假设三个任务一样长（每个是循环时间的三分之一），进程池的固定开销（创建加关闭）在 {procs['2']} 个进程时约为 {fixed['2']} 秒，"
            f"在 {procs['3']} 个及以上进程时约为 {fixed['3']} 秒；同样的固定开销放进循环次数多一个零的第一次测量，"
            f"比值应当是 {first['2']}（{procs_again['2']} 个进程）或 {first['3']}（{procs_again['3']} 个及以上）。"
            f"笔记对第一次测量只说了{first_run}，定不下是哪一种。"
        )
    else:
        translated = p.quote((*q, "second_run", "en"))
        out.append(
            f"The notes' second measurement reads {second_run} ({translated}). Read with its "
            f"“respectively”, that is a single process {loop_s} s and a pool {pool_s} s, the pool "
            f"taking {ratio}× the loop's time. If the three tasks were equal (a third of the loop "
            f"each), the pool's fixed cost (create and close) was about {fixed['2']} s with "
            f"{procs['2']} processes, or {fixed['3']} s with {procs['3']} or more; the same fixed "
            f"cost in the first measurement, whose loop had one zero more, gives a ratio of "
            f"{first['2']} ({procs_again['2']} processes) or {first['3']} ({procs_again['3']} or "
            f"more). Of the first measurement the notes say only {first_run}, which does not "
            "settle it."
        )
    out.append("")
    out.append(
        "这里的重现（`Pool()`，各轮中位数）："
        if zh
        else "The reproduction here (`Pool()`, medians of the rounds):"
    )
    out.append("")
    for i, n in enumerate(loops):
        count = p.fig(("experiments", "notes", "settings", "loops", i), "n")
        loop_t = p.median("notes", f"loop/{n}", "s")
        parts = []
        for m in methods:
            key = f"Pool()/{m}/{n} vs loop/{n}"
            t = p.fig(
                ("experiments", "notes", "arms", f"Pool()/{m}/{n} [wall]", "median"),
                "s",
            )
            fixed_c = p.fig(
                ("experiments", "notes", "arms", f"Pool()/{m}/{n} [create]", "median"),
                "ms",
            )
            fixed_j = p.fig(
                (
                    "experiments",
                    "notes",
                    "arms",
                    f"Pool()/{m}/{n} [close_join]",
                    "median",
                ),
                "ms",
            )
            c = e["comparisons"][key]
            if c["verdict"] == "disturbed":
                sentence = p.versus(
                    "notes",
                    key,
                    "进程池" if zh else "the pool",
                    "循环" if zh else "the loop",
                )
            else:
                pol = p.fig(
                    ("experiments", "notes", "comparisons", key, "pool_over_loop"), "x"
                )
                sentence = p.versus(
                    "notes",
                    key,
                    "进程池" if zh else "the pool",
                    "循环" if zh else "the loop",
                )
                sentence += (
                    f"，用时是循环的 {pol} 倍"
                    if zh
                    else f", taking {pol}× the loop's time"
                )
            if zh:
                parts.append(
                    f"  - {label(m)}：进程池 {t} 秒（创建 {fixed_c} 毫秒，关闭 {fixed_j} 毫秒）；{sentence}。"
                )
            else:
                parts.append(
                    f"  - {label(m)}: pool {t} s (create {fixed_c} ms, close {fixed_j} ms); {sentence}."
                )
        if zh:
            out.append(f"- 每个任务循环 {count} 次：普通循环 {loop_t}")
        else:
            out.append(f"- {count} iterations per task: plain loop {loop_t}")
        out += parts
    # what matches, run by run: the first, where the notes' pool was "faster by half", and
    # the second, where (reading its two numbers as seconds) it took the longer time.  Only
    # the arms run under the notes' conditions are set against the notes; the others are
    # shown for comparison.
    for i, expected in ((0, "faster"), (len(loops) - 1, "slower")):
        n = loops[i]
        count = p.fig(("experiments", "notes", "settings", "loops", i), "n")
        out.append("")
        if zh:
            what = (
                f"笔记说{p.quote((*q, 'first_run', 'zh'))}"
                if expected == "faster"
                else "按上面的读法，笔记里进程池用的时间长一些"
            )
            nth = "第一" if i == 0 else "第二"
            out.append(
                f"对照笔记的{nth}次测量（这里每个任务 {count} 次循环；{what}）："
            )
        else:
            what = (
                f"the notes say {p.quote((*q, 'first_run', 'en'))}"
                if expected == "faster"
                else "on the reading above, the pool took the longer time there"
            )
            out.append(
                f"Against the notes' {'first' if i == 0 else 'second'} measurement ({count} "
                f"iterations per task here; {what}):"
            )
        out.append("")
        for m in methods:
            key = f"Pool()/{m}/{n} vs loop/{n}"
            says = e["comparisons"][key]["verdict"]
            claim = p.claim("notes", key)
            if says in ("faster", "slower") and m in as_script:
                same = says == expected
                if zh:
                    tail = "和笔记一致" if same else "和笔记不一致"
                    out.append(f"- {label(m)}：这里进程池比循环{claim}，{tail}。")
                else:
                    tail = "as in the notes" if same else "unlike the notes"
                    out.append(
                        f"- {label(m)}: here the pool was {claim} than the loop, {tail}."
                    )
            elif says in ("faster", "slower"):
                out.append(
                    f"- {label(m)}：这里进程池比循环{claim}。"
                    if zh
                    else f"- {label(m)}: here the pool was {claim} than the loop."
                )
            elif m not in as_script:
                out.append(
                    f"- {label(m)}：{claim}。" if zh else f"- {label(m)}: {claim}."
                )
            elif zh:
                out.append(f"- {label(m)}：{claim}，无从与笔记对照。")
            else:
                out.append(
                    f"- {label(m)}: {claim}, so there is nothing to set against the notes."
                )
    return "\n".join(out)


def per_task(p: Page) -> str:
    e = p.ex["per_task"]
    zh = p.lang == "zh"
    n = p.fig(("experiments", "per_task", "settings", "tasks"), "n")
    cs = e["settings"]["chunksize"]
    out = [
        (
            f"{n} 个任务、每个给一个数加一，每个任务的开销（各轮中位数）："
            if zh
            else f"Cost per task, {n} tasks that each add one to a number (medians of the rounds):"
        ),
        "",
    ]
    anchors = {
        "asyncio.gather": "fig-asyncio-per-task",
        "ThreadPoolExecutor.submit": "fig-threads-per-task",
        "ProcessPoolExecutor.submit/fork": "fig-processes-per-task",
    }
    for arm in e["arms"]:
        label = arm.replace(f"chunksize={cs}", "chunksize=" + str(cs))
        name, _, method = label.partition("/")
        if method:
            shown = f"`{name}`（`{method}`）" if zh else f"`{name}` (`{method}`)"
        else:
            shown = f"`{name}`"
        value = p.median("per_task", arm, "us", anchor=anchors.get(arm))
        out.append(f"- {shown}：{value}" if zh else f"- {shown}: {value}")
    out.append("")
    for key, c in e["comparisons"].items():
        a, b = c["arm"], c["baseline"]
        s = p.versus("per_task", key, _code(a), _code(b))
        out.append(f"- {s}。" if zh else f"- {s}.")
    en = p.ex["engines"]
    if en.get("arms"):
        out.append("")
        out.append(
            "第三方框架（一次启动的用时和每个任务的开销，各轮中位数）："
            if zh
            else "Third-party engines (start-up once, cost per task; medians of the rounds):"
        )
        out.append("")
        for name in _engine_names(en):
            setup = p.median(
                "engines", f"{name} [setup]", "s", anchor=f"fig-{name.lower()}-start-up"
            )
            cost = p.median("engines", f"{name} [per_task]", "us")
            version = en["versions"].get(name) or ""
            label = _code(f"{name} {version}".strip())
            if zh:
                out.append(f"- {label}：启动 {setup}，每个任务 {cost}")
            else:
                out.append(f"- {label}: start-up {setup}, per task {cost}")
    for name, why in en["skipped"].items():
        out.append(
            f"- {_code(name)}：{_skipped(why, True)}"
            if zh
            else f"- {_code(name)}: {_skipped(why, False)}"
        )
    return "\n".join(out)


def _skipped(why: str, zh: bool) -> str:
    """Why an engine did not run, in the page's language (the results keep it in English)."""
    if why.startswith("not selected"):
        return (
            "没有运行（没有用 `--engines` 选中，或 `--quick` 默认不跑它）"
            if zh
            else ("not run (not chosen with `--engines`, or left out by `--quick`)")
        )
    if "not installed" in why:
        return (
            f"跳过，没有安装（{_code(why)}）"
            if zh
            else f"skipped, not installed ({_code(why)})"
        )
    return (
        f"跳过，运行失败（{_code(why)}）"
        if zh
        else f"skipped, it failed ({_code(why)})"
    )


def _engine_names(en: dict) -> list:
    return [k.rsplit(" [", 1)[0] for k in en["arms"] if k.endswith("[setup]")]


def summary(p: Page) -> str:
    zh = p.lang == "zh"
    sc = p.ex["scaling"]
    n = sc["settings"]["at"]
    out = []
    key = sc["points"].get(f"Pool/fork/{n}") or next(iter(sc["points"].values()))
    eff = ""
    if sc["comparisons"][key]["verdict"] != "disturbed":
        eff = p.fig(("experiments", "scaling", "comparisons", key, "efficiency"), "%")
    loop = "普通循环" if zh else "the plain loop"
    kind, method, count = sc["comparisons"][key]["arm"].split("/")
    label = (
        f"`{method}` 下的 `{kind}({count})`"
        if zh
        else f"`{kind}({count})` under `{method}`"
    )
    first = p.versus("scaling", key, label, loop)
    if eff:
        first += f"，并行效率 {eff} %" if zh else f", an efficiency of {eff} %"
    out.append(f"- {first}。" if zh else f"- {first}.")
    st = p.ex["startup"]
    if "Process/fork vs Process/spawn" in st["comparisons"]:
        s = p.versus("startup", "Process/fork vs Process/spawn", "`fork`", "`spawn`")
        out.append(f"- 启动一个进程：{s}。" if zh else f"- Starting a process: {s}.")
    pt = p.ex["per_task"]
    cs = pt["settings"]["chunksize"]
    for method in pt["settings"]["methods"][:1]:
        key = comparison_key(
            f"Pool.map chunksize={cs}/{method}",
            f"Pool.map chunksize=1/{method}",
            "per_task",
        )
        s = p.versus("per_task", key, f"`Pool.map(chunksize={cs})`", "`chunksize=1`")
        out.append(
            f"- `{method}` 下很小的任务：{s}。"
            if zh
            else f"- Tiny tasks under `{method}`: {s}."
        )
    return "\n".join(out)


SECTIONS = {
    "machine": machine,
    "scaling": scaling,
    "crossover": crossover,
    "chunksize": chunksize,
    "arguments": arguments,
    "startup": startup,
    "notes": notes,
    "per_task": per_task,
    "summary": summary,
}


_CJK = "\u4e00-\u9fff"


def _space_zh(text: str) -> str:
    """A space between Chinese and Latin letters, digits, inline code or a figure, as the
    zh pages write them; quotations are left exactly as quoted."""
    parts = re.split(r'(<span class="quote"[^>]*>[^<]*</span>)', text)
    for i in range(0, len(parts), 2):  # the even parts are outside quotations
        t = parts[i]
        t = re.sub(
            r'(<span class="fig"[^>]*>[^<]*</span>)(?=[' + _CJK + "])", r"\1 ", t
        )
        t = re.sub("(?<=[" + _CJK + r'])(<span class="fig")', r" \1", t)
        t = re.sub(r"(?<=[A-Za-z0-9_)`])(?=[" + _CJK + "])", " ", t)
        t = re.sub("(?<=[" + _CJK + r"])(?=[A-Za-z0-9_(`])", " ", t)
        t = re.sub(r'(?<=[A-Za-z0-9_)`])(<span class="claim")', r" \1", t)
        t = re.sub(
            r'(<span class="fig"[^>]*>[^<]*</span>)(?=<span class="claim")', r"\1 ", t
        )
        parts[i] = t
    return "".join(parts)


def render(section: str, run: dict, lang: str) -> str:
    """The Markdown of one generated section, in ``lang``."""
    text = SECTIONS[section](Page(run, lang))
    return _space_zh(text) if lang == "zh" else text
