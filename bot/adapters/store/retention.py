"""How long conversations are kept (RGPD): the retention purge and the erasure of one conversation."""
from __future__ import annotations

import logging
import os
import time

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.adapters.store.schema import conversations, events, notes
from bot.adapters.store.summaries import chunks

RETENTION_DAYS_ENV = "VAE_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 90
DAY_SECONDS = 86_400

logger = logging.getLogger(__name__)


def retention_days() -> int:
    """$VAE_RETENTION_DAYS, else 90; a value that is not a positive whole number falls back to 90."""
    raw = os.environ.get(RETENTION_DAYS_ENV, "")
    try:
        days = int(raw)
    except ValueError:
        if raw:
            logger.warning("%s=%r is not a number of days; keeping conversations %d days",
                           RETENTION_DAYS_ENV, raw, DEFAULT_RETENTION_DAYS)
        return DEFAULT_RETENTION_DAYS
    return days if days > 0 else DEFAULT_RETENTION_DAYS


def _delete_conversations(connection: Connection, sender_ids: list[str]) -> None:
    for batch in chunks(sender_ids):
        for table in (events, conversations, notes):
            connection.execute(table.delete().where(table.c.sender_id.in_(batch)))


def erase(engine: Engine, sender_id: str) -> int:
    """Delete every trace of one conversation (events, summary, note); returns the events deleted."""
    with engine.begin() as connection:
        deleted = connection.execute(
            sa.select(sa.func.count()).select_from(events).where(events.c.sender_id == sender_id)
        ).scalar()
        _delete_conversations(connection, [sender_id])
    logger.info("conversation erased on request (%d events)", deleted)
    return deleted


def expired_senders(connection: Connection, days: int, now: float | None = None) -> list[str]:
    """Conversations whose last event is older than `days` days."""
    cutoff = (now if now is not None else time.time()) - days * DAY_SECONDS
    query = (
        sa.select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    return [sender for (sender,) in connection.execute(query)]


def purge(engine: Engine, days: int | None = None, now: float | None = None, dry_run: bool = False) -> int:
    """Delete the conversations inactive for more than `days` (default: `retention_days()`); returns how many."""
    days = days if days is not None else retention_days()
    with engine.begin() as connection:
        senders = expired_senders(connection, days, now)
        if not dry_run:
            _delete_conversations(connection, senders)
    logger.info("retention purge: %d conversations older than %d days%s", len(senders), days,
                " (dry run)" if dry_run else "")
    return len(senders)
