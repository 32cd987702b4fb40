"""The benchmark's results: comparison ours/default, the issue's targets, JSON, a plot, a one-screen summary."""
from __future__ import annotations

import json
from pathlib import Path

from bot.tools.bench.stats import ratio

# The targets of issue 8 on the 2-core machine: (name, how to read it from the results, comparison, bound).
REALISTIC_P95_MS = 80.0
SATURATION_THROUGHPUT_RATIO = 2.0
ONE_VISITOR_P50_MS = 25.0
WORKER_RSS_MB = 2.5 * 1024
COLD_START_S = 40.0
FULL_TRAINING_S = 300.0
NO_CHANGE_TRAINING_S = 20.0


def level(results: dict, setup: str, mode: str, visitors: int) -> dict | None:
    for item in results.get("setups", {}).get(setup, {}).get("levels", []):
        if item["mode"] == mode and item["visitors"] == visitors:
            return item
    return None


def comparison(results: dict) -> list[dict]:
    """ours/default for every level both set-ups ran: throughput (higher is better) and p95 (lower is better)."""
    rows = []
    for ours in results.get("setups", {}).get("ours", {}).get("levels", []):
        default = level(results, "default", ours["mode"], ours["visitors"])
        if default is None:
            continue
        rows.append({
            "mode": ours["mode"], "visitors": ours["visitors"],
            "throughput_ratio": ratio(ours["messages_per_s"], default["messages_per_s"]),
            "p95_ratio": ratio(ours["p95_ms"], default["p95_ms"]),
        })
    return rows


def _target(name: str, value: float | None, bound: float, higher_is_better: bool = False, unit: str = "") -> dict:
    met = None if value is None else (value >= bound if higher_is_better else value <= bound)
    return {"target": name, "value": None if value is None else round(value, 2), "bound": bound,
            "unit": unit, "met": met}


def targets(results: dict) -> list[dict]:
    """The issue's targets for our set-up, with the measured value (None: not measured in this run)."""
    rows = []
    realistic = level(results, "ours", "realistic", 50)
    rows.append(_target("realistic, 50 visitors: p95", realistic and realistic["p95_ms"], REALISTIC_P95_MS,
                        unit="ms"))
    rows.append(_target("realistic, 50 visitors: errors", realistic and realistic["errors"], 0))
    saturation = level(results, "ours", "saturation", 20)
    saturation_default = level(results, "default", "saturation", 20)
    rows.append(_target("saturation, 20 visitors: throughput / default",
                        saturation and saturation_default and ratio(saturation["messages_per_s"],
                                                                    saturation_default["messages_per_s"]),
                        SATURATION_THROUGHPUT_RATIO, higher_is_better=True, unit="x"))
    rows.append(_target("saturation, 20 visitors: errors", saturation and saturation["errors"], 0))
    single = level(results, "ours", "saturation", 1)
    rows.append(_target("1 visitor: p50", single and single["p50_ms"], ONE_VISITOR_P50_MS, unit="ms"))
    ours = results.get("setups", {}).get("ours", {})
    worker_peaks = [item["memory"]["rasa"]["rss_largest_process_mb"] for item in ours.get("levels", [])]
    rows.append(_target("RSS per Rasa worker", max(worker_peaks) if worker_peaks else None, WORKER_RSS_MB, unit="MB"))
    rows.append(_target("cold start (all workers ready)", ours.get("cold_start", {}).get("all_workers_ready_s"),
                        COLD_START_S, unit="s"))
    training = results.get("training") or {}
    rows.append(_target("full training", training.get("full_s"), FULL_TRAINING_S, unit="s"))
    rows.append(_target("no-change retraining (make train)", training.get("no_change_bot_train_s"),
                        NO_CHANGE_TRAINING_S, unit="s"))
    return rows


def write_json(results: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "results.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return path


def plot(results: dict, folder: Path) -> Path | None:
    """latency p95 by concurrency for both set-ups (realistic and saturation), and saturation throughput."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    setups = results.get("setups", {})
    if not setups:
        return None
    figure, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    panels = [("realistic", "p95_ms", "p95 latency, visitors pausing 2–6 s (ms)"),
              ("saturation", "p95_ms", "p95 latency, no pauses (ms)"),
              ("saturation", "messages_per_s", "throughput, no pauses (messages/s)")]
    styles = {"ours": {"color": "#1d4f91", "marker": "o"}, "default": {"color": "#b34a00", "marker": "s"}}
    for axis, (mode, key, title) in zip(axes, panels):
        for name, setup in setups.items():
            points = sorted((item["visitors"], item[key]) for item in setup.get("levels", [])
                            if item["mode"] == mode and item[key] is not None)
            if points:
                axis.plot(*zip(*points), label=name, **styles.get(name, {}))
        if key == "p95_ms" and mode == "realistic":
            axis.axhline(REALISTIC_P95_MS, color="grey", linestyle="--", linewidth=1, label="target 80 ms")
        axis.set_xscale("log")
        axis.set_xticks([1, 5, 20, 50])
        axis.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
        if key == "p95_ms":
            axis.set_yscale("log")
        else:
            axis.set_ylim(bottom=0)
        axis.set_xlabel("concurrent visitors")
        axis.set_title(title, fontsize=10)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    figure.suptitle(f"VAE inversée assistant under load — {results.get('started', '')}", fontsize=11)
    figure.tight_layout()
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / "latency.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def summary(results: dict) -> str:
    """One screen: per set-up and level, the ratios, the floor, cold start, training, the targets."""
    lines = [f"Benchmark {results.get('started', '')}  (load before: {results.get('machine', {}).get('load_before')})"]
    for name, setup in results.get("setups", {}).items():
        settings = setup.get("settings", {})
        lines.append(f"\n{name}: {settings.get('workers')} worker(s), {settings.get('lock_store')} locks; cold start "
                     f"{_fmt(setup.get('cold_start', {}).get('first_answer_s'), 1)} s to the first answer, "
                     f"{_fmt(setup.get('cold_start', {}).get('all_workers_ready_s'), 1)} s all workers")
        floor = setup.get("floor") or {}
        if floor:
            spacy = floor.get("spacy") or {}
            lines.append(f"  floor: NLU parse p50 {_fmt(floor['nlu_parse']['p50_ms'], 1)} ms, p95 "
                         f"{_fmt(floor['nlu_parse']['p95_ms'], 1)} ms; spaCy alone p50 {_fmt(spacy.get('p50_ms'), 1)} ms")
        lines.append(f"  {'mode':<11}{'visitors':>9}{'answers':>9}{'msg/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
                     f"{'errors':>8}{'rasa MB':>9}{'worker MB':>10}{'actions MB':>11}{'CPU ms/msg':>11}")
        for item in setup.get("levels", []):
            memory = item["memory"]
            lines.append(f"  {item['mode']:<11}{item['visitors']:>9}{item['messages']:>9}"
                         f"{_fmt(item['messages_per_s'], 1):>8}{_fmt(item['p50_ms']):>8}{_fmt(item['p95_ms']):>8}"
                         f"{_fmt(item['p99_ms']):>8}{item['errors']:>8}{_fmt(memory['rasa']['rss_total_mb']):>9}"
                         f"{_fmt(memory['rasa']['rss_largest_process_mb']):>10}"
                         f"{_fmt(memory['actions']['rss_total_mb']):>11}"
                         f"{_fmt(memory['rasa'].get('cpu_ms_per_message'), 1):>11}")
    rows = results.get("comparison") or []
    if rows:
        lines.append("\nours / default   " + "   ".join(
            f"{r['mode'][:4]} {r['visitors']}: throughput x{_fmt(r['throughput_ratio'], 2)}, "
            f"p95 x{_fmt(r['p95_ratio'], 2)}" for r in rows[:4]))
        for start in range(4, len(rows), 4):
            lines.append("                 " + "   ".join(
                f"{r['mode'][:4]} {r['visitors']}: throughput x{_fmt(r['throughput_ratio'], 2)}, "
                f"p95 x{_fmt(r['p95_ratio'], 2)}" for r in rows[start:start + 4]))
    training = results.get("training")
    if training:
        lines.append(f"\ntraining: full {_fmt(training.get('full_s'))} s; nothing changed: make train "
                     f"{_fmt(training.get('no_change_bot_train_s'), 1)} s, rasa train "
                     f"{_fmt(training.get('no_change_rasa_train_s'))} s")
    lines.append("\ntargets (ours):")
    for row in results.get("targets", []):
        verdict = {True: "met", False: "MISSED", None: "not measured"}[row["met"]]
        lines.append(f"  {row['target']:<44} {_fmt(row['value'], 1):>8} {row['unit']:<3} "
                     f"(bound {row['bound']:g})  {verdict}")
    return "\n".join(lines)
