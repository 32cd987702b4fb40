"""The read layer of the review console and CLI: filtered pages, transcripts, statistics, exports.

Lists and statistics read the summary table (review_conversations), filtered and paginated in SQL with
keyset pagination on (started_at, sender_id); transcripts read Rasa's events. `ReviewStore.sync()`
brings the summaries up to date first.
"""
from __future__ import annotations

import base64
import binascii
import json
import time
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, time as day_time, timedelta
from typing import Any, Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.adapters.store.conversation import (ABANDONED, ELIGIBLE, NO_FORM, NOT_ELIGIBLE, OUTCOMES, UNDETERMINED, Conversation,
                                    Entry, read_conversation, search_key)
from bot.adapters.store.notes import TAGS, Note, get_note
from bot.adapters.store.schema import conversations, create_tables, notes
from bot.adapters.store.summaries import TIMEZONE, catch_up, events_by_sender

PAGE_SIZE = 50
EXPORT_BATCH = 500
SYNC_INTERVAL_SECONDS = 2.0
ROLES = ("candidat", "employeur")
TRUE_WORDS = frozenset({"1", "true", "on", "oui", "yes"})


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _day_start(day: date) -> float:
    return datetime.combine(day, day_time.min, TIMEZONE).timestamp()


@dataclass(frozen=True)
class Filters:
    """What the support agent filters on; every field is optional."""

    start: date | None = None  # conversations started on or after this day (Europe/Paris)
    end: date | None = None  # … and on or before this day
    channel: str | None = None
    role: str | None = None  # candidat | employeur
    outcome: str | None = None  # one of conversation.OUTCOMES
    misunderstood: bool = False  # at least one message not understood
    negative_feedback: bool = False  # at least one 👎
    tag: str | None = None  # one of notes.TAGS
    text: str | None = None  # words in the visitor's messages

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Filters":
        """Filters from query-string parameters; unknown or malformed values are ignored."""
        def text(name: str) -> str | None:
            value = params.get(name)
            if isinstance(value, list):  # Sanic's request.args holds lists
                value = value[0] if value else None
            return (value.strip() or None) if isinstance(value, str) else None

        def choice(name: str, allowed: tuple[str, ...]) -> str | None:
            value = text(name)
            return value if value in allowed else None

        return cls(
            start=_parse_date(text("start")),
            end=_parse_date(text("end")),
            channel=(text("channel") or "")[:64] or None,
            role=choice("role", ROLES),
            outcome=choice("outcome", OUTCOMES),
            misunderstood=(text("misunderstood") or "").lower() in TRUE_WORDS,
            negative_feedback=(text("negative_feedback") or "").lower() in TRUE_WORDS,
            tag=choice("tag", TAGS),
            text=(text("text") or "")[:200] or None,
        )

    def as_params(self) -> dict[str, str]:
        """The query-string parameters that give back these filters (empty ones left out)."""
        params: dict[str, str] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value in (None, False, ""):
                continue
            params[item.name] = "1" if value is True else value.isoformat() if isinstance(value, date) else str(value)
        return params

    def conditions(self) -> list[sa.sql.ColumnElement]:
        c = conversations.c
        conditions = []
        if self.start:
            conditions.append(c.started_at >= _day_start(self.start))
        if self.end:
            conditions.append(c.started_at < _day_start(self.end + timedelta(days=1)))
        for column, value in ((c.channel, self.channel), (c.role, self.role), (c.outcome, self.outcome)):
            if value:
                conditions.append(column == value)
        if self.misunderstood:
            conditions.append(c.misunderstood > 0)
        if self.negative_feedback:
            conditions.append(c.feedback_down > 0)
        if self.tag:
            conditions.append(notes.c.tag == self.tag)
        if self.text:
            escaped = search_key(self.text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(c.search_text.like(f"%{escaped}%", escape="\\"))
        return conditions


@dataclass(frozen=True)
class ConversationRow:
    """One line of the conversation list."""

    sender_id: str
    started_at: float
    last_event_at: float
    channel: str | None
    role: str | None
    sector: str | None
    outcome: str
    dropped_slot: str | None
    user_messages: int
    misunderstood: int
    feedback_up: int
    feedback_down: int
    first_message: str | None
    tag: str | None
    comment: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


ROW_COLUMNS = [conversations.c[item.name] for item in fields(ConversationRow) if item.name not in ("tag", "comment")]


@dataclass(frozen=True)
class Page:
    rows: list[ConversationRow]
    next_cursor: str | None
    total: int | None


def encode_cursor(row: ConversationRow) -> str:
    raw = json.dumps([row.started_at, row.sender_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[float, str] | None:
    """The position a cursor points after; None for a missing or tampered cursor (first page)."""
    if not cursor:
        return None
    try:
        started_at, sender_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return float(started_at), str(sender_id)
    except (ValueError, TypeError, binascii.Error):
        return None


@dataclass
class Transcript:
    conversation: Conversation
    note: Note | None


@dataclass
class Stats:
    """Figures over the filtered conversations."""

    conversations: int = 0
    user_messages: int = 0
    misunderstood: int = 0
    feedback_up: int = 0
    feedback_down: int = 0
    per_day: list[tuple[str, int]] = field(default_factory=list)
    top_intents: list[tuple[str, int]] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    dropped_slots: list[tuple[str, int]] = field(default_factory=list)
    outcomes_by_sector: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def fallback_rate(self) -> float | None:
        return self.misunderstood / self.user_messages if self.user_messages else None

    @property
    def forms_started(self) -> int:
        return sum(count for outcome, count in self.outcomes.items() if outcome != NO_FORM)

    @property
    def forms_completed(self) -> int:
        return self.forms_started - self.outcomes.get(ABANDONED, 0)

    @property
    def completion_rate(self) -> float | None:
        return self.forms_completed / self.forms_started if self.forms_started else None

    @property
    def positive_feedback_ratio(self) -> float | None:
        given = self.feedback_up + self.feedback_down
        return self.feedback_up / given if given else None

    def as_dict(self) -> dict[str, Any]:
        figures = asdict(self)
        figures["per_day"] = dict(self.per_day)
        figures["top_intents"] = dict(self.top_intents)
        figures["dropped_slots"] = dict(self.dropped_slots)
        for name in ("fallback_rate", "forms_started", "forms_completed", "completion_rate", "positive_feedback_ratio"):
            figures[name] = getattr(self, name)
        return figures


def _filled_days(counts: dict[str, int], max_days: int = 400) -> list[tuple[str, int]]:
    """Per-day counts with the days without conversations as zeros (for charts)."""
    if not counts:
        return []
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    if (last - first).days > max_days:
        return sorted(counts.items())
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [(day.isoformat(), counts.get(day.isoformat(), 0)) for day in days]


class ReviewStore:
    """The conversations as support agents see them, over one database engine."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._synced_at = 0.0
        create_tables(engine)

    def sync(self, force: bool = False) -> int:
        """Bring the summaries up to date (at most every few seconds unless forced)."""
        if not force and time.monotonic() - self._synced_at < SYNC_INTERVAL_SECONDS:
            return 0
        refreshed = catch_up(self.engine)
        self._synced_at = time.monotonic()
        return refreshed

    @staticmethod
    def _filtered(query: sa.sql.Select, filters: Filters, with_notes: bool = False) -> sa.sql.Select:
        """`query` over the filtered conversations; notes are joined when shown or filtered on."""
        source = conversations
        if with_notes or filters.tag:
            source = conversations.outerjoin(notes, notes.c.sender_id == conversations.c.sender_id)
        return query.select_from(source).where(*filters.conditions())

    def page(self, filters: Filters, cursor: str | None = None, limit: int = PAGE_SIZE, with_total: bool = True) -> Page:
        """One page of conversations, most recent first, after `cursor`."""
        c = conversations.c
        query = self._filtered(sa.select(*ROW_COLUMNS, notes.c.tag, notes.c.comment), filters, with_notes=True)
        position = decode_cursor(cursor)
        if position:
            started_at, sender_id = position
            query = query.where(
                c.started_at <= started_at, sa.or_(c.started_at < started_at, c.sender_id < sender_id)
            )
        query = query.order_by(c.started_at.desc(), c.sender_id.desc()).limit(limit + 1)
        with self.engine.connect() as connection:
            rows = [ConversationRow(**row._mapping) for row in connection.execute(query)]
            total = self.count(filters, connection) if with_total else None
        more = len(rows) > limit
        rows = rows[:limit]
        return Page(rows, encode_cursor(rows[-1]) if more else None, total)

    def count(self, filters: Filters, connection: sa.engine.Connection | None = None) -> int:
        query = self._filtered(sa.select(sa.func.count()), filters)
        if connection is not None:
            return connection.execute(query).scalar() or 0
        with self.engine.connect() as new_connection:
            return new_connection.execute(query).scalar() or 0

    def rows(self, filters: Filters) -> Iterator[ConversationRow]:
        """Every filtered conversation, in list order (for exports)."""
        cursor = None
        while True:
            page = self.page(filters, cursor, limit=EXPORT_BATCH, with_total=False)
            yield from page.rows
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def conversations(self, filters: Filters) -> Iterator[tuple[ConversationRow, Conversation]]:
        """Every filtered conversation with its full content, read in batches."""
        batch: list[ConversationRow] = []
        for row in self.rows(filters):
            batch.append(row)
            if len(batch) == EXPORT_BATCH:
                yield from self._with_content(batch)
                batch = []
        yield from self._with_content(batch)

    def _with_content(self, rows: list[ConversationRow]) -> Iterator[tuple[ConversationRow, Conversation]]:
        with self.engine.connect() as connection:
            found = events_by_sender(connection, [row.sender_id for row in rows])
        for row in rows:
            yield row, read_conversation(row.sender_id, [data for _, data in found.get(row.sender_id, [])])

    def transcript(self, sender_id: str) -> Transcript | None:
        with self.engine.connect() as connection:
            found = events_by_sender(connection, [sender_id]).get(sender_id)
            if not found:
                return None
            return Transcript(read_conversation(sender_id, [data for _, data in found]), get_note(connection, sender_id))

    def misunderstood(self, filters: Filters, limit: int = 1000) -> list[Entry]:
        """Visitor messages the bot did not understand, without duplicates, most recent conversations first."""
        seen: set[str] = set()
        found: list[Entry] = []
        for _, conversation in self.conversations(replace(filters, misunderstood=True)):
            for message in conversation.misunderstood:
                key = search_key(message.text).strip()
                if key and key not in seen:
                    seen.add(key)
                    found.append(message)
                    if len(found) >= limit:
                        return found
        return found

    def channels(self) -> list[str]:
        query = sa.select(conversations.c.channel).where(conversations.c.channel.isnot(None)).distinct()
        with self.engine.connect() as connection:
            return sorted(channel for (channel,) in connection.execute(query))

    def stats(self, filters: Filters, top: int = 10) -> Stats:
        c = conversations.c
        with self.engine.connect() as connection:
            totals = connection.execute(self._filtered(sa.select(
                sa.func.count(), sa.func.coalesce(sa.func.sum(c.user_messages), 0),
                sa.func.coalesce(sa.func.sum(c.misunderstood), 0), sa.func.coalesce(sa.func.sum(c.feedback_up), 0),
                sa.func.coalesce(sa.func.sum(c.feedback_down), 0),
            ), filters)).one()
            stats = Stats(*totals)
            stats.per_day = _filled_days(dict(self._grouped(connection, filters, c.day)))
            stats.outcomes = dict(self._grouped(connection, filters, c.outcome))
            stats.dropped_slots = sorted(
                ((slot or "?", n) for slot, n in self._grouped(connection, filters, c.dropped_slot, c.outcome == ABANDONED)),
                key=lambda item: -item[1],
            )
            for sector, outcome, count in connection.execute(
                self._filtered(sa.select(c.sector, c.outcome, sa.func.count()), filters)
                .where(c.outcome.in_((ELIGIBLE, NOT_ELIGIBLE, UNDETERMINED))).group_by(c.sector, c.outcome)
            ):
                stats.outcomes_by_sector.setdefault(sector or "?", {})[outcome] = count
            stats.top_intents = self._top_intents(connection, filters, top)
        return stats

    def _grouped(self, connection: sa.engine.Connection, filters: Filters, column: sa.Column,
                 *where: sa.sql.ColumnElement) -> list[tuple[Any, int]]:
        query = self._filtered(sa.select(column, sa.func.count()), filters).where(*where).group_by(column)
        return [(value, count) for value, count in connection.execute(query)]

    def _top_intents(self, connection: sa.engine.Connection, filters: Filters, top: int) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for (intents,) in connection.execute(self._filtered(sa.select(conversations.c.intents), filters)):
            for intent, count in json.loads(intents or "{}").items():
                counts[intent] = counts.get(intent, 0) + count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
