"""Helpers shared by the test suites that start the real servers."""
from __future__ import annotations

import socket
import uuid
from contextlib import contextmanager
from pathlib import Path

import requests

from bot.tools.serve import Stack, action_server, endpoints_yaml, rasa_server
from bot.adapters.training import ensure_model
from bot.core.say.typography import untypeset

# A pinned reference date after the end of the experimentation (contracts signed until 28 February 2026).
REFERENCE_DATE = "2026-11-15"

# The system Chromium (Debian package `chromium`, installed by `make test`); Playwright downloads nothing.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Chat:
    """One visitor talking to the bot over the REST channel."""

    def __init__(self, url: str, sender: str | None = None):
        self.url = url
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"

    def send(self, message) -> requests.Response:
        return requests.post(self.url, json={"sender": self.sender, "message": message}, timeout=60)

    def say(self, message: str) -> list[dict]:
        reply = self.send(message)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def text(self, message: str) -> str:
        """All the bot's texts for one message, joined, their no-break spaces read as spaces (the replies'
        typography is checked on `say`'s raw replies by tests/e2e/test_typography.py)."""
        return untypeset("\n".join(m.get("text", "") for m in self.say(message)))


@contextmanager
def running_bot(work: Path, reference_date: str = REFERENCE_DATE, extra_env: dict | None = None,
                cors: tuple[str, ...] | None = None, store_url: str | None = None):
    """Train if needed, then run the action and Rasa servers on free ports.

    The store is a SQLite file in `work` unless `store_url` says otherwise; `extra_env` reaches both servers
    and the launcher (VAE_API_TOKEN). Logs are appended to work/actions.log and work/rasa.log, so that a
    server restarted by a test keeps one log.
    """
    ensure_model()
    db = work / "conversations.db"
    store_url = store_url or f"sqlite:///{db}"
    actions_port, rasa_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(endpoints_yaml(actions_port, store_url))
    env = {"VAE_REFERENCE_DATE": reference_date, **(extra_env or {})}
    logs = {name: work / f"{name}.log" for name in ("actions", "rasa")}
    files = {name: open(path, "ab") for name, path in logs.items()}
    actions = action_server(actions_port, env=env, log=files["actions"])
    rasa = rasa_server(rasa_port, endpoints=endpoints, env=env, log=files["rasa"], cors=cors)
    stack = Stack([actions, rasa])
    stack.start()
    try:
        yield {"rest": f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", "base": f"http://127.0.0.1:{rasa_port}",
               "db": db, "store_url": store_url, "logs": logs, "stack": stack, "actions": actions, "rasa": rasa,
               "rasa_port": rasa_port, "actions_port": actions_port}
    finally:
        stack.stop()
        for file in files.values():
            file.close()


POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"  # the machine's server, trust auth


def postgres_available(url: str = POSTGRES_SERVER) -> bool:
    """True when the PostgreSQL server at `url` accepts a connection."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def drop_postgres_database(name: str) -> None:
    """Drop a test database on the machine's PostgreSQL server (connections to it are closed first)."""
    import sqlalchemy as sa

    engine = sa.create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@contextmanager
def chromium_browser():
    """A headless system Chromium driven by Playwright, closed on exit."""
    import pytest
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install the Debian package (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
