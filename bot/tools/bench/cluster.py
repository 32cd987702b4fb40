"""`python -m bot bench --cluster` (make bench-cluster): the standard topology under load.

Saturated visitors (bot.tools.bench.load, no pause) through HAProxy with 1 and 2 Rasa servers (2 action
servers, PostgreSQL store in a fresh database dropped afterwards, Redis locks), and HAProxy's own cost: the
same load sent straight to the single Rasa server of the 1-server cluster. Prints throughput, p50/p95, errors,
each Rasa server's peak memory and CPU per message; writes results/bench/cluster.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import sqlalchemy as sa

from bot.tools.bench.load import SATURATION, console_progress, run_level_sync
from bot.tools.bench.memory import MemorySampler
from bot.tools.bench.stats import level_figures
from bot.tools.cluster import Topology, running_cluster
from bot.adapters.training import ROOT, ensure_model

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
SERVERS = (1, 2)
LEVELS = (20, 50)
SECONDS = 15.0
WARM_UP_SECONDS = 6.0


def fresh_database(server: str = POSTGRES_SERVER) -> tuple[str, callable]:
    """A new database on the machine's PostgreSQL, and the function that drops it."""
    name = f"vae_bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    return server.rsplit("/", 1)[0] + f"/{name}", drop


def level(label: str, url: str, visitors: int, seconds: float, seed: int, pids: dict[str, int]) -> dict:
    with MemorySampler(pids) as memory:
        run = run_level_sync(url, visitors, SATURATION, seconds, seed, label.replace(" ", "-"),
                             console_progress(label, seconds))
    figures = level_figures(run.latencies_ms, run.error_count, run.off_script, run.seconds)
    result = {"label": label, "visitors": visitors, **figures.as_dict(), "memory": memory.as_dict(figures.messages)}
    print(f"\r    {label:<34} {figures.messages_per_s:6.1f} msg/s  p50 {figures.p50_ms:7.1f}  p95 {figures.p95_ms:7.1f} ms  "
          f"errors {figures.errors}" + " " * 30, flush=True)
    return result


def measure(servers: int, levels: list[int], seconds: float, seed: int, database_url: str, work: Path,
            direct: bool) -> dict:
    topology = Topology.standard(servers, 2, database_url=database_url)
    print(f"==> {servers} Rasa server(s), 2 action servers, HAProxy on :{topology.public_port}", flush=True)
    with running_cluster(topology, work / f"cluster-{servers}", env={"VAE_REFERENCE_DATE": "2025-06-26"}) as cluster:
        pids = {s.name: s.process.pid for s in [*cluster.rasa, *cluster.actions, cluster.balancer]}
        run_level_sync(cluster.rest, 2 * servers, SATURATION, WARM_UP_SECONDS, seed + 1, f"warm{servers}")
        results = []
        rasa = f"http://127.0.0.1:{topology.rasa_ports[0]}/webhooks/rest/webhook"
        for v in levels:
            results.append(level(f"{servers} server(s) via HAProxy, {v}", cluster.rest, v, seconds, seed, pids))
            if direct:  # right after, so that the machine's other load drifts as little as possible between them
                results.append(dict(level(f"{servers} server(s) direct, {v}", rasa, v, seconds, seed, pids),
                                    direct=True))
    return {"servers": servers, "levels": results}


def summary(results: dict) -> str:
    lines = ["| set-up | visitors | msg/s | p50 ms | p95 ms | errors |", "| --- | --- | --- | --- | --- | --- |"]
    for part in results["runs"]:
        for row in part["levels"]:
            lines.append(f"| {row['label'].rsplit(',', 1)[0]} | {row['visitors']} | {row['messages_per_s']:.1f} | "
                         f"{row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['errors']} |")
    memory = [f"{name} {figures['rss_total_mb']:.0f} MB" for part in results["runs"]
              for name, figures in part["levels"][-1]["memory"].items()]
    return "\n".join(lines) + "\n\npeak memory (last level of each run): " + ", ".join(memory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot bench --cluster", description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default=",".join(map(str, SERVERS)), help="Rasa servers per run, e.g. 1,2")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="visitors at once, e.g. 20,50")
    parser.add_argument("--seconds", type=float, default=SECONDS, help="seconds per level")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "bench")
    args = parser.parse_args(argv)
    ensure_model()
    servers = [int(v) for v in args.servers.split(",") if v.strip()]
    levels = [int(v) for v in args.levels.split(",") if v.strip()]
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
               "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                           "load_before": " ".join(f"{v:.2f}" for v in os.getloadavg())},
               "options": {"servers": servers, "levels": levels, "seconds": args.seconds}, "runs": []}
    database_url, drop = fresh_database()
    try:
        with tempfile.TemporaryDirectory(prefix="vae-bench-cluster-") as work:
            for count in servers:
                results["runs"].append(measure(count, levels, args.seconds, args.seed, database_url, Path(work),
                                               direct=count == 1))
    finally:
        drop()
    results["machine"]["load_after"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "cluster.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print("\n" + summary(results) + f"\n\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
