"""The PostgreSQL store stops answering (a TCP proxy the tests start and stop sits in front of the machine's
PostgreSQL, which is never touched): conversations go on from memory, what is not stored is logged as such,
and the pending events are written, once each and in order, when the database is back.

First the tracker store alone (fast), then the whole bot over HTTP with VAE_DATABASE_URL through the proxy.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

import pytest
import requests
import sqlalchemy as sa

from tests.robustness.proxy import TcpProxy
from tests.robustness.servers import LogWindow, bot_servers
from tests.support import Chat, drop_postgres_database, postgres_available

POSTGRES = ("127.0.0.1", 5432)
STORE_LOGGER = "bot.adapters.store.tracker_store"

pytestmark = pytest.mark.skipif(not postgres_available(), reason="PostgreSQL is not reachable on 127.0.0.1:5432")


@pytest.fixture
def proxy():
    proxy = TcpProxy(*POSTGRES).start()
    yield proxy
    proxy.close()


def fresh_database(prefix: str):
    """A new database name, and a function that drops it (directly on PostgreSQL, never through the proxy)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    return name, lambda: drop_postgres_database(name)


def stored_events(database: str, sender_id: str) -> list[dict]:
    """The events of one conversation as the database holds them, read directly (not through the proxy)."""
    engine = sa.create_engine(f"postgresql://postgres@127.0.0.1:5432/{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"), {"sender": sender_id}
            ).fetchall()
    finally:
        engine.dispose()
    return [json.loads(data) for (data,) in rows]


# --- the tracker store alone --------------------------------------------------------------------------------

@pytest.fixture
def store(proxy, domain):
    from bot.adapters.store import RedactingTrackerStore

    database, drop = fresh_database("vae_outage_unit")
    tracker_store = RedactingTrackerStore(domain=domain, host=f"postgresql://postgres@127.0.0.1:{proxy.port}/{database}")
    tracker_store.database = database
    yield tracker_store
    tracker_store.engine.dispose()
    drop()


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    from bot.adapters.training import ROOT

    return Domain.load(str(ROOT / "domain.yml"))


def new_conversation(store, sender_id: str):
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    tracker = store.init_tracker(sender_id)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    return tracker


def turn(tracker, text: str, intent: str, answer: str, **slots) -> None:
    """One visitor message and the bot's answer, as Rasa records them."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}))
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted("utter_answer"))
    tracker.update(BotUttered(answer))
    tracker.update(ActionExecuted("action_listen"))


def described(events) -> list[tuple]:
    """Events reduced to what must survive an outage: kind, text or name, slot value, timestamp."""
    rows = [event if isinstance(event, dict) else event.as_dict() for event in events]
    return [(e["event"], e.get("text") or e.get("name"), e.get("value"), round(e["timestamp"], 6)) for e in rows]


def test_outage_mid_conversation_loses_nothing(store, proxy, caplog):
    caplog.set_level(logging.INFO, logger=STORE_LOGGER)
    sender = "visiteur-panne"

    async def scenario():
        tracker = new_conversation(store, sender)
        turn(tracker, "Suis-je éligible ?", "check_eligibility", "Quel âge avez-vous ?")
        await store.save(tracker)
        before = described(tracker.events)

        proxy.stop()
        during = await store.retrieve(sender)  # the database fails: the conversation comes from memory
        assert described(during.events) == before
        turn(during, "30 ans", "inform", "Dans quel secteur ?", age=30.0)
        await store.save(during)  # must not raise: Rasa would otherwise drop the events in its own fallback
        assert store.in_outage and store.pending_conversations() == [sender]
        again = await store.retrieve(sender)
        assert again.get_slot("age") == 30.0
        assert described(stored_events(store.database, sender)) == before  # the second turn is not stored

        proxy.start()
        assert await store.reconnect()
        assert not store.in_outage and not store.pending_conversations()
        return described(during.events)

    expected = asyncio.run(scenario())
    assert described(stored_events(store.database, sender)) == expected  # every event once, in order
    read_back = asyncio.run(store.retrieve(sender))
    assert read_back.get_slot("age") == 30.0
    log = caplog.text
    assert "database is unreachable" in log
    assert f"NOT STORED (database unreachable): 5 new event(s) of conversation {sender}" in log
    assert "stored 5 pending event(s) of 1 conversation(s)" in log


def test_conversation_begun_during_an_outage_is_stored_as_a_new_session(store, proxy):
    old, new = "visiteur-ancien", "visiteur-nouveau"

    async def scenario():
        earlier = new_conversation(store, old)
        turn(earlier, "Bonjour", "greet", "Bonjour !")
        turn(earlier, "merci", "thank", "Avec plaisir !")
        await store.save(earlier)
        store._recent.clear()  # as after a restart of Rasa: nothing of it in memory

        proxy.stop()
        outcome = {}
        for sender in (old, new):
            assert await store.retrieve(sender) is None  # unknown to memory, unreadable from the database
            tracker = new_conversation(store, sender)
            turn(tracker, "C'est quoi ?", "faq", "La VAE inversée est…", sector="sante")
            await store.save(tracker)
            outcome[sender] = described(tracker.events)
        proxy.start()
        assert await store.reconnect()
        return described(earlier.events), outcome

    earlier, outcome = asyncio.run(scenario())
    assert described(stored_events(store.database, old)) == earlier + outcome[old]
    assert described(stored_events(store.database, new)) == outcome[new]
    latest = asyncio.run(store.retrieve(old))  # the latest session is the one begun during the outage
    since_start = [e for e in outcome[old] if e[0] != "action" or e[1] != "action_session_start"]
    assert described(latest.events) == since_start  # Rasa reads a session from its `session_started` on
    assert latest.get_slot("sector") == "sante"


def test_pending_events_are_written_in_the_background_when_the_database_is_back(store, proxy, caplog):
    from rasa.core.tracker_store import FailSafeTrackerStore

    caplog.set_level(logging.INFO, logger=STORE_LOGGER)
    store.retry_seconds = 0.2
    wrapped = FailSafeTrackerStore(store)  # as Rasa wraps every tracker store
    sender = "visiteur-retour"

    async def scenario():
        tracker = new_conversation(store, sender)
        await wrapped.save(tracker)
        proxy.stop()
        tracker = await wrapped.retrieve(sender)
        assert tracker is not None  # Rasa's wrapper would have answered None: a conversation started over
        turn(tracker, "Qui finance ?", "faq", "L'OPCO finance.")
        await wrapped.save(tracker)
        await asyncio.sleep(0.5)  # a few failed retries
        proxy.start()
        for _ in range(50):
            if not store.pending_conversations():
                break
            await asyncio.sleep(0.1)
        return described(tracker.events)

    expected = asyncio.run(scenario())
    assert wrapped._fallback_tracker_store is None  # no error ever reached Rasa's wrapper
    assert described(stored_events(store.database, sender)) == expected
    assert "still unreachable" in caplog.text and "answers again" in caplog.text


# --- the whole bot over HTTP ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bot_behind_proxy(tmp_path_factory):
    proxy = TcpProxy(*POSTGRES).start()
    database, drop = fresh_database("vae_outage_e2e")
    url = f"postgresql://postgres@127.0.0.1:{proxy.port}/{database}"
    try:
        with bot_servers(tmp_path_factory.mktemp("outage"), store_url=url) as servers:
            yield {**servers, "proxy": proxy, "database": database}
    finally:
        proxy.close()
        drop()


def user_texts(events: list[dict]) -> list[str]:
    return [e["text"] for e in events if e["event"] == "user"]


def test_bot_keeps_answering_while_the_store_is_down_and_stores_everything_after(bot_behind_proxy):
    servers, proxy = bot_behind_proxy, bot_behind_proxy["proxy"]
    rasa_log = LogWindow(servers["logs"]["rasa"])
    visitor, newcomer = Chat(servers["rest"]), Chat(servers["rest"])
    assert "Quel âge" in visitor.text("Suis-je éligible ?")
    assert "secteur" in visitor.text("30 ans").lower()

    proxy.stop()
    try:
        # The form goes on where it was: the conversation is served from memory, not started over.
        assert "objectif" in visitor.text("maçon").lower()
        answer = newcomer.text("Comment est financée la VAE inversée ?")
        assert "OPCO" in answer
        assert "problème technique" not in answer
        time.sleep(1.5)  # the background retries fail meanwhile
    finally:
        proxy.start()

    assert "situation" in visitor.text("Trouver un emploi").lower()
    verdict = visitor.text("Je suis salarié")
    assert "remplissez la condition d'âge" in verdict and "Constructys" in verdict  # the sector given during the outage
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not stored_events(servers["database"], newcomer.sender):
        time.sleep(0.5)  # the newcomer said nothing since: the background retry writes it

    assert user_texts(stored_events(servers["database"], visitor.sender)) == [
        "Suis-je éligible ?", "30 ans", "maçon", "Trouver un emploi", "Je suis salarié"]
    assert user_texts(stored_events(servers["database"], newcomer.sender)) == ["Comment est financée la VAE inversée ?"]
    log = rasa_log.text()
    assert "database is unreachable" in log
    assert "NOT STORED (database unreachable)" in log and visitor.sender in log and newcomer.sender in log
    assert "answers again" in log


def test_no_server_error_while_the_store_is_down(bot_behind_proxy):
    servers, proxy = bot_behind_proxy, bot_behind_proxy["proxy"]
    chat = Chat(servers["rest"])
    proxy.stop()
    try:
        replies = [chat.send(text) for text in ("Bonjour", "Suis-je éligible ?", "", "x" * 2000)]
        bodies = [requests.post(servers["rest"], data=body, timeout=30) for body in ("[]", "{")]
    finally:
        proxy.start()
    assert [r.status_code for r in replies] == [200] * 4
    assert all(r.json() and r.json()[0]["text"].strip() for r in replies)
    assert [r.status_code for r in bodies] == [400, 400]
