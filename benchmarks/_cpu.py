"""CPU time of this process and of its jsii kernel (the Node.js child process), for figures
that machine load distorts less than wall time: on a shared machine a run's wall time also
counts the time other processes hold the CPU, its CPU time does not."""

from __future__ import annotations

import os
import time
from pathlib import Path


def _node_pid() -> int | None:
    from jsii._runtime import kernel

    try:
        return int(kernel.provider._process._process.pid)  # type: ignore[attr-defined]
    except AttributeError:
        return None


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of the jsii kernel so far (the kernel's
    only where /proc exists, i.e. on Linux)."""
    total = time.process_time()
    pid = _node_pid()
    stat = Path(f"/proc/{pid}/stat")
    if pid is not None and stat.exists():
        fields = stat.read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
