"""Resident memory of a server and its worker processes, sampled in the background while a level runs, and the
CPU time they used (a figure much less sensitive than latency to other work on the machine)."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import psutil

MB = 1024 * 1024


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants (Sanic workers, multiprocessing helpers)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def rss_by_process(pid: int) -> dict[int, int]:
    """Resident bytes of each live process of the tree."""
    sizes = {}
    for process in tree(pid):
        try:
            sizes[process.pid] = process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return sizes


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by the live processes of the tree."""
    total = 0.0
    for process in tree(pid):
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += times.user + times.system
    return total


@dataclass
class MemoryPeak:
    """Largest readings seen: the whole tree (RSS summed: shared pages count once per process) and the
    largest single process (a Rasa worker holds its own model)."""

    total_mb: float = 0.0
    largest_process_mb: float = 0.0
    processes: int = 0

    def add(self, sizes: dict[int, int]) -> None:
        self.total_mb = max(self.total_mb, sum(sizes.values()) / MB)
        self.largest_process_mb = max(self.largest_process_mb, max(sizes.values(), default=0) / MB)
        self.processes = max(self.processes, len(sizes))

    def as_dict(self) -> dict:
        return {"rss_total_mb": round(self.total_mb, 1), "rss_largest_process_mb": round(self.largest_process_mb, 1),
                "processes": self.processes}


@dataclass
class MemorySampler:
    """Samples the trees of the given root pids every `interval` seconds until stopped."""

    pids: dict[str, int]
    interval: float = 1.0
    peaks: dict[str, MemoryPeak] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.peaks = {name: MemoryPeak() for name in self.pids}
        self.cpu: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> None:
        for name, pid in self.pids.items():
            self.peaks[name].add(rss_by_process(pid))

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "MemorySampler":
        self.sample()
        self.cpu = {name: -cpu_seconds(pid) for name, pid in self.pids.items()}
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
        self.cpu = {name: start + cpu_seconds(self.pids[name]) for name, start in self.cpu.items()}

    def as_dict(self, messages: int = 0) -> dict:
        """Peaks per server, and CPU milliseconds per answered message when `messages` is given."""
        return {name: {**peak.as_dict(), "cpu_s": round(self.cpu.get(name, 0.0), 2),
                       "cpu_ms_per_message": round(1000 * self.cpu.get(name, 0.0) / messages, 1) if messages else None}
                for name, peak in self.peaks.items()}
