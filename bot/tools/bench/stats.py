"""Figures from latency samples and memory readings (pure, no I/O)."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Iterable, Sequence


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The `fraction` percentile (0..1) by the nearest-rank method; NaN for no sample.

    Nearest rank (the smallest value with at least `fraction` of the samples at or below it) is what load
    testers report: p95 of 20 samples is the 19th value, never an interpolation between two requests.
    """
    if not samples:
        return math.nan
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be within 0..1, got {fraction}")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class LevelFigures:
    """What one load level measured; latencies in milliseconds."""

    messages: int
    errors: int
    off_script: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    messages_per_s: float

    def as_dict(self) -> dict:
        return {key: (None if isinstance(value, float) and math.isnan(value) else value)
                for key, value in asdict(self).items()}


def level_figures(latencies_ms: Sequence[float], errors: int, off_script: int, seconds: float) -> LevelFigures:
    """Percentiles of the answered messages, and throughput over the level's wall time."""
    return LevelFigures(
        messages=len(latencies_ms),
        errors=errors,
        off_script=off_script,
        seconds=seconds,
        p50_ms=percentile(latencies_ms, 0.50),
        p95_ms=percentile(latencies_ms, 0.95),
        p99_ms=percentile(latencies_ms, 0.99),
        max_ms=max(latencies_ms) if latencies_ms else math.nan,
        messages_per_s=len(latencies_ms) / seconds if seconds > 0 else math.nan,
    )


def ratio(ours: float | None, default: float | None) -> float | None:
    """ours / default, or None when either is missing or the default is zero."""
    if ours is None or default is None or default == 0 or math.isnan(ours) or math.isnan(default):
        return None
    return ours / default


def summarise_floor(samples_ms: Iterable[float]) -> dict:
    """p50/p95/mean of an in-process timing (the NLU parse or spaCy alone)."""
    values = list(samples_ms)
    return {
        "samples": len(values),
        "p50_ms": percentile(values, 0.50),
        "p95_ms": percentile(values, 0.95),
        "mean_ms": sum(values) / len(values) if values else math.nan,
    }
