"""Start and stop the servers that make up the assistant: the action server and the Rasa server.

Used by `python -m bot serve` (make run) and by the end-to-end tests, so that both run exactly the same
commands. Each server is a child process; stopping sends SIGTERM, then SIGKILL after a grace period.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.training import ROOT, model_path

DEFAULT_CORS_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")


def cors_origins() -> tuple[str, ...]:
    """Origins allowed to call the bot from a browser: VAE_CORS_ORIGINS (space or comma separated) or the demo page."""
    configured = os.environ.get("VAE_CORS_ORIGINS", "").replace(",", " ").split()
    return tuple(configured) or DEFAULT_CORS_ORIGINS


@dataclass
class ServerProcess:
    """One child process and the URL that says it is ready."""

    name: str
    command: list[str]
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)
    log: IO[bytes] | None = None
    process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT if self.log else None,
            start_new_session=True,
        )

    def is_ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.ready_url, timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    def stop(self, grace: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def action_server(port: int = 5055, env: dict[str, str] | None = None, log: IO[bytes] | None = None) -> ServerProcess:
    """The rasa_sdk action server, bound to localhost only."""
    return ServerProcess(
        name="actions",
        command=[sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
        ready_url=f"http://127.0.0.1:{port}/health",
        env={"SANIC_HOST": "127.0.0.1", **(env or {})},
        log=log,
    )


def rasa_server(
    port: int = 5005,
    endpoints: Path = ROOT / "endpoints.yml",
    cors: tuple[str, ...] | None = None,
    env: dict[str, str] | None = None,
    log: IO[bytes] | None = None,
) -> ServerProcess:
    """The Rasa server with the REST and socket.io channels; its HTTP API stays off."""
    command = [
        sys.executable, "-m", "rasa", "run", "--model", str(model_path()), "--port", str(port),
        "--interface", "127.0.0.1", "--credentials", str(ROOT / "credentials.yml"),
        "--endpoints", str(endpoints), "--cors", *(cors or cors_origins()),
    ]
    return ServerProcess(
        name="rasa", command=command, ready_url=f"http://127.0.0.1:{port}/webhooks/rest/", env=env or {}, log=log
    )


def review_server(port: int = 8050, log: IO[bytes] | None = None) -> ServerProcess:
    """The support teams' review console (login required), on localhost only."""
    return ServerProcess(
        name="review", command=[sys.executable, "-m", "bot.review", "serve", "--port", str(port)],
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
    from bot.web.server import web_server

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
