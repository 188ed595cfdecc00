"""What the benchmark ran on: CPU, the cores this process may use, OS, Python, load."""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import sysconfig
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


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def os_name() -> str:
    """The OS as its release file names it, with the kernel: Debian GNU/Linux 12, Linux 6.1."""
    try:
        release = platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
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


def cpu_ticks() -> dict | None:
    """Machine-wide CPU seconds so far from /proc/stat (Linux): busy, idle and stolen.

    ``busy`` is user + nice + system + irq + softirq over all CPUs, whoever used it;
    ``idle`` is idle + iowait; ``steal`` is time a virtual machine's CPUs were ready to run
    but the host ran something else.  None where there is no /proc/stat.
    """
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return None
    if fields[0] != "cpu":
        return None
    ticks = [int(x) for x in fields[1:]]
    hz = os.sysconf("SC_CLK_TCK")
    user, nice, system, idle, iowait, irq, softirq = ticks[:7]
    steal = ticks[7] if len(ticks) > 7 else 0
    return {
        "busy": (user + nice + system + irq + softirq) / hz,
        "idle": (idle + iowait) / hz,
        "steal": steal / hz,
    }
