"""Fixtures of the review suite: real SQLite files and real temporary PostgreSQL databases, the real tracker
store, and the review console started as a real server."""
from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from bot.tools.review.auth import Accounts
from bot.tools.review.client import ConsoleClient
from bot.tools.serve import ServerProcess, Stack
from bot.adapters.store.database import create_engine, sqlite_url
from bot.adapters.training import ROOT
from tests.support import drop_postgres_database, free_port, postgres_available

BACKENDS = ["sqlite", "postgresql"]
AGENT, AGENT_PASSWORD = "agent", "un-mot-de-passe-solide"


def database(backend: str, work: Path) -> Iterator[str]:
    """A fresh, empty database URL of `backend`; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        yield sqlite_url(work / f"store-{uuid.uuid4().hex[:8]}.db")
        return
    if not postgres_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name = f"vae_review_test_{uuid.uuid4().hex[:12]}"
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"  # created by the store on first use
    finally:
        drop_postgres_database(name)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


@pytest.fixture(scope="session")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


def make_store(url: str, domain: Any, **kwargs: Any):
    from bot.adapters.store import RedactingTrackerStore

    return RedactingTrackerStore(domain=domain, host=url, **kwargs)


@pytest.fixture
def store(database_url, domain):
    tracker_store = make_store(database_url, domain)
    yield tracker_store
    tracker_store.engine.dispose()


async def replay_async(tracker_store, sender_id: str, events: list[dict[str, Any]]) -> None:
    """Save serialised events through the tracker store turn by turn, as Rasa does (one save per message)."""
    from rasa.shared.core.events import Event

    tracker = tracker_store.init_tracker(sender_id)
    for event in events:
        if event["event"] == "user" and tracker.events:
            await tracker_store.save(tracker)
        tracker.update(Event.from_parameters(event))
    await tracker_store.save(tracker)


def replay(tracker_store, sender_id: str, events: list[dict[str, Any]]) -> None:
    """`replay_async`, then the summary refresh a running bot does a couple of seconds after its writes."""
    asyncio.run(replay_async(tracker_store, sender_id, events))
    tracker_store.refresh_summaries()


def start_console(url: str, work: Path) -> tuple[ServerProcess, str]:
    """The review console on a free port, as `python -m bot.tools.review serve` runs it."""
    port = free_port()
    log = open(work / f"review-{port}.log", "wb")
    server = ServerProcess(
        "review", [sys.executable, "-m", "bot.tools.review", "--database", url, "serve", "--port", str(port)],
        f"http://127.0.0.1:{port}/login", log=log,
    )
    Stack([server]).start(timeout=60)
    return server, f"http://127.0.0.1:{port}"


@pytest.fixture
def agent_client_factory():
    """Log an agent into a console: factory(base) -> ConsoleClient."""
    def make(base: str, name: str = AGENT, password: str = AGENT_PASSWORD) -> ConsoleClient:
        client = ConsoleClient(base)
        reply = client.login(name, password)
        assert reply.status_code == 303, reply.text
        return client

    return make


def add_agent(url: str, name: str = AGENT, password: str = AGENT_PASSWORD) -> None:
    engine = create_engine(url)
    Accounts(engine).add_user(name, password)
    engine.dispose()


def all_rows_as_text(engine: sa.engine.Engine) -> str:
    """Every row of every table of the database, as one string."""
    metadata = sa.MetaData()
    metadata.reflect(bind=engine)
    with engine.connect() as connection:
        rows = [row for table in metadata.sorted_tables for row in connection.execute(table.select())]
    return "\n".join(" | ".join(str(value) for value in row) for row in rows)
