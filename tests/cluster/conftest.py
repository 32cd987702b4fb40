"""The real cluster: two Rasa servers and two action servers on free ports behind the real HAProxy, a fresh
PostgreSQL database per run (dropped afterwards) and the machine's Redis for the locks."""
from __future__ import annotations

import json
import socket
import uuid

import pytest
import sqlalchemy as sa

from bot.adapters.training import ensure_model
from bot.tools.cluster import Topology, haproxy_available, running_cluster
from tests.support import POSTGRES_SERVER, drop_postgres_database, free_port, postgres_available


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return True
    except OSError:
        return False


needs_cluster = pytest.mark.skipif(
    not (haproxy_available() and postgres_available() and redis_available()),
    reason="the cluster needs HAProxy (make haproxy), PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379")


@pytest.fixture(scope="package")
def database():
    """A fresh PostgreSQL database, created before the servers start (they would race to create it)."""
    name = f"vae_cluster_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        drop_postgres_database(name)


@pytest.fixture(scope="package")
def cluster(database, tmp_path_factory):
    ensure_model()
    topology = Topology(rasa_ports=(free_port(), free_port()), actions_ports=(free_port(), free_port()),
                        public_port=free_port(), actions_public_port=free_port(), stats_port=free_port(),
                        database_url=database)
    # During the experimentation: the scenarios (bot.tools.bench.scenarios) expect its verdicts ("bonne nouvelle").
    with running_cluster(topology, tmp_path_factory.mktemp("cluster"),
                         env={"VAE_REFERENCE_DATE": "2025-06-26"}) as running:
        yield running


def stored_events(database_url: str, senders: list[str] | None = None) -> dict[str, list[dict]]:
    """Every conversation's events in the tracker store, in the order they were written (SQLAlchemy)."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT sender_id, data FROM events ORDER BY id")).fetchall()
    finally:
        engine.dispose()
    events: dict[str, list[dict]] = {}
    for sender, data in rows:
        if senders is None or sender in senders:
            events.setdefault(sender, []).append(json.loads(data))
    return events


def user_texts(events: list[dict]) -> list[str]:
    return [e.get("text") for e in events if e["event"] == "user"]
