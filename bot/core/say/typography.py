"""French typography: the no-break spaces of every message a visitor receives.

One character, U+202F (narrow no-break space, NNBSP), wherever French typography wants a space that never breaks:
before ; : ! ? and », after «, between the groups of a figure ("9 000") and before € and % ("9 000 €", "55 %").
One character rather than a choice between it and U+00A0: a line never breaks there, and browsers draw it
everywhere (a font without it falls back to another).

`typeset` is applied where a message leaves the product (bot.adapters.nlg for domain responses, actions/context.py
for the actions' messages, bot.core.say.channel for the channels' own sentences), so the text stored in the
tracker is the text the visitor saw. The figures of bot.core.say.format already use NNBSP.
"""

from __future__ import annotations

import re

__all__ = ["NNBSP", "typeset", "typeset_buttons", "untypeset"]

NNBSP = "\u202f"
_SPACES = "[ \u00a0\u202f]"  # the spaces typeset replaces: ordinary, no-break, narrow no-break

# What typeset leaves alone: web addresses, inline code, and e-mail addresses (looked for only around an "@").
_UNTOUCHED = re.compile(r"https?://\S+|www\.\S+|`[^`\n]*`")
_UNTOUCHED_OR_EMAIL = re.compile(rf"{_UNTOUCHED.pattern}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _glued(match: re.Match[str]) -> str:
    """A "?" or "!" glued to a word ("quoi?"), or a "»" glued to anything: the narrow space put in."""
    text, at, sign = match.string, match.start(), match.group()
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    glued = before.isalpha() and (after.isspace() or after in "»)*_\"") if sign in "!?" else not before.isspace()
    return NNBSP + sign if glued and before != "«" else sign


# Each pattern starts with a rare character (or a space), which keeps `typeset` fast on long answers.
_RULES = (
    # Before the high signs and the closing guillemet: the spaces typed, or none at all ("quoi?", "oui»").
    (re.compile(rf"{_SPACES}+([;:!?»])"), NNBSP + r"\1"),
    (re.compile(r"[!?»]"), _glued),
    # After the opening guillemet.
    (re.compile(rf"«{_SPACES}*(?=\S)"), "«" + NNBSP),
    # Inside a figure ("13 120") and between a figure and its unit sign ("55 %", "9 000 €").
    (re.compile(rf"(\d){_SPACES}(?=\d{{3}}(?!\d))"), r"\1" + NNBSP),
    (re.compile(rf"(\d){_SPACES}*([€%])"), r"\1" + NNBSP + r"\2"),
)


def _typeset_words(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def typeset(text: str) -> str:
    """`text` with French no-break spaces (see the module's docstring); idempotent, addresses left as they are."""
    parts, start = [], 0
    for match in (_UNTOUCHED_OR_EMAIL if "@" in text else _UNTOUCHED).finditer(text):
        parts += [_typeset_words(text[start:match.start()]), match.group()]
        start = match.end()
    return "".join(parts + [_typeset_words(text[start:])])


def typeset_buttons(buttons: list[dict[str, str]] | None) -> list[dict[str, str]] | None:
    """Buttons with their titles typeset; the payloads, read by the NLU as if typed, stay as they are."""
    return buttons and [{**button, "title": typeset(button["title"])} if "title" in button else button
                        for button in buttons]


def untypeset(text: str) -> str:
    """`text` with its no-break spaces as ordinary spaces: for searching and matching what a person types."""
    return text.replace(NNBSP, " ").replace("\u00a0", " ")
