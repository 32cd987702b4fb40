"""Markdown shared by the messages: "- " bullet lists and the closing "Source : …" line."""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.format import join_and


def bullets(lines: list[str]) -> str:
    """One "- " line per item."""
    return "\n".join(f"- {line}" for line in lines)


def source_line(k: Knowledge, *source_ids: str) -> str:
    """The closing line every message ends with: "Source : " and the titles of its sources."""
    return "Source : " + join_and([k.source(source_id).title for source_id in source_ids])
