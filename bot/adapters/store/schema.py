"""Tables of the conversation store.

`events` is Rasa's own table (same definition as rasa.core.tracker_store.SQLTrackerStore.SQLEvent) and
the source of truth. The review tables next to it are derived or belong to the support team:
- review_conversations: one summary row per conversation, rebuilt from `events` at any time, so that the
  conversation list filters and pages in SQL;
- review_notes: the tag and comment a support agent gives a conversation;
- review_state: bookkeeping (up to which event the summaries are up to date).
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

metadata = sa.MetaData()

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, sa.Sequence("events_seq", optional=True), primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)

conversations = sa.Table(
    "review_conversations",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("started_at", sa.Float, nullable=False),
    sa.Column("last_event_at", sa.Float, nullable=False),
    sa.Column("last_event_id", sa.Integer, nullable=False),
    sa.Column("day", sa.String(10), nullable=False),  # start date, Europe/Paris, YYYY-MM-DD
    sa.Column("channel", sa.String(64)),
    sa.Column("role", sa.String(32)),
    sa.Column("sector", sa.String(64)),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("dropped_slot", sa.String(64)),
    sa.Column("user_messages", sa.Integer, nullable=False),
    sa.Column("bot_messages", sa.Integer, nullable=False),
    sa.Column("misunderstood", sa.Integer, nullable=False),
    sa.Column("feedback_up", sa.Integer, nullable=False),
    sa.Column("feedback_down", sa.Integer, nullable=False),
    sa.Column("first_message", sa.Text),
    sa.Column("intents", sa.Text),  # JSON {"intent": count}
    sa.Column("search_text", sa.Text),  # user messages, lower case without accents
    sa.Index("ix_review_conversations_started", "started_at", "sender_id"),
    sa.Index("ix_review_conversations_outcome", "outcome", "started_at"),
    sa.Index("ix_review_conversations_role", "role", "started_at"),
    sa.Index("ix_review_conversations_channel", "channel", "started_at"),
    sa.Index("ix_review_conversations_last_event", "last_event_at"),
)

notes = sa.Table(
    "review_notes",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("tag", sa.String(32)),
    sa.Column("comment", sa.Text),
    sa.Column("author", sa.String(64)),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Index("ix_review_notes_tag", "tag"),
)

state = sa.Table(
    "review_state",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)


def create_tables(engine: Engine, tables_metadata: sa.MetaData = metadata) -> None:
    """Create the missing tables; several processes starting at once may race, which is harmless."""
    try:
        tables_metadata.create_all(engine, checkfirst=True)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.IntegrityError) as error:
        logger.warning("tables not created (created meanwhile by another process?): %s", error)


def upsert(connection: sa.engine.Connection, table: sa.Table, rows: list[dict], newer_than: str | None = None) -> None:
    """Insert `rows`, or update the rows with the same primary key.

    With `newer_than` (a column name), an existing row is only replaced by a row with a greater or equal
    value in that column, so that a slow writer never overwrites a fresher summary.
    """
    if not rows:
        return
    dialect = connection.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"upsert is not implemented for {dialect}")
    statement = insert(table)
    keys = [column.name for column in table.primary_key.columns]
    updates = {column.name: statement.excluded[column.name] for column in table.columns if column.name not in keys}
    where = table.c[newer_than] <= statement.excluded[newer_than] if newer_than else None
    connection.execute(statement.on_conflict_do_update(index_elements=keys, set_=updates, where=where), rows)
