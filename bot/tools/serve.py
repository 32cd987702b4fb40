"""Start and stop the servers that make up the assistant: the action server and the Rasa server.

Used by `python -m bot serve` (make run) and by the end-to-end tests, so that both run exactly the same
commands. Each server is a child process; stopping sends SIGTERM, then SIGKILL after a grace period.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bot.adapters.training import ROOT, model_path
from bot.tools.processes import ServerProcess

DEFAULT_CORS_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")


def cors_origins() -> tuple[str, ...]:
    """Origins allowed to call the bot from a browser: VAE_CORS_ORIGINS (space or comma separated) or the demo page."""
    configured = os.environ.get("VAE_CORS_ORIGINS", "").replace(",", " ").split()
    return tuple(configured) or DEFAULT_CORS_ORIGINS


# --- Rasa's HTTP API ---------------------------------------------------------------------
# Off by default: only the channels (/webhooks/...) are served. VAE_API_TOKEN=<secret> turns it on, every call
# then needs ?token=<secret>. Rasa only takes the token on its command line, where any local user can read it
# (ps), so with a token Rasa is started through this snippet, which reads it from the environment.
API_TOKEN_ENV = "VAE_API_TOKEN"
RASA_RUN_WITH_API_TOKEN = (
    "import os, sys; from bot.adapters.speedups import main; "
    f"sys.argv = ['rasa', *sys.argv[1:], '--enable-api', '--auth-token', os.environ['{API_TOKEN_ENV}']]; main()"
)


def rasa_launcher(environ: dict[str, str]) -> list[str]:
    """The start of the command that runs Rasa: plain `python -m rasa`, or with the API on behind a token."""
    if environ.get(API_TOKEN_ENV, "").strip():
        return [sys.executable, "-c", RASA_RUN_WITH_API_TOKEN]
    return [sys.executable, "-m", "bot.adapters.speedups"]  # `python -m rasa` with the speed-ups
# --- end of Rasa's HTTP API options ------------------------------------------------------------------------


def action_server(port: int = 5055, env: dict[str, str] | None = None, log: IO[bytes] | None = None) -> ServerProcess:
    """The rasa_sdk action server, bound to localhost only."""
    return ServerProcess(
        name="actions",
        command=[sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        ready_url=f"http://127.0.0.1:{port}/health",
        env={"SANIC_HOST": "127.0.0.1", **(env or {})},
        log=log,
    )


# --- Serving performance options (workers, lock store, threads) -----------------------------------
# Read from the environment of `python -m bot serve` (and of the tests' and the benchmark's servers):
#   VAE_WORKERS=2          Sanic worker processes, each with its own copy of the model (default 1)
#   VAE_LOCK_STORE=redis   per-conversation locks in Redis, required by more than one worker (default: memory)
#   VAE_REDIS_URL=redis://127.0.0.1:6379/1   where that Redis is (password as redis://:secret@host:port/db)
#   VAE_TF_THREADS=1       TensorFlow and BLAS threads per worker (default: the cores shared among the workers)
WORKERS_ENV, LOCK_STORE_ENV, REDIS_URL_ENV, THREADS_ENV = "VAE_WORKERS", "VAE_LOCK_STORE", "VAE_REDIS_URL", "VAE_TF_THREADS"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
LOCK_STORES = ("memory", "redis")


@dataclass(frozen=True)
class Performance:
    """How the Rasa server uses the machine: worker processes, where locks live, threads per worker."""

    workers: int = 1
    lock_store: str = "memory"
    redis_url: str = DEFAULT_REDIS_URL
    threads: int | None = None  # None: Rasa's defaults for one worker, else the cores shared among the workers

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> "Performance":
        environ = os.environ if environ is None else environ
        try:
            workers = int(environ.get(WORKERS_ENV) or 1)
            threads = int(environ[THREADS_ENV]) if environ.get(THREADS_ENV) else None
        except ValueError as error:
            raise ValueError(f"{WORKERS_ENV} and {THREADS_ENV} must be whole numbers: {error}") from None
        lock_store = (environ.get(LOCK_STORE_ENV) or "memory").strip().lower()
        performance = cls(workers, lock_store, environ.get(REDIS_URL_ENV) or DEFAULT_REDIS_URL, threads)
        performance.validate()
        return performance

    def validate(self) -> None:
        if self.workers < 1 or (self.threads is not None and self.threads < 1):
            raise ValueError(f"{WORKERS_ENV} and {THREADS_ENV} must be at least 1")
        if self.lock_store not in LOCK_STORES:
            raise ValueError(f"{LOCK_STORE_ENV} must be one of {', '.join(LOCK_STORES)}, not {self.lock_store!r}")
        if self.workers > 1 and self.lock_store != "redis":
            # Rasa would silently fall back to one worker: two workers need locks they both see.
            raise ValueError(f"{WORKERS_ENV}={self.workers} needs {LOCK_STORE_ENV}=redis (locks shared by the workers)")

    def rasa_env(self) -> dict[str, str]:
        """Environment of the Rasa server: Sanic workers and, unless one worker with no VAE_TF_THREADS (Rasa's
        defaults), the thread pools of TensorFlow and BLAS."""
        if self.workers == 1 and self.threads is None:
            return {"SANIC_WORKERS": "1"}
        threads = self.threads or max(1, (os.cpu_count() or 1) // self.workers)
        return {
            "SANIC_WORKERS": str(self.workers),
            "TF_INTRA_OP_PARALLELISM_THREADS": str(threads),
            "TF_INTER_OP_PARALLELISM_THREADS": str(threads),
            "OMP_NUM_THREADS": str(threads),
            "OPENBLAS_NUM_THREADS": str(threads),
            "MKL_NUM_THREADS": str(threads),
        }

    def redis_address(self) -> tuple[str, int]:
        url = urllib.parse.urlsplit(self.redis_url)
        return url.hostname or "127.0.0.1", url.port or 6379

    def lock_store_yaml(self) -> str:
        """The `lock_store:` section of endpoints.yml for Redis (empty for the in-memory default)."""
        if self.lock_store != "redis":
            return ""
        url = urllib.parse.urlsplit(self.redis_url)
        host, port = self.redis_address()
        db = (url.path or "/1").strip("/") or "1"
        # Rasa's RedisLockStore with atomic ticket changes (bot/adapters/locks.py): needed by several processes.
        lines = ["lock_store:", "  type: bot.adapters.locks.AtomicRedisLockStore", f"  url: {json.dumps(host)}", f"  port: {port}", f"  db: {int(db)}",
                 "  key_prefix: vae"]
        if url.password:
            lines.append(f"  password: {json.dumps(urllib.parse.unquote(url.password))}")
        return "\n".join(lines) + "\n"

    def check_redis(self, timeout: float = 2.0) -> None:
        """Fail early, with the address, when the Redis lock store does not answer."""
        if self.lock_store != "redis":
            return
        host, port = self.redis_address()
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return
        except OSError as error:
            raise RuntimeError(f"{LOCK_STORE_ENV}=redis but Redis does not answer on {host}:{port} ({error})") from None


def endpoints_for(endpoints: Path, performance: Performance) -> Path:
    """`endpoints` itself, or a copy with the lock store added (a lock_store already there wins); the copy goes
    to var/ for the project's own endpoints.yml, beside the original otherwise (the tests' temporary folders)."""
    addition = performance.lock_store_yaml()
    text = endpoints.read_text()
    if not addition or any(line.startswith("lock_store:") for line in text.splitlines()):
        return endpoints
    folder = ROOT / "var" if endpoints.resolve().is_relative_to(ROOT) else endpoints.parent
    folder.mkdir(exist_ok=True)
    combined = text.rstrip("\n") + "\n\n# Added by bot/tools/serve.py from VAE_LOCK_STORE / VAE_REDIS_URL\n" + addition
    derived = folder / f"endpoints-{hashlib.sha1(combined.encode()).hexdigest()[:12]}.yml"
    derived.write_text(combined)
    return derived
# --- end of the serving performance options -----------------------------------------------------------------


# The domain's responses typeset (French no-break spaces), as in endpoints.yml: every endpoints file declares it.
NLG_YAML = "nlg:\n  type: bot.adapters.nlg.TypesetNaturalLanguageGenerator\n"


def endpoints_yaml(actions_port: int, store_url: str, selective_domain: bool = True) -> str:
    """An endpoints.yml like the project's, for an action server on `actions_port` and the conversation store
    at `store_url` (the tests' and the benchmark's servers)."""
    return (f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
            + ("  enable_selective_domain: true\n" if selective_domain else "")
            + f'tracker_store:\n  type: bot.adapters.store.RedactingTrackerStore\n  url: "{store_url}"\n' + NLG_YAML)


def rasa_server(
    port: int = 5005,
    endpoints: Path = ROOT / "endpoints.yml",
    cors: tuple[str, ...] | None = None,
    env: dict[str, str] | None = None,
    log: IO[bytes] | None = None,
    model: Path | None = None,
    performance: Performance | None = None,
) -> ServerProcess:
    """The Rasa server with the REST and socket.io channels; its HTTP API stays off unless VAE_API_TOKEN is set.

    `performance` (default: from VAE_WORKERS, VAE_LOCK_STORE, VAE_REDIS_URL, VAE_TF_THREADS in the environment
    and in `env`) sets the workers, the lock store and the threads.
    """
    performance = performance or Performance.from_environment({**os.environ, **(env or {})})
    performance.check_redis()
    command = [
        *rasa_launcher({**os.environ, **(env or {})}),
        "run", "--model", str(model or model_path()), "--port", str(port),
        "--interface", "127.0.0.1", "--credentials", str(ROOT / "credentials.yml"),
        "--endpoints", str(endpoints_for(endpoints, performance)), "--cors", *(cors or cors_origins()),
    ]
    return ServerProcess(
        name="rasa", command=command, ready_url=f"http://127.0.0.1:{port}/webhooks/rest/",
        env={**performance.rasa_env(), **(env or {})}, log=log,
    )


def review_server(port: int = 8050, log: IO[bytes] | None = None) -> ServerProcess:
    """The support teams' review console (login required), on localhost only."""
    return ServerProcess(
        name="review", command=[sys.executable, "-m", "bot.tools.review", "serve", "--port", str(port)],
        ready_url=f"http://127.0.0.1:{port}/login", log=log,
    )


class Stack:
    """Several servers started together, ready when every one answers, stopped in reverse order."""

    def __init__(self, servers: list[ServerProcess]):
        self.servers = servers

    def start(self, timeout: float = 600.0, progress: bool = False) -> None:
        (ROOT / "var").mkdir(exist_ok=True)
        for server in self.servers:
            server.start()
        deadline = time.monotonic() + timeout
        waiting = list(self.servers)
        while waiting:
            for server in list(waiting):
                if server.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"{server.name} server exited with code {server.process.returncode}")
                if server.is_ready():
                    waiting.remove(server)
                    if progress:
                        print(f"==> {server.name} server ready", flush=True)
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError("servers not ready in time: " + ", ".join(s.name for s in waiting))
            time.sleep(0.5)

    def stop(self) -> None:
        for server in reversed(self.servers):
            server.stop()

    def __enter__(self) -> "Stack":
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def serve_forever() -> int:
    """`make run`: start everything on the fixed ports, print where, stop cleanly on Ctrl-C."""
    from bot.tools.web.server import web_server

    stack = Stack([action_server(), rasa_server(), web_server(), review_server()])
    print("==> starting the action server, the Rasa server and the demo page (loading the model takes a while)",
          flush=True)
    stack.start(progress=True)
    print(
        "\nThe assistant is served:\n"
        "  REST      POST http://localhost:5005/webhooks/rest/webhook  {\"sender\": \"moi\", \"message\": \"Bonjour\"}\n"
        "  socket.io http://localhost:5005/socket.io\n"
        "  actions   http://localhost:5055/webhook\n"
        "  widget    http://localhost:8080/  (demo page with the chat widget)\n"
        "  review    http://localhost:8050/  (support console; accounts: python -m bot users add NAME)\n"
        "  store     " + ("PostgreSQL ($VAE_DATABASE_URL)" if os.environ.get("VAE_DATABASE_URL") else "SQLite, var/conversations.db") + "\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    stopping = False

    def on_signal(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        while not stopping:
            dead = [s for s in stack.servers if s.process.poll() is not None]
            if dead:
                print(f"error: the {dead[0].name} server stopped unexpectedly", file=sys.stderr)
                return 1
            time.sleep(0.5)
    finally:
        print("\n==> stopping the servers", flush=True)
        stack.stop()
    return 0


def shell() -> int:
    """`make shell`: the action server in the background and Rasa's interactive shell in the terminal."""
    (ROOT / "var").mkdir(exist_ok=True)
    actions = action_server(log=open(ROOT / "var" / "actions.log", "ab"))
    with Stack([actions]):
        command = [sys.executable, "-m", "rasa", "shell", "--model", str(model_path()), "--endpoints", "endpoints.yml"]
        return subprocess.call(command, cwd=ROOT)
