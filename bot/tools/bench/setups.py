"""The two set-ups under load, their models, and the training times.

- ours: models/vae.tar.gz (config.yml), served with the settings named in OURS (several Sanic workers, Redis
  locks, threads per worker), as `VAE_WORKERS=2 VAE_LOCK_STORE=redis python -m bot serve` would;
- default: the same data trained with config.default.yml (Rasa's default recipe), served like a stock set-up:
  plain `rasa run` (without bot.adapters.speedups), one Sanic worker, in-memory lock store, Rasa's thread defaults.
Everything else is the same for both: our REST channel, the action server, the SQLite conversation store.
The default model is trained in a copy of the project under /tmp and cached in var/bench/ by fingerprint.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from bot.tools.serve import Performance, ServerProcess, action_server, endpoints_yaml, rasa_server
from bot.adapters.training import ROOT, fingerprint

CACHE = ROOT / "var" / "bench"
COPY_IGNORED = (".venv", ".git", "models", "var", "results", ".rasa", ".pytest_cache", ".hypothesis", "__pycache__")
READY_LINE = b"Rasa server is up and running"
# The settings the figures of "ours" are measured with (see README, Performance).
OURS = Performance(workers=2, lock_store="redis", threads=1)
STOCK = Performance()  # one worker, in-memory locks, Rasa's thread defaults


@dataclass
class SetUp:
    name: str
    model: Path
    performance: Performance
    stock_rasa: bool = False  # plain `python -m rasa run`, without bot.adapters.speedups

    def describe(self) -> dict:
        p = self.performance
        return {"model": str(self.model.relative_to(ROOT)) if self.model.is_relative_to(ROOT) else str(self.model),
                "workers": p.workers, "lock_store": p.lock_store, "rasa_speedups": not self.stock_rasa,
                "environment": p.rasa_env()}


@dataclass
class Running:
    url: str
    rasa: ServerProcess
    actions: ServerProcess
    cold_start: dict = field(default_factory=dict)


def copy_project(target: Path) -> Path:
    """A copy of what training reads (and the code), without venv, models, caches or local data."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*COPY_IGNORED), symlinks=True)
    (target / "models").mkdir(exist_ok=True)
    return target


def train_in(copy: Path, config: str, name: str) -> float:
    """Train with `rasa train` in `copy`; returns the wall time in seconds."""
    command = [sys.executable, "-m", "rasa", "train", "--config", config, "--domain", "domain.yml", "--data", "data",
               "--out", "models", "--fixed-model-name", name]
    started = time.perf_counter()
    with open(copy / f"train-{name}.log", "wb") as log:
        subprocess.run(command, cwd=copy, check=True, stdout=log, stderr=subprocess.STDOUT)
    return time.perf_counter() - started


def default_model(progress: bool = True) -> tuple[Path, float | None]:
    """The model trained with config.default.yml, from the cache when its inputs have not changed.

    Returns the model and the training time in seconds (None when it came from the cache).
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    model, stamp = CACHE / "default.tar.gz", CACHE / "default.fingerprint"
    current = fingerprint(ROOT, "config.default.yml")
    if model.exists() and stamp.exists() and stamp.read_text() == current:
        return model, None
    if progress:
        print("==> training the default-recipe model (config.default.yml) in a /tmp copy, once; cached in var/bench/",
              flush=True)
    with tempfile.TemporaryDirectory(prefix="vae-bench-default-") as work:
        copy = copy_project(Path(work) / "project")
        seconds = train_in(copy, "config.default.yml", "default")
        shutil.copyfile(copy / "models" / "default.tar.gz", model)
    stamp.write_text(current)
    return model, seconds


def training_times(progress: bool = True) -> dict:
    """Full training of our model in a fresh copy (no Rasa cache), then `python -m bot train` and
    `rasa train` again with nothing changed."""
    with tempfile.TemporaryDirectory(prefix="vae-bench-train-") as work:
        copy = copy_project(Path(work) / "project")
        if progress:
            print("==> full training of our model (config.yml) in a /tmp copy, no cache", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "train"], cwd=copy, check=True, capture_output=True)
        full = time.perf_counter() - started
        if progress:
            print(f"    {full:.0f} s; now again with nothing changed", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "train"], cwd=copy, check=True, capture_output=True)
        ours_unchanged = time.perf_counter() - started
        rasa_unchanged = train_in(copy, "config.yml", "vae")
    return {"full_s": round(full, 1), "no_change_bot_train_s": round(ours_unchanged, 2),
            "no_change_rasa_train_s": round(rasa_unchanged, 1)}


def _answer(url: str, sender: str, text: str = "Bonjour", timeout: float = 30) -> bool:
    request = urllib.request.Request(url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status == 200 and bool(json.loads(reply.read()))
    except (OSError, ValueError):
        return False


def _tail(log: Path, chars: int = 3000) -> str:
    """The end of a server's log, to say why it did not start."""
    try:
        return log.read_bytes()[-chars:].decode(errors="replace")
    except OSError:
        return f"(no log at {log})"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(setup: SetUp, work: Path, timeout: float = 900) -> Iterator[Running]:
    """Start the action server and the Rasa server for `setup`; measure the cold start.

    Cold start: from the start command to the first answer to "Bonjour", and until every worker has loaded
    its model (the log line each worker writes).
    """
    actions_port, rasa_port = _free_port(), _free_port()
    endpoints = work / f"endpoints-{setup.name}.yml"
    # The default set-up sends the whole domain with every action call, as Rasa does unless told otherwise.
    endpoints.write_text(endpoints_yaml(actions_port, f"sqlite:///{work / setup.name}.db",
                                        selective_domain=not setup.stock_rasa))
    log_path = work / f"rasa-{setup.name}.log"
    logs = [open(work / f"actions-{setup.name}.log", "wb"), open(log_path, "wb")]
    env = {"TF_CPP_MIN_LOG_LEVEL": "3"}
    rasa = rasa_server(rasa_port, endpoints=endpoints, env=env, log=logs[1], model=setup.model,
                       performance=setup.performance)
    if setup.stock_rasa:
        rasa.command = [sys.executable, "-m", "rasa", *rasa.command[rasa.command.index("run"):]]
    actions = action_server(actions_port, log=logs[0])
    url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    started = time.perf_counter()
    servers = [actions, rasa]
    try:
        for server in servers:
            server.start()
        first_answer = all_workers = None
        deadline = started + timeout
        while all_workers is None:
            for server in servers:
                if server.process.poll() is not None:
                    raise RuntimeError(f"{server.name} server exited with code {server.process.returncode}:\n"
                                       + _tail(log_path))
            if time.perf_counter() > deadline:
                raise TimeoutError(f"the {setup.name} set-up did not start within {timeout:.0f} s:\n" + _tail(log_path))
            if first_answer is None and rasa.is_ready() and _answer(url, f"bench-cold-{setup.name}"):
                first_answer = time.perf_counter() - started
            if first_answer is not None and log_path.read_bytes().count(READY_LINE) >= setup.performance.workers:
                all_workers = time.perf_counter() - started
            time.sleep(0.25)
        yield Running(url, rasa, actions, {"first_answer_s": round(first_answer, 1),
                                           "all_workers_ready_s": round(all_workers, 1)})
    finally:
        for server in reversed(servers):
            server.stop()
        for log in logs:
            log.close()
