"""`python -m bot.tools.bench` (make bench): the assistant under load, ours vs Rasa's default set-up.

A benchmark, not a test: it prints figures and writes results/bench/results.json and latency.png.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psutil

from bot.tools.bench import report
from bot.tools.bench.load import MODES, REALISTIC, SATURATION, console_progress, run_level_sync
from bot.tools.bench.memory import MemorySampler
from bot.tools.bench.setups import OURS, STOCK, SetUp, default_model, running, training_times
from bot.tools.bench.stats import level_figures
from bot.tools.serve import Performance
from bot.adapters.training import ROOT, model_path

LEVELS = (1, 5, 20, 50)
SECONDS = {SATURATION: 15.0, REALISTIC: 45.0}  # a full run: about 15 minutes on 2 cores
QUICK_SECONDS = {SATURATION: 8.0, REALISTIC: 20.0}
WARM_UP_VISITORS, WARM_UP_SECONDS = 2, 6.0


def floor(model: Path, rounds: int, with_spacy: bool) -> dict | None:
    """The NLU parse alone (and spaCy alone) in a separate process; None if it failed."""
    command = [sys.executable, "-m", "bot.tools.bench.floor", str(model), "--rounds", str(rounds)]
    result = subprocess.run(command + (["--spacy"] if with_spacy else []), cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-FLOOR "):
            return json.loads(line[len("BENCH-FLOOR "):])
    print(f"    floor measurement failed:\n{result.stderr[-2000:]}", file=sys.stderr)
    return None


def measure(setup: SetUp, levels: list[int], modes: list[str], seconds: dict[str, float], seed: int,
            work: Path) -> dict:
    """Start the set-up, warm it up, then run every level; returns its part of the results."""
    print(f"==> {setup.name}: starting the servers ({setup.performance.workers} worker(s), "
          f"{setup.performance.lock_store} locks)", flush=True)
    with running(setup, work) as servers:
        print(f"    first answer after {servers.cold_start['first_answer_s']} s, all workers ready after "
              f"{servers.cold_start['all_workers_ready_s']} s", flush=True)
        # Unmeasured warm-up: TensorFlow builds its graphs on each worker's first predictions.
        run_level_sync(servers.url, WARM_UP_VISITORS * setup.performance.workers, SATURATION, WARM_UP_SECONDS,
                       seed + 1, f"{setup.name}-warm")
        measured = []
        for mode in modes:
            for visitors in levels:
                label = f"{setup.name} {mode} {visitors} visitor(s)"
                pids = {"rasa": servers.rasa.process.pid, "actions": servers.actions.process.pid}
                with MemorySampler(pids) as memory:
                    run = run_level_sync(servers.url, visitors, mode, seconds[mode], seed, setup.name,
                                         console_progress(label, seconds[mode]))
                figures = level_figures(run.latencies_ms, run.error_count, run.off_script, run.seconds)
                measured.append({"mode": mode, "visitors": visitors, **figures.as_dict(),
                                 "conversations": run.conversations, "errors_by_kind": run.errors,
                                 "memory": memory.as_dict(figures.messages)})
                cpu = measured[-1]["memory"]
                print(f"\r    {label:<34} {figures.messages:6d} answers  {figures.messages_per_s:6.1f}/s  "
                      f"p50 {figures.p50_ms:7.1f}  p95 {figures.p95_ms:7.1f}  p99 {figures.p99_ms:7.1f} ms  "
                      f"errors {figures.errors}  off script {figures.off_script}  CPU/answer: rasa "
                      f"{cpu['rasa']['cpu_ms_per_message']} ms, actions {cpu['actions']['cpu_ms_per_message']} ms"
                      + " " * 10, flush=True)
    return {"settings": setup.describe(), "cold_start": servers.cold_start, "levels": measured}


def ours_performance(args: argparse.Namespace) -> Performance:
    performance = OURS
    if args.workers:
        performance = replace(performance, workers=args.workers)
    if args.lock_store:
        performance = replace(performance, lock_store=args.lock_store)
    if args.threads:
        performance = replace(performance, threads=args.threads)
    if performance.workers > 1 and performance.lock_store == "redis":
        try:
            performance.check_redis()
        except RuntimeError as error:
            print(f"warning: {error}; ours runs with one worker and in-memory locks", file=sys.stderr)
            performance = replace(performance, workers=1, lock_store="memory")
    performance.validate()
    return performance


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="concurrent visitors, e.g. 1,5")
    parser.add_argument("--modes", default=",".join(MODES), help="saturation,realistic")
    parser.add_argument("--quick", action="store_true",
                        help=f"short levels ({QUICK_SECONDS[SATURATION]:.0f} s saturated, "
                             f"{QUICK_SECONDS[REALISTIC]:.0f} s realistic), no training times")
    parser.add_argument("--saturation-seconds", type=float)
    parser.add_argument("--realistic-seconds", type=float)
    parser.add_argument("--skip-default", action="store_true", help="only our set-up")
    parser.add_argument("--skip-ours", action="store_true", help="only the default set-up")
    parser.add_argument("--skip-training", action="store_true", help="no full / no-change training times")
    parser.add_argument("--skip-floor", action="store_true", help="no NLU-alone / spaCy-alone timing")
    parser.add_argument("--workers", type=int, help=f"Rasa workers for ours (default {OURS.workers})")
    parser.add_argument("--lock-store", choices=("memory", "redis"), help=f"ours (default {OURS.lock_store})")
    parser.add_argument("--threads", type=int, help=f"TensorFlow/BLAS threads per worker (default {OURS.threads})")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "bench")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    levels = [int(v) for v in args.levels.split(",") if v.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if unknown := set(modes) - set(MODES):
        raise SystemExit(f"unknown mode(s): {', '.join(sorted(unknown))}")
    seconds = dict(QUICK_SECONDS if args.quick else SECONDS)
    seconds[SATURATION] = args.saturation_seconds or seconds[SATURATION]
    seconds[REALISTIC] = args.realistic_seconds or seconds[REALISTIC]
    results: dict = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                    "load_before": " ".join(f"{v:.2f}" for v in os.getloadavg())},
        "options": {"levels": levels, "modes": modes, "seconds": seconds, "seed": args.seed, "quick": args.quick},
        "setups": {},
    }
    setups = []
    if not args.skip_ours:
        setups.append(SetUp("ours", model_path(), ours_performance(args)))
    if not args.skip_default:
        model, trained_in = default_model()
        if trained_in is not None:
            print(f"    default-recipe model trained in {trained_in:.0f} s", flush=True)
        setups.append(SetUp("default", model, STOCK, stock_rasa=True))

    with tempfile.TemporaryDirectory(prefix="vae-bench-") as work:
        for setup in setups:
            part: dict = {}
            if not args.skip_floor:
                print(f"==> {setup.name}: the floor (NLU parse alone, spaCy alone), in-process", flush=True)
                part["floor"] = floor(setup.model, rounds=2 if args.quick else 3, with_spacy=setup.name == "ours")
            part.update(measure(setup, levels, modes, seconds, args.seed, Path(work)))
            results["setups"][setup.name] = part
    if not (args.quick or args.skip_training):
        results["training"] = training_times()
    results["machine"]["load_after"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    results["comparison"] = report.comparison(results)
    results["targets"] = report.targets(results)
    path = report.write_json(results, args.out)
    picture = report.plot(results, args.out)
    print("\n" + report.summary(results))
    print(f"\nresults: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
          + (f", plot: {picture.relative_to(ROOT) if picture.is_relative_to(ROOT) else picture}" if picture else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
