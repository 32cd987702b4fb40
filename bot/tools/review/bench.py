"""Benchmark of the review console on a large store (not a test): `python -m bot.tools.review.bench`.

Fills a fresh store with synthetic conversations (100 000 by default, ~2 million Rasa events, inserted
in bulk), then measures the conversation list: the SQL query (ReviewStore.page) and the HTTP page served
by the real console, with the usual filters, and prints p50/p95 latencies in milliseconds.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlalchemy as sa

from bot.tools.review.auth import Accounts
from bot.tools.review.client import ConsoleClient
from bot.tools.review.synthetic import events, random_scenario, with_feedback
from bot.tools.serve import ServerProcess
from bot.adapters.store.conversation import read_conversation
from bot.adapters.store.database import create_engine, is_sqlite, sqlite_url
from bot.adapters.store.queries import Filters, ReviewStore
from bot.adapters.store.schema import conversations, create_tables, events as events_table, state, upsert
from bot.adapters.store.summaries import WATERMARK_KEY, summary_row

DAY = 86_400
INSERT_BATCH = 20_000
BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-123"
CASES: dict[str, dict[str, str]] = {
    "sans filtre": {},
    "page 3 (curseur)": {},
    "issue = abandonné": {"outcome": "abandoned"},
    "non compris": {"misunderstood": "1"},
    "avis négatif": {"negative_feedback": "1"},
    "rôle = employeur": {"role": "employeur"},
    "canal + rôle": {"channel": "socketio", "role": "candidat"},
    "7 derniers jours": {},  # dates filled at run time
    "recherche « crêpes »": {"text": "crêpes"},
}


def synthetic_store(count: int, days: int, seed: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(sender_id, events) of `count` conversations spread over the last `days` days."""
    rng = random.Random(seed)
    now = time.time()
    for index in range(count):
        scenario = random_scenario(rng)
        start = now - rng.uniform(0, days * DAY)
        channel = "rest" if rng.random() < 0.7 else "socketio"
        items = events(scenario, start, channel=channel)
        roll = rng.random()
        if roll < 0.10:
            items = with_feedback(items, "up" if roll < 0.07 else "down")
        yield f"bench-{index:06d}-{rng.getrandbits(32):08x}", items


def event_row(event_id: int, sender_id: str, event: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event_id, "sender_id": sender_id, "type_name": event["event"], "timestamp": event["timestamp"],
        "intent_name": ((event.get("parse_data") or {}).get("intent") or {}).get("name"),
        "action_name": event.get("name"), "data": json.dumps(event),
    }


def fill(engine: sa.engine.Engine, count: int, days: int, seed: int = 7) -> int:
    """Bulk-insert the synthetic conversations and their summaries; returns the number of events."""
    create_tables(engine)
    event_rows: list[dict[str, Any]] = []
    summary_rows: list[dict[str, Any]] = []
    next_id = 1

    def flush() -> None:
        with engine.begin() as connection:
            if event_rows:
                connection.execute(events_table.insert(), event_rows)
            upsert(connection, conversations, summary_rows)
        event_rows.clear()
        summary_rows.clear()

    for sender_id, items in synthetic_store(count, days, seed):
        for event in items:
            event_rows.append(event_row(next_id, sender_id, event))
            next_id += 1
        summary_rows.append(summary_row(read_conversation(sender_id, items), next_id - 1))
        if len(event_rows) >= INSERT_BATCH:
            flush()
    flush()
    with engine.begin() as connection:
        upsert(connection, state, [{"key": WATERMARK_KEY, "value": str(next_id - 1)}])
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequence past them
            connection.execute(sa.text("SELECT setval(pg_get_serial_sequence('events', 'id'), :last)"), {"last": next_id - 1})
        if engine.dialect.name == "sqlite":
            connection.execute(sa.text("ANALYZE"))
        else:
            connection.execute(sa.text("ANALYZE events; ANALYZE review_conversations"))
    return next_id - 1


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(action: Callable[[], Any], runs: int) -> list[float]:
    action()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def cases() -> dict[str, dict[str, str]]:
    week_ago = time.strftime("%Y-%m-%d", time.localtime(time.time() - 7 * DAY))
    return {**CASES, "7 derniers jours": {"start": week_ago}}


def third_page_cursor(store: ReviewStore) -> str | None:
    cursor = None
    for _ in range(2):
        cursor = store.page(Filters(), cursor).next_cursor
    return cursor


def measure_queries(store: ReviewStore, runs: int) -> dict[str, tuple[float, float]]:
    cursor = third_page_cursor(store)
    results = {}
    for name, params in cases().items():
        filters = Filters.from_params(params)
        page_cursor = cursor if name.startswith("page 3") else None
        results[name] = percentiles(timed(lambda: store.page(filters, page_cursor), runs))
    return results


def wait_until_ready(server: ServerProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not server.is_ready():
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the review console did not start")
        time.sleep(0.3)


def measure_http(database: str, store: ReviewStore, runs: int, port: int) -> dict[str, tuple[float, float]]:
    Accounts(store.engine).add_user(BENCH_USER, BENCH_PASSWORD)
    command = [sys.executable, "-m", "bot.tools.review", "--database", database, "serve", "--port", str(port)]
    server = ServerProcess("review", command, f"http://127.0.0.1:{port}/login")
    server.start()
    try:
        wait_until_ready(server)
        client = ConsoleClient(f"http://127.0.0.1:{port}")
        client.login(BENCH_USER, BENCH_PASSWORD)
        cursor = third_page_cursor(store)
        results = {}
        for name, params in cases().items():
            query = {**params, **({"cursor": cursor} if name.startswith("page 3") and cursor else {})}

            def get() -> None:
                reply = client.get("/", **query)
                assert reply.status_code == 200, reply.status_code

            results[name] = percentiles(timed(get, runs))
        started = time.perf_counter()
        assert client.get("/stats").status_code == 200
        results["page statistiques (1 fois)"] = ((time.perf_counter() - started) * 1000,) * 2
        return results
    finally:
        server.stop()


def report(title: str, results: dict[str, tuple[float, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'cas':<28}{'p50 (ms)':>10}{'p95 (ms)':>10}")
    for name, (p50, p95) in results.items():
        print(f"  {name:<28}{p50:>10.1f}{p95:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.review.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="URL of an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--port", type=int, default=8059)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="vae-bench-") as work:
        database = args.database or sqlite_url(Path(work) / "bench.db")
        engine = create_engine(database)
        print(f"==> filling {database} with {args.conversations} conversations", flush=True)
        started = time.perf_counter()
        count = fill(engine, args.conversations, args.days)
        print(f"    {count} events in {time.perf_counter() - started:.0f} s", flush=True)
        if is_sqlite(database):
            print(f"    database file: {Path(engine.url.database).stat().st_size / 1e6:.0f} MB")
        store = ReviewStore(engine)
        report("Requête de la liste (ReviewStore.page, 50 lignes + total)", measure_queries(store, args.runs))
        report("Page HTTP de la liste (GET /, console réelle)", measure_http(database, store, args.runs, args.port))
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
