"""Rasa's SQL tracker store, with personal data masked before any event is written.

Configured in endpoints.yml:

    tracker_store:
      type: bot.adapters.store.RedactingTrackerStore

Without `url`/`dialect`/`db` it uses $VAE_DATABASE_URL, else the SQLite file var/conversations.db
(endpoints.yml cannot fall back by itself: ${VAR} only works for variables that are set). An explicit
`url: postgresql://…` or the usual SQL store keys (dialect, host, port, db, username, password) win.

Per message, Rasa reads the conversation before answering and writes its new events after. The store keeps
the latest session of recent conversations in memory and, on the next read, only asks the database for the
id of the conversation's last event: when it is the one this store wrote last (no other worker or process
changed the conversation), the conversation is rebuilt from memory instead of being read and decoded again.
The review summaries are refreshed a couple of seconds after a write, for all conversations written in that
time at once (readers catch up with anything not refreshed yet, see summaries.catch_up).

When the database stops answering, conversations go on from memory. Rasa's own FailSafeTrackerStore would
answer a failed read with an empty conversation (the visitor starts again) and put failed writes in a memory
store it never reads nor flushes. So this store never raises on a database error: it keeps the latest
session of recent conversations in memory, serves them from there during an outage, logs which events are
not stored yet, retries in the background every few seconds, and writes the pending events when the
database is back.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs, validate_port
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.adapters.store import retention, summaries
from bot.adapters.store.database import database_url, enable_sqlite_wal, normalise_url, prepare_database
from bot.adapters.store.redaction import redact_event
from bot.adapters.store.schema import create_tables

logger = logging.getLogger(__name__)

SQL_STORE_KEYS = ("dialect", "port", "db", "username", "password", "query")
RETRY_SECONDS = 5.0  # how often the database is tried again during an outage
RECENT_CONVERSATIONS = 5000  # conversations kept in memory to ride out an outage
CONNECT_TIMEOUT_SECONDS = 5  # PostgreSQL: a database that does not answer is an outage, not a hang
SUMMARY_DELAY_SECONDS = 2.0  # review summaries of the conversations written meanwhile are refreshed together


@dataclass
class Remembered:
    """The latest session of one conversation as last seen, and how much of it the database holds."""

    events: list[Event]
    stored: int  # the first `stored` events are in the database, the others are waiting
    last_id: int | None = None  # id of the conversation's last event in the database, when known

    @property
    def pending(self) -> bool:
        return self.stored < len(self.events)


def latest_session(events: list[Event]) -> list[Event]:
    """The events Rasa's SQL store reads back as the latest session: from the last SessionStarted on
    (by timestamp, as its query does)."""
    starts = [event.timestamp for event in events if isinstance(event, SessionStarted)]
    if not starts:
        return events
    start = max(starts)
    return [event for event in events if event.timestamp >= start]


def configured_url(host: str | None, kwargs: dict[str, Any]) -> str:
    """The database URL from the endpoint configuration, else from the environment, else the default."""
    if host and "://" in host:
        return normalise_url(host)
    if host or any(key in kwargs for key in SQL_STORE_KEYS):
        params = {key: kwargs.get(key) for key in SQL_STORE_KEYS if kwargs.get(key) is not None}
        params["port"] = validate_port(params.get("port"))
        url = SQLTrackerStore.get_db_url(host=host, **params)
        return normalise_url(url if isinstance(url, str) else url.render_as_string(hide_password=False))
    return database_url()


class RedactingTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that masks e-mails, phones, NIR, IBANs and addresses and keeps review summaries."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        purge_on_start: bool = True,
        **kwargs: Any,
    ) -> None:
        url = configured_url(host, kwargs)
        prepare_database(url)
        extra = {key: value for key, value in kwargs.items() if key not in SQL_STORE_KEYS}
        super().__init__(domain=domain, host=url, event_broker=event_broker, **extra)
        self._use_resilient_engine(url)
        enable_sqlite_wal(self.engine)
        create_tables(self.engine)
        if purge_on_start:
            self._purge_expired()
        self.retry_seconds = RETRY_SECONDS
        self.summary_delay = SUMMARY_DELAY_SECONDS
        self._recent: OrderedDict[str, Remembered] = OrderedDict()
        self._outage_since: float | None = None
        self._retry_task: asyncio.Task | None = None
        self._stale_summaries: set[str] = set()
        self._summary_task: asyncio.Task | None = None
        self._last_event_id = sa.select(sa.func.max(self.SQLEvent.id)).where(
            self.SQLEvent.sender_id == sa.bindparam("sender_id"))

    def _use_resilient_engine(self, url: str) -> None:
        """PostgreSQL: check pooled connections before use (a restarted database leaves dead ones) and give
        up connecting after a few seconds. SQLite file: keep a small pool of open connections (SQLAlchemy 1.4
        opens and closes the file for every session otherwise, about a tenth of the server's time per message)."""
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=5, max_overflow=10,
                                           connect_args={"check_same_thread": False})
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
            return
        if self.engine.dialect.name != "postgresql":
            return
        kwargs = create_engine_kwargs(url)
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **kwargs)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _purge_expired(self) -> None:
        try:
            retention.purge(self.engine)
        except Exception:  # the bot must start even if the purge fails; the purge command reports it
            logger.exception("retention purge at start-up failed")

    @property
    def in_outage(self) -> bool:
        """True while the database is considered unreachable (conversations are served from memory)."""
        return self._outage_since is not None

    def pending_conversations(self) -> list[str]:
        """The conversations with events that are not in the database yet."""
        return [sender for sender, remembered in self._recent.items() if remembered.pending]

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session of a conversation: from the database, or from memory during an outage."""
        if not self.in_outage:
            try:
                last_id = self._last_id(sender_id)
                remembered = self._recent.get(sender_id)
                if remembered is not None and not remembered.pending and last_id is not None \
                        and remembered.last_id == last_id:
                    return self._tracker_from_memory(sender_id, remembered)
                tracker = await super().retrieve(sender_id)
            except sa.exc.SQLAlchemyError as error:
                self._database_failed(error)
            else:
                events = list(tracker.events) if tracker else []
                self._remember(sender_id, events, stored=len(events), last_id=last_id)
                return tracker
        remembered = self._recent.get(sender_id)
        if remembered is None:
            # Its history cannot be read: it goes on as a new session, all of whose events will be written.
            logger.warning("tracker store: conversation %s cannot be read while the database is unreachable; "
                           "it goes on as a new one", sender_id)
            self._remember(sender_id, [], stored=0)
            return None
        self._recent.move_to_end(sender_id)
        if not remembered.events:
            return None
        return DialogueStateTracker.from_events(sender_id, remembered.events, self.domain.slots if self.domain else [])

    def _last_id(self, sender_id: str) -> int | None:
        with self.engine.connect() as connection:
            return connection.execute(self._last_event_id, {"sender_id": sender_id}).scalar()

    def _tracker_from_memory(self, sender_id: str, remembered: Remembered) -> DialogueStateTracker:
        """The conversation as the database holds it (checked by the caller), rebuilt from memory."""
        self._recent.move_to_end(sender_id)
        events = latest_session(remembered.events)
        if len(events) != len(remembered.events):  # a new session began: keep only what a read would give
            remembered.events, remembered.stored = events, len(events)
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots if self.domain else [])

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        """Every session of a conversation; during an outage, only what memory holds (the latest session)."""
        if not self.in_outage:
            try:
                return await super().retrieve_full_tracker(sender_id)
            except sa.exc.SQLAlchemyError as error:
                self._database_failed(error)
        return await self.retrieve(sender_id)

    async def keys(self) -> Iterable[str]:
        if not self.in_outage:
            try:
                return await super().keys()
            except sa.exc.SQLAlchemyError as error:
                self._database_failed(error)
        return list(self._recent)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of `tracker`, masked, then refresh its review summary.

        During an outage the events stay in memory (logged as not stored) until the database is back.
        """
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        remembered = self._recent.get(sender_id)
        if not self.in_outage:
            # The tracker was read through this store, which remembers how many of its events are stored;
            # if it forgot (a very old conversation), the database counts them, as Rasa's SQL store does.
            try:
                written, last_id = self._write(sender_id, tracker.events, remembered.stored if remembered else None)
            except sa.exc.SQLAlchemyError as error:
                self._database_failed(error)
            else:
                if remembered is not None:
                    # As the database holds it (masked), as a read would give it back.
                    events = remembered.events[:remembered.stored] + written
                    known = last_id if last_id is not None else remembered.last_id
                else:  # not read through this store: read back from the database next time
                    events, known = list(tracker.events), None
                self._remember(sender_id, events, stored=len(events), last_id=known)
                self._summary_due(sender_id)
                return
        self._keep_pending(tracker, remembered)

    def _write(self, sender_id: str, events: Iterable[Event],
               start: int | None = None) -> tuple[list[Event], int | None]:
        """Write `events[start:]`; without `start`, those beyond what the database holds of the latest session.

        Returns the events written, as stored (masked), and the id of the last one (None if none was written)."""
        events = list(events)
        with self.session_scope() as session:
            if start is None:
                start = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
            masked = [redact_event(event.as_dict()) for event in events[start:]]
            # Core inserts, one row at a time for its id: the ORM's unit of work cost twice as much per message.
            insert, last_id = self.SQLEvent.__table__.insert(), None
            for event, data in zip(events[start:], masked):
                last_id = session.execute(insert, self._row(sender_id, event, data)).inserted_primary_key[0]
            session.commit()
        return [Event.from_parameters(data) for data in masked], last_id

    def _remember(self, sender_id: str, events: Iterable[Event], stored: int, last_id: int | None = None) -> None:
        self._recent[sender_id] = Remembered(list(events), stored, last_id)
        self._recent.move_to_end(sender_id)
        while len(self._recent) > RECENT_CONVERSATIONS:
            dropped, forgotten = self._recent.popitem(last=False)
            if forgotten.pending:
                logger.error("tracker store: events of conversation %s LOST: the database was unreachable and "
                             "too many conversations were waiting in memory", dropped)

    def _keep_pending(self, tracker: DialogueStateTracker, previous: Remembered | None) -> None:
        # The tracker was read from memory (or from the database before the outage): it extends `previous`.
        sender_id = tracker.sender_id
        added = len(tracker.events) - (len(previous.events) if previous else 0)
        self._remember(sender_id, tracker.events, stored=previous.stored if previous else 0)
        self._schedule_retry()
        if added <= 0:
            return
        logger.warning(
            "tracker store: NOT STORED (database unreachable): %d new event(s) of conversation %s kept in memory "
            "until the database is back (%d conversation(s) waiting)",
            added, sender_id, len(self.pending_conversations()),
        )

    def _database_failed(self, error: Exception) -> None:
        if not self.in_outage:
            self._outage_since = time.monotonic()
            logger.error("tracker store: the database is unreachable (%s: %s); conversations go on from memory "
                         "and will be stored when it is back", type(error).__name__, str(error).splitlines()[0]
                         if str(error) else "")
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        if self._retry_task is not None and not self._retry_task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no event loop (a script): `reconnect()` is called by hand
        self._retry_task = loop.create_task(self._retry_until_stored())

    async def _retry_until_stored(self) -> None:
        while self.in_outage or self.pending_conversations():
            await asyncio.sleep(self.retry_seconds)
            await self.reconnect()

    def _ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    async def reconnect(self) -> bool:
        """Try the database; when it answers, write every pending conversation. True when nothing is pending."""
        try:
            await asyncio.to_thread(self._ping)  # a hanging database must not block the dialogue
        except sa.exc.SQLAlchemyError as error:
            logger.warning("tracker store: the database is still unreachable (%s); %d conversation(s) waiting",
                           type(error).__name__, len(self.pending_conversations()))
            return False
        return self._flush()

    def _flush(self) -> bool:
        written, senders = 0, self.pending_conversations()
        for sender_id in senders:
            remembered = self._recent[sender_id]
            try:
                stored, _ = self._write(sender_id, remembered.events, remembered.stored)
            except sa.exc.SQLAlchemyError as error:
                logger.warning("tracker store: pending events of conversation %s still not stored (%s)",
                               sender_id, type(error).__name__)
                return False
            written += len(stored)
            remembered.stored = len(remembered.events)
            remembered.last_id = None  # written after an outage: read it back once from the database
            self._summary_due(sender_id)
        down_for = time.monotonic() - self._outage_since if self._outage_since is not None else 0.0
        self._outage_since = None
        logger.warning("tracker store: the database answers again (after %.0f s); stored %d pending event(s) of "
                       "%d conversation(s)", down_for, written, len(senders))
        return True

    @staticmethod
    def _row(sender_id: str, event: Event, data: dict[str, Any]) -> dict[str, Any]:
        """The row (column values) of `event`, whose masked form is `data`."""
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _summary_due(self, sender_id: str) -> None:
        """Refresh the review summary of this conversation soon, with the others written meanwhile."""
        self._stale_summaries.add(sender_id)
        if self._summary_task is not None and not self._summary_task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script): now
            self.refresh_summaries()
            return
        self._summary_task = loop.create_task(self._refresh_summaries_soon())

    async def _refresh_summaries_soon(self) -> None:
        await asyncio.sleep(self.summary_delay)
        while self._stale_summaries:
            await asyncio.to_thread(self.refresh_summaries)

    def refresh_summaries(self) -> int:
        """Refresh the review summaries of the conversations written since the last refresh; how many."""
        senders, self._stale_summaries = sorted(self._stale_summaries), set()
        if not senders:
            return 0
        # The conversations are stored: a failure here must not break them (readers catch up later).
        try:
            with self.engine.begin() as connection:
                return summaries.refresh(connection, senders)
        except Exception:
            logger.exception("review summaries not refreshed for %d conversation(s)", len(senders))
            return 0

    async def _stream_new_events(self, event_broker: EventBroker, new_events: list[Event], sender_id: str) -> None:
        """Events published to a broker are masked too."""
        for event in new_events:
            event_broker.publish({"sender_id": sender_id, **redact_event(event.as_dict())})

    async def erase(self, sender_id: str) -> int:
        """Delete one conversation (RGPD erasure); returns the number of events deleted."""
        self._recent.pop(sender_id, None)
        return retention.erase(self.engine, sender_id)


def find_redacting_store(tracker_store: TrackerStore) -> RedactingTrackerStore | None:
    """The RedactingTrackerStore behind Rasa's wrappers (FailSafeTrackerStore, AwaitableTrackerStore)."""
    store: Any = tracker_store
    for _ in range(5):
        if isinstance(store, RedactingTrackerStore):
            return store
        store = getattr(store, "_tracker_store", None)
    return None


async def erase_conversation(tracker_store: TrackerStore, sender_id: str) -> int:
    """Erase a conversation from the agent's tracker store (e.g. `request.app.ctx.agent.tracker_store`).

    Returns the number of events deleted; raises LookupError when the store is not a RedactingTrackerStore.
    """
    store = find_redacting_store(tracker_store)
    if store is None:
        raise LookupError(f"{type(tracker_store).__name__} cannot erase conversations")
    return await store.erase(sender_id)
