"""The real tracker store on real SQLite files and real PostgreSQL databases: personal data masked before
storage (checked in the database rows), retention purge, erasure, summaries, configuration."""
from __future__ import annotations

import asyncio
import json
import random
import time

from rasa.shared.core.events import Event

from bot.tools.review.synthetic import Do, Say, Scenario, Set, eligibility, events, faq
from bot.adapters.store import erase_conversation
from bot.adapters.store.database import DATABASE_URL_ENV, DEFAULT_SQLITE_PATH, database_url, sqlite_url
from bot.adapters.store.notes import TO_REVIEW, save_note
from bot.adapters.store.queries import Filters, ReviewStore
from bot.adapters.store.redaction import ADDRESS_TOKEN, EMAIL_TOKEN, IBAN_TOKEN, NIR_TOKEN, PHONE_TOKEN
from bot.adapters.store.retention import DAY_SECONDS, purge, retention_days
from bot.adapters.store.tracker_store import configured_url
from bot.adapters.training import ROOT
from tests.review.conftest import all_rows_as_text, make_store, replay, replay_async

SECRETS = ["jean.dupont@example.com", "06 12 34 56 78", "1 85 05 78 006 084 36", "FR76 3000 6000 0112 3456 7890 189",
           "12 rue des Lilas", "0612345678"]
PERSONAL = Scenario("personal", [
    Say("Bonjour, je suis jean.dupont@example.com, tel 06 12 34 56 78", "greet", 0.9),
    Do("utter_greet", "Bonjour !"),
    Say("mon NIR 1 85 05 78 006 084 36 et IBAN FR76 3000 6000 0112 3456 7890 189", "inform", 0.4,
        (("sector", "FR76 3000 6000 0112 3456 7890 189"),)),
    Do("utter_default", "Je n'ai pas compris, pouvez-vous reformuler ?"),
    Say("j'ai 25 ans et j'habite 12 rue des Lilas à Lyon, je veux être aide-soignante", "inform", 0.9,
        (("sector", "aide-soignante"),)),
    Set("age", 25.0), Set("sector", "sante"), Set("sector_raw", "aide-soignante, 0612345678"),
])


def test_personal_data_never_reaches_the_database(store):
    replay(store, "visitor-1", events(PERSONAL, time.time() - 60))
    ReviewStore(store.engine).sync(force=True)
    stored = all_rows_as_text(store.engine)
    assert "aide-soignante" in stored and "25.0" in stored  # the dialogue's data is kept
    for secret in SECRETS:  # all ASCII, so also found inside JSON with escaped accents
        assert secret not in stored
    for token in (EMAIL_TOKEN, PHONE_TOKEN, NIR_TOKEN, IBAN_TOKEN, ADDRESS_TOKEN):
        assert json.dumps(token)[1:-1] in stored  # Rasa's JSON escapes accents


def test_tracker_read_back_is_masked_and_keeps_the_slots(store):
    replay(store, "visitor-2", events(PERSONAL, time.time() - 60))
    tracker = asyncio.run(store.retrieve("visitor-2"))
    texts = [event.text for event in tracker.events if event.type_name == "user"]
    assert texts[0] == f"Bonjour, je suis {EMAIL_TOKEN}, tel {PHONE_TOKEN}"
    assert tracker.get_slot("age") == 25.0 and tracker.get_slot("sector") == "sante"
    assert tracker.get_slot("sector_raw") == f"aide-soignante, {PHONE_TOKEN}"
    intents = [event.intent_name for event in tracker.events if event.type_name == "user"]
    assert intents == ["greet", "inform", "inform"]


def test_summaries_follow_the_saves_within_seconds(store):
    """While the bot runs, the summaries of the conversations written meanwhile are refreshed together
    shortly after, without any reader asking."""
    store.summary_delay = 0.2

    async def conversations_then_wait() -> list:
        await replay_async(store, "visitor-3", events(eligibility(random.Random(2), 25, "sante"), time.time() - 60))
        await replay_async(store, "visitor-4", events(faq(random.Random(4)), time.time() - 30))
        await asyncio.sleep(1.0)
        return ReviewStore(store.engine).page(Filters()).rows

    rows = {row.sender_id: row for row in asyncio.run(conversations_then_wait())}
    assert set(rows) == {"visitor-3", "visitor-4"}
    row = rows["visitor-3"]
    assert (row.outcome, row.sector, row.user_messages) == ("eligible", "sante", 5)


def as_dicts(tracker) -> list[dict]:
    return [event.as_dict() for event in tracker.events]


def read_from_database(database_url, domain, sender_id):
    """The conversation as a fresh store (another worker) reads it from the database."""
    other = make_store(database_url, domain, purge_on_start=False)
    try:
        return asyncio.run(other.retrieve(sender_id))
    finally:
        other.engine.dispose()


def test_a_conversation_read_again_from_memory_is_the_one_in_the_database(store, database_url, domain):
    async def converse() -> tuple:
        tracker = await store.get_or_create_tracker("visitor-6")
        for event in events(PERSONAL, time.time() - 60):
            tracker.update(Event.from_parameters(event))
            if event["event"] == "user":
                await store.save(tracker)
                tracker = await store.retrieve("visitor-6")  # as Rasa does for each message
        await store.save(tracker)
        return await store.retrieve("visitor-6"), store._recent["visitor-6"].last_id

    from_memory, last_id = asyncio.run(converse())
    assert last_id is not None  # served from memory
    from_database = read_from_database(database_url, domain, "visitor-6")
    assert as_dicts(from_memory) == as_dicts(from_database)
    assert from_memory.current_slot_values() == from_database.current_slot_values()
    texts = [event.text for event in from_memory.events if event.type_name == "user"]
    assert texts[0] == f"Bonjour, je suis {EMAIL_TOKEN}, tel {PHONE_TOKEN}"  # masked, as stored


def test_a_conversation_changed_by_another_worker_is_read_again(store, database_url, domain):
    from rasa.shared.core.events import SlotSet, UserUttered

    asyncio.run(store.save(tracker_with(store, "visitor-7", [UserUttered("Bonjour")])))
    assert asyncio.run(store.retrieve("visitor-7")) is not None  # now remembered
    other = make_store(database_url, domain, purge_on_start=False)
    tracker = asyncio.run(other.retrieve("visitor-7"))
    tracker.update(SlotSet("age", 31.0))
    asyncio.run(other.save(tracker))
    other.engine.dispose()
    assert asyncio.run(store.retrieve("visitor-7")).get_slot("age") == 31.0
    assert asyncio.run(store.erase("visitor-7")) > 0
    assert asyncio.run(store.retrieve("visitor-7")) is None


def test_a_new_session_is_read_back_alone_from_memory_as_from_the_database(store, database_url, domain):
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

    first = [UserUttered("Bonjour", timestamp=100.0), SlotSet("age", 30.0, timestamp=101.0)]
    asyncio.run(store.save(tracker_with(store, "visitor-8", first)))
    tracker = asyncio.run(store.retrieve("visitor-8"))
    for event in (ActionExecuted("action_session_start", timestamp=200.0), SessionStarted(timestamp=200.5),
                  SlotSet("age", 30.0, timestamp=200.6), UserUttered("Re-bonjour", timestamp=201.0)):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    from_memory = asyncio.run(store.retrieve("visitor-8"))
    assert as_dicts(from_memory) == as_dicts(read_from_database(database_url, domain, "visitor-8"))
    assert [event.type_name for event in from_memory.events] == ["session_started", "slot", "user"]


def tracker_with(store, sender_id: str, new_events: list):
    tracker = store.init_tracker(sender_id)
    for event in new_events:
        tracker.update(event)
    return tracker


def test_purge_deletes_conversations_older_than_the_retention(store):
    now = time.time()
    replay(store, "old", events(faq(random.Random(1)), now - 100 * DAY_SECONDS))
    replay(store, "recent", events(faq(random.Random(1)), now - 10 * DAY_SECONDS))
    save_note(store.engine, "old", TO_REVIEW, "vieux", "agent")
    assert purge(store.engine, days=90, dry_run=True) == 1
    assert purge(store.engine, days=90) == 1
    review = ReviewStore(store.engine)
    review.sync(force=True)
    assert [row.sender_id for row in review.page(Filters()).rows] == ["recent"]
    assert review.transcript("old") is None
    assert "vieux" not in all_rows_as_text(store.engine)
    assert purge(store.engine, days=5) == 1
    assert review.page(Filters()).rows == []


def test_store_purges_expired_conversations_when_it_starts(database_url, domain, monkeypatch):
    first = make_store(database_url, domain, purge_on_start=False)
    replay(first, "old", events(faq(random.Random(1)), time.time() - 40 * DAY_SECONDS))
    first.engine.dispose()
    monkeypatch.setenv("VAE_RETENTION_DAYS", "30")
    second = make_store(database_url, domain)
    assert asyncio.run(second.keys()) == []
    second.engine.dispose()


def test_retention_days_from_the_environment(monkeypatch):
    monkeypatch.delenv("VAE_RETENTION_DAYS", raising=False)
    assert retention_days() == 90
    for value, expected in (("30", 30), ("0", 90), ("-4", 90), ("beaucoup", 90)):
        monkeypatch.setenv("VAE_RETENTION_DAYS", value)
        assert retention_days() == expected


def test_erase_one_conversation_through_rasa_wrappers(store):
    from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore

    replay(store, "to-erase", events(PERSONAL, time.time() - 60))
    replay(store, "to-keep", events(faq(random.Random(1)), time.time() - 60))
    save_note(store.engine, "to-erase", TO_REVIEW, "à revoir", "agent")
    wrapped = FailSafeTrackerStore(AwaitableTrackerStore(store))
    assert asyncio.run(erase_conversation(wrapped, "to-erase")) > 0
    assert asyncio.run(store.retrieve("to-erase")) is None
    review = ReviewStore(store.engine)
    review.sync(force=True)
    assert [row.sender_id for row in review.page(Filters()).rows] == ["to-keep"]
    assert "to-erase" not in all_rows_as_text(store.engine)
    assert asyncio.run(store.erase("nobody")) == 0


def test_readers_catch_up_with_events_written_by_a_plain_sql_store(database_url, domain):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import Event

    tracker_store = make_store(database_url, domain)  # creates the database and the review tables
    plain = SQLTrackerStore(domain=domain, host=database_url)
    tracker = plain.init_tracker("plain-writer")
    for event in events(eligibility(random.Random(3), 30, "btp", stop_at="goal"), time.time() - 60):
        tracker.update(Event.from_parameters(event))
    asyncio.run(plain.save(tracker))
    review = ReviewStore(tracker_store.engine)
    assert review.sync(force=True) == 1
    [row] = review.page(Filters()).rows
    assert (row.outcome, row.dropped_slot) == ("abandoned", "goal")
    assert review.sync(force=True) == 0  # nothing new
    plain.engine.dispose()
    tracker_store.engine.dispose()


def test_configuration_precedence(monkeypatch):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert configured_url(None, {}) == sqlite_url(DEFAULT_SQLITE_PATH)
    monkeypatch.setenv(DATABASE_URL_ENV, "postgres://u@db:5432/vae")
    assert configured_url(None, {}) == "postgresql://u@db:5432/vae"
    assert configured_url("sqlite:////tmp/x.db", {}) == "sqlite:////tmp/x.db"
    assert configured_url(None, {"dialect": "sqlite", "db": "var/other.db"}) == f"sqlite:///{ROOT / 'var/other.db'}"
    assert configured_url("db.example", {"dialect": "postgresql", "db": "vae", "username": "bot", "port": "5433"}) \
        == "postgresql://bot@db.example:5433/vae"
    assert database_url("sqlite:///var/x.db") == f"sqlite:///{ROOT / 'var/x.db'}"
