"""The real tracker store on real SQLite files and real PostgreSQL databases: personal data masked before
storage (checked in the database rows), retention purge, erasure, summaries, configuration."""
from __future__ import annotations

import asyncio
import json
import random
import time


from bot.review.synthetic import Do, Say, Scenario, Set, eligibility, events, faq
from bot.store import erase_conversation
from bot.store.database import DATABASE_URL_ENV, DEFAULT_SQLITE_PATH, database_url, sqlite_url
from bot.store.notes import TO_REVIEW, save_note
from bot.store.queries import Filters, ReviewStore
from bot.store.redaction import ADDRESS_TOKEN, EMAIL_TOKEN, IBAN_TOKEN, NIR_TOKEN, PHONE_TOKEN
from bot.store.retention import DAY_SECONDS, purge, retention_days
from bot.store.tracker_store import configured_url
from bot.training import ROOT
from tests.review.conftest import all_rows_as_text, make_store, replay

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


def test_summary_follows_each_save(store):
    replay(store, "visitor-3", events(eligibility(random.Random(2), 25, "sante"), time.time() - 60))
    [row] = ReviewStore(store.engine).page(Filters()).rows
    assert (row.sender_id, row.outcome, row.sector, row.user_messages) == ("visitor-3", "eligible", "sante", 5)


def test_purge_deletes_conversations_older_than_the_retention(store):
    now = time.time()
    replay(store, "old", events(faq(random.Random(1)), now - 100 * DAY_SECONDS))
    replay(store, "recent", events(faq(random.Random(1)), now - 10 * DAY_SECONDS))
    save_note(store.engine, "old", TO_REVIEW, "vieux", "agent")
    assert purge(store.engine, days=90, dry_run=True) == 1
    assert purge(store.engine, days=90) == 1
    review = ReviewStore(store.engine)
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
