"""Support agents' tag and comment on a conversation ("à revoir", "ajouter aux données")."""
from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.adapters.store.redaction import redact_text
from bot.adapters.store.schema import notes, upsert

TO_REVIEW, ADD_TO_DATA, DONE = "a_revoir", "ajouter_aux_donnees", "traite"
TAGS = (TO_REVIEW, ADD_TO_DATA, DONE)
MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class Note:
    tag: str | None
    comment: str
    author: str | None
    updated_at: float


def get_note(connection: Connection, sender_id: str) -> Note | None:
    row = connection.execute(
        sa.select(notes.c.tag, notes.c.comment, notes.c.author, notes.c.updated_at).where(notes.c.sender_id == sender_id)
    ).first()
    return Note(row.tag, row.comment or "", row.author, row.updated_at) if row else None


def save_note(engine: Engine, sender_id: str, tag: str | None, comment: str, author: str) -> Note:
    """Set the tag (one of TAGS, or none) and the comment; agents' comments are masked like visitors' texts."""
    if tag is not None and tag not in TAGS:
        raise ValueError(f"unknown tag {tag!r}")
    note = Note(tag, redact_text(comment.strip()[:MAX_COMMENT_CHARS]), author, time.time())
    with engine.begin() as connection:
        upsert(connection, notes, [{"sender_id": sender_id, **note.__dict__}])
    return note
