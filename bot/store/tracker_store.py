"""Rasa's SQL tracker store, with personal data masked before any event is written.

Configured in endpoints.yml:

    tracker_store:
      type: bot.store.RedactingTrackerStore

Without `url`/`dialect`/`db` it uses $VAE_DATABASE_URL, else the SQLite file var/conversations.db
(endpoints.yml cannot fall back by itself: ${VAR} only works for variables that are set). An explicit
`url: postgresql://…` or the usual SQL store keys (dialect, host, port, db, username, password) win.
"""
from __future__ import annotations

import json
import logging
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, validate_port
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store import retention, summaries
from bot.store.database import database_url, enable_sqlite_wal, normalise_url, prepare_database
from bot.store.redaction import redact_event
from bot.store.schema import create_tables

logger = logging.getLogger(__name__)

SQL_STORE_KEYS = ("dialect", "port", "db", "username", "password", "query")


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
        enable_sqlite_wal(self.engine)
        create_tables(self.engine)
        if purge_on_start:
            self._purge_expired()

    def _purge_expired(self) -> None:
        try:
            retention.purge(self.engine)
        except Exception:  # the bot must start even if the purge fails; the purge command reports it
            logger.exception("retention purge at start-up failed")

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of `tracker`, masked, then refresh its review summary."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                session.add(self._row(tracker.sender_id, event))
            session.commit()
        self._refresh_summary(tracker.sender_id)

    def _row(self, sender_id: str, event: Event) -> "SQLTrackerStore.SQLEvent":
        data = redact_event(event.as_dict())
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=((data.get("parse_data") or {}).get("intent") or {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _refresh_summary(self, sender_id: str) -> None:
        # The conversation is stored: a failure here must not break it (readers catch up later).
        try:
            with self.engine.begin() as connection:
                summaries.refresh(connection, [sender_id])
        except Exception:
            logger.exception("review summary not refreshed for a conversation")

    async def _stream_new_events(self, event_broker: EventBroker, new_events: list[Event], sender_id: str) -> None:
        """Events published to a broker are masked too."""
        for event in new_events:
            event_broker.publish({"sender_id": sender_id, **redact_event(event.as_dict())})

    async def erase(self, sender_id: str) -> int:
        """Delete one conversation (RGPD erasure); returns the number of events deleted."""
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
