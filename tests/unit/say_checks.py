"""Checks shared by the tests of the saying floor (tests/unit/test_say_*.py): sourced, no typed figure."""

from __future__ import annotations

import re
from datetime import date

from bot.core.knowledge import load
from bot.core.say.faq import faq_placeholders

K = load()
OPEN = date(2025, 6, 26)
CLOSED = date(2026, 11, 1)


def assert_sourced(message: str) -> None:
    last = message.strip().splitlines()[-1]
    assert last.startswith("Source : "), last
    titles = [source.title for source in K.sources.values()]
    assert any(title in last for title in titles)


def assert_no_typed_digits(message: str, *computed: str) -> None:
    """Every digit comes from the knowledge data or from a computed figure."""
    allowed = [*faq_placeholders(K).values(), *(s.url for s in K.sources.values()), *computed]
    allowed += [opco.website for opco in K.opcos]
    for value in sorted(allowed, key=len, reverse=True):
        message = message.replace(value, "")
    assert not re.search(r"\d", message), message
