"""The conversation store: Rasa's SQL tracker store with personal data masked, and its read layer.

- redaction.py     masking of e-mails, phones, NIR, IBANs, addresses (pure)
- conversation.py  one conversation read from its events: transcript, outcome, "not understood" (pure)
- database.py      the store's URL (endpoints.yml, $VAE_DATABASE_URL or var/conversations.db)
- schema.py        Rasa's `events` table and the review tables derived from it
- summaries.py     the per-conversation summary table, kept up to date
- retention.py     retention purge and erasure of one conversation
- notes.py         support agents' tags and comments
- queries.py       filters, pages, transcripts, statistics and exports for the review console
- tracker_store.py RedactingTrackerStore, the class endpoints.yml names (the only module importing Rasa)
"""
from __future__ import annotations

from typing import Any

__all__ = ["RedactingTrackerStore", "erase_conversation"]


def __getattr__(name: str) -> Any:
    # Imported on demand: the review console and the CLI use this package without loading Rasa.
    if name in __all__:
        from bot.adapters.store import tracker_store

        return getattr(tracker_store, name)
    raise AttributeError(f"module 'bot.adapters.store' has no attribute {name!r}")
