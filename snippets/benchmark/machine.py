"""What the benchmark ran on: CPU, the cores this process may use, OS, Python, load.

Beside the machine record, two clocks the disturbance check needs (Linux; None elsewhere):
``cpu_ticks()``, the whole machine's busy and stolen CPU from /proc/stat, and
``tree_cpu()``, the CPU of this process and every process it started (pool workers, a
forkserver and its children, Ray's daemons), so that busy minus ours is what others used.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import sysconfig
import time
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def usable_cores() -> int:
    """Cores this process may run on: affinity mask where the OS has one."""
    if hasattr(os, "process_cpu_count"):  # 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cgroup_cpu_limit() -> float | None:
    """A container's CPU quota in cores (cgroup v2 cpu.max), None when unlimited or absent."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    return int(quota) / int(period)


def parallel_cores(record: dict) -> float:
    """The most cores this run's work can use at once: the usable cores, or a container's
    CPU quota where that is lower (a quota of 1.5 cores lets two workers share 1.5 cores).
    Speedup limits and efficiency are taken against this, whatever number of workers the run
    plans for."""
    quota = record.get("cgroup_cpu_limit")
    usable = record["usable_cores"]
    return min(usable, quota) if quota else usable


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def os_name() -> str:
    """The OS as its release file names it, with the kernel: Debian GNU/Linux 12, Linux 6.1."""
    try:
        release = platform.freedesktop_os_release().get(
            "PRETTY_NAME", platform.system()
        )
        return f"{release}, {platform.system()} {platform.release()}"
    except (OSError, AttributeError):  # no os-release file; or Python < 3.10
        return f"{platform.system()} {platform.release()}"


def summary() -> dict:
    """The short machine record the test suite keeps with its runs."""
    return {
        "os": os_name(),
        "cpu": cpu_model(),
        "cores": usable_cores(),
        "arch": platform.machine(),
    }


def describe() -> dict:
    """The machine record stored with every run."""
    affinity = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    )
    process_cpu_count = (
        os.process_cpu_count() if hasattr(os, "process_cpu_count") else None
    )
    return {
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count(),
        "usable_cores": usable_cores(),
        "sched_getaffinity": affinity,
        "process_cpu_count": process_cpu_count,
        "cgroup_cpu_limit": cgroup_cpu_limit(),
        "os": platform.platform(),
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "build": " ".join(platform.python_build()),
            "compiler": platform.python_compiler(),
            "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
            "executable": sys.executable,
        },
        "start_method": multiprocessing.get_start_method(),
        "start_methods": multiprocessing.get_all_start_methods(),
    }


def cpu_ticks(cpus=None) -> dict | None:
    """CPU seconds so far from /proc/stat (Linux): busy, idle and stolen, all CPUs or only
    ``cpus``.

    ``busy`` is user + nice + system + irq + softirq, whoever used it; ``idle`` is idle +
    iowait; ``steal`` is time a virtual machine's CPUs were ready to run but the host ran
    something else.  With
    ``cpus`` (CPU numbers, e.g. ``os.sched_getaffinity(0)``) only those CPUs' lines are
    added, so a neighbour on a core this process may not use is not counted.  None where
    there is no /proc/stat.
    """
    try:
        lines = Path("/proc/stat").read_text().splitlines()
    except OSError:
        return None
    if cpus is None:
        rows = [line.split() for line in lines[:1]]
        if not rows or rows[0][0] != "cpu":
            return None
    else:
        wanted = {f"cpu{n}" for n in cpus}
        rows = [f for f in (line.split() for line in lines) if f and f[0] in wanted]
        if not rows:
            return None
    hz = os.sysconf("SC_CLK_TCK")
    busy = idle = steal = 0
    for fields in rows:
        ticks = [int(x) for x in fields[1:]]
        user, nice, system, idle_, iowait, irq, softirq = ticks[:7]
        busy += user + nice + system + irq + softirq
        idle += idle_ + iowait
        steal += ticks[7] if len(ticks) > 7 else 0
    return {"busy": busy / hz, "idle": idle / hz, "steal": steal / hz}


def _ticks_of(pid: int) -> tuple[float, float] | None:
    """(own CPU, CPU of its reaped children) of a live process, from /proc/<pid>/stat."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name may hold spaces and parentheses: the fields start after the last ")"
    fields = text[text.rindex(")") + 2 :].split()
    hz = os.sysconf("SC_CLK_TCK")
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return (utime + stime) / hz, (cutime + cstime) / hz


def _children(pid: int) -> list[int]:
    """Live children of a process, whichever of its threads started them."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            found += [
                int(x)
                for x in Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
            ]
        except OSError:
            continue
    return found


def tree_cpu() -> dict | None:
    """CPU seconds used so far by this process and everything it started.

    This process's own CPU and its reaped children come from ``os.times()``; every live
    descendant adds its own CPU and that of the children it reaped (a forkserver reaps
    its pool workers, so they are counted there).  ``processes`` is how many processes
    were read: each /proc value is rounded to a clock tick, so the error grows with it.
    None where there is no /proc (not Linux) or it cannot list a process's children.
    """
    me = os.getpid()
    # without a kernel's /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN) the workers
    # cannot be found: report nothing rather than take their CPU for other processes'
    if not Path(f"/proc/{me}/task/{me}/children").exists():
        return None
    t = os.times()
    total = time.process_time() + t.children_user + t.children_system
    seen, todo = set(), _children(me)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        ticks = _ticks_of(pid)
        if ticks is not None:
            total += ticks[0] + ticks[1]
        todo += _children(pid)
    return {"cpu": total, "processes": 1 + len(seen)}


def speed_probe(loops: int, cpus) -> list[float] | None:
    """Seconds ``work.spin(loops)`` takes on each of ``cpus``, this thread pinned to each in
    turn (its affinity is restored after); None where a thread cannot be pinned.

    The loop's time is how fast that CPU ran it just then.  On a virtual machine it changes
    from one moment to the next while steal stays at zero: the host's other guests share
    the physical core (measured on this project's 2-vCPU machine: the same loop took from
    1.0 to 1.8 ms on one vCPU within ten quiet seconds).
    """
    from .work import spin

    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    times = []
    try:
        for cpu in cpus:
            os.sched_setaffinity(0, {cpu})
            t0 = time.perf_counter()
            spin(loops)
            times.append(time.perf_counter() - t0)
    except OSError:
        return None
    finally:
        os.sched_setaffinity(0, allowed)
    return times


def tick_seconds() -> float:
    """The resolution of /proc's CPU counters (1 / USER_HZ), 0.01 s on most Linux."""
    try:
        return 1 / os.sysconf("SC_CLK_TCK")
    except (AttributeError, ValueError, OSError):
        return 0.01
