"""Checks shared by the tests of the saying floor (tests/unit/test_say_*.py): sourced, no typed figure, French
typography (also on the replies of the real servers, tests/e2e/test_typography.py)."""

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


# Addresses are left as they are: "https://…?x=1", "contact@opco.fr".
ADDRESS = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What French typography forbids, each with its reason: any space but NNBSP, a line break or nothing at all.
TYPOGRAPHY = {
    "breakable space or line break before ; : ! ? »": re.compile(r"[^\S\u202f]+[;:!?»]"),
    "no space before ! ? »": re.compile(r"[^\W\d_][!?]|[^\s«]»"),
    "breakable space or line break after «": re.compile(r"«[^\S\u202f]"),
    "no space after «": re.compile(r"«\S"),
    "breakable space inside a figure": re.compile(r"\d[^\S\u202f]+\d{3}(?!\d)"),
    "breakable space or none before € or %": re.compile(r"\d(?:[^\S\u202f]*|\s*\n\s*)[€%]"),
    "figure of five digits or more without groups": re.compile(r"(?<![\d-])\d{5,}(?![\d-])"),
}


def typography_problems(text: str) -> list[str]:
    """What breaks French typography in `text` as a visitor receives it, addresses aside; [] when nothing."""
    text = ADDRESS.sub("ADDRESS", text)
    return [f"{reason}: {found.group()!r}" for reason, pattern in TYPOGRAPHY.items()
            for found in pattern.finditer(text)]
