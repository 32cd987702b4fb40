"""`python -m bot.tools.bench.idle [MODEL]`: what a pause costs the next message, on this machine.

On some machines of this kind, memory left untouched for a fraction of a second is much slower to reach
again (seen on 2026-11-29 and 2026-11-30 evening, not on 2026-11-30 afternoon): the realistic levels of the
benchmark, where visitors pause 2-6 s, then pay for it on every message. This script tells whether the
machine does it, apart from the assistant, and what it costs the NLU:
- the machine: one value per 4 KiB page of a 400 MB NumPy array read again after pauses of 0 to 4 s;
- the model (optional): one message parsed in-process (with bot.adapters.speedups) after the same pauses, with
  the time of each pipeline component.
Prints figures only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time

PAUSES = (0.0, 0.0, 0.5, 1.0, 2.0, 4.0, 0.0, 2.0)
MESSAGE = "Qui peut en bénéficier ?"


def machine(pauses: tuple[float, ...] = PAUSES, megabytes: int = 400) -> list[tuple[float, float]]:
    """(pause in s, ms to read one value per page of the array again)."""
    import numpy as np

    array = np.ones(megabytes * 2**20 // 8, dtype=np.float64)
    per_page = 4096 // array.itemsize
    float(array[::per_page].sum())
    found = []
    for pause in pauses:
        time.sleep(pause)
        started = time.perf_counter()
        float(array[::per_page].sum())
        found.append((pause, (time.perf_counter() - started) * 1000))
    return found


async def model(path: str, pauses: tuple[float, ...] = PAUSES) -> list[tuple[float, float, dict[str, float]]]:
    """(pause in s, ms to parse MESSAGE, ms per pipeline component)."""
    from bot.adapters import speedups as rasa_speedups

    rasa_speedups.apply()
    from rasa.core.agent import Agent
    from rasa.engine.graph import GraphNode

    components: dict[str, float] = {}
    call = GraphNode.__call__

    def timed(node: GraphNode, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202 (GraphNode's own signature)
        started = time.perf_counter()
        try:
            return call(node, *args, **kwargs)
        finally:
            components[node._node_name.removeprefix("run_")] = (time.perf_counter() - started) * 1000

    GraphNode.__call__ = timed
    agent = Agent.load(path)
    for _ in range(5):
        await agent.parse_message(MESSAGE)
    found = []
    for pause in pauses:
        await asyncio.sleep(pause)
        components.clear()
        started = time.perf_counter()
        await agent.parse_message(MESSAGE)
        found.append((pause, (time.perf_counter() - started) * 1000, dict(components)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.bench.idle", description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", help="a trained model (.tar.gz): also time the NLU after pauses")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    print("machine: one value per page of a 400 MB array, read again after a pause")
    for pause, ms in machine():
        print(f"  pause {pause:3.1f} s: {ms:7.1f} ms")
    if args.model:
        logging.disable(logging.WARNING)
        print(f"model: {MESSAGE!r} parsed after a pause (the slowest components)")
        for pause, ms, parts in asyncio.run(model(args.model)):
            slowest = sorted(parts.items(), key=lambda item: -item[1])[:4]
            print(f"  pause {pause:3.1f} s: {ms:7.1f} ms   " + "  ".join(f"{name} {t:.1f}" for name, t in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
