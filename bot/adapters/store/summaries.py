"""The summary table (review_conversations), derived from Rasa's events and kept up to date.

Two paths keep it fresh, both through `refresh`: the tracker store refreshes a conversation right after
saving its events, and readers call `catch_up`, which picks up events written by anything else (a plain
SQL tracker store, a restore) from a watermark on the event id. `rebuild` starts again from scratch.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterable, Iterator
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.adapters.store.conversation import Conversation, read_conversation, search_key
from bot.adapters.store.schema import conversations, events, state, upsert

TIMEZONE = ZoneInfo("Europe/Paris")
BATCH = 500
WATERMARK_KEY = "summaries_up_to_event"
FIRST_MESSAGE_CHARS = 200


def local_day(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, TIMEZONE).date().isoformat()


def summary_row(conversation: Conversation, last_event_id: int) -> dict[str, Any]:
    """The review_conversations row of a conversation."""
    messages = conversation.user_messages
    started = conversation.started_at or 0.0
    return {
        "sender_id": conversation.sender_id,
        "started_at": started,
        "last_event_at": conversation.last_event_at or started,
        "last_event_id": last_event_id,
        "day": local_day(started),
        "channel": conversation.channel,
        "role": conversation.role,
        "sector": conversation.sector,
        "outcome": conversation.outcome,
        "dropped_slot": conversation.dropped_slot,
        "user_messages": len(messages),
        "bot_messages": len(conversation.bot_messages),
        "misunderstood": len(conversation.misunderstood),
        "feedback_up": conversation.feedback_count("up"),
        "feedback_down": conversation.feedback_count("down"),
        "first_message": messages[0].text[:FIRST_MESSAGE_CHARS] if messages else None,
        "intents": json.dumps(conversation.intent_counts(), sort_keys=True),
        "search_text": search_key("\n".join(m.text for m in messages)),
    }


def chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def events_by_sender(connection: Connection, sender_ids: Iterable[str]) -> dict[str, list[tuple[int, dict]]]:
    """The events (id, parsed data) of each sender, oldest first."""
    found: dict[str, list[tuple[int, dict]]] = {}
    for batch in chunks(sorted(set(sender_ids))):
        rows = connection.execute(
            sa.select(events.c.id, events.c.sender_id, events.c.data)
            .where(events.c.sender_id.in_(batch)).order_by(events.c.id)
        )
        for event_id, sender_id, data in rows:
            found.setdefault(sender_id, []).append((event_id, json.loads(data)))
    return found


def refresh(connection: Connection, sender_ids: Iterable[str]) -> int:
    """Recompute the summaries of these conversations from their events; drop those without events."""
    wanted = set(sender_ids)
    found = events_by_sender(connection, wanted)
    rows = [
        summary_row(read_conversation(sender, [data for _, data in items]), items[-1][0])
        for sender, items in found.items()
    ]
    upsert(connection, conversations, rows, newer_than="last_event_id")
    gone = sorted(wanted - found.keys())
    for batch in chunks(gone):
        connection.execute(conversations.delete().where(conversations.c.sender_id.in_(batch)))
    return len(rows)


def _watermark(connection: Connection) -> int:
    value = connection.execute(sa.select(state.c.value).where(state.c.key == WATERMARK_KEY)).scalar()
    return int(value) if value else 0


def catch_up(engine: Engine) -> int:
    """Refresh the conversations that received events since the last call; returns how many."""
    with engine.begin() as connection:
        done = _watermark(connection)
        latest = connection.execute(sa.select(sa.func.max(events.c.id))).scalar() or 0
        if latest <= done:
            return 0
        senders = [
            sender for (sender,) in connection.execute(
                sa.select(events.c.sender_id).where(events.c.id > done, events.c.id <= latest).distinct()
            )
        ]
    refreshed = 0
    for batch in chunks(senders):
        with engine.begin() as connection:
            refreshed += refresh(connection, batch)
    with engine.begin() as connection:
        upsert(connection, state, [{"key": WATERMARK_KEY, "value": str(latest)}])
    return refreshed


def rebuild(engine: Engine) -> int:
    """Recompute every summary from the events table."""
    with engine.begin() as connection:
        connection.execute(state.delete().where(state.c.key == WATERMARK_KEY))
        connection.execute(conversations.delete())
    return catch_up(engine)
