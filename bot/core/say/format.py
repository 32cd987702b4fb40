"""How figures are written in French: numbers, amounts, percentages, dates, durations, counts and lists.

The one place a figure becomes text: every message, FAQ placeholder and channel answer goes through these.
Figures are grouped and joined to € and % by a narrow no-break space (NNBSP, chosen in `typography`), so that
"9 000 €" or "55 %" never breaks across two lines.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bot.core.say.typography import NNBSP

__all__ = [
    "format_count",
    "format_date",
    "format_eur",
    "format_months",
    "format_number",
    "format_percent",
    "join_and",
    "number_in_words",
]

# The months' names, for every date the product writes (the review console and the simulator too).
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
_NUMBER_WORDS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
)


def _french_number(value: int | float | Decimal, money: bool) -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    units, cents = divmod(abs(amount), 1)
    text = f"{int(units):,}".replace(",", NNBSP)
    if cents:
        digits = f"{cents:.2f}"[2:]
        text += "," + (digits if money else digits.rstrip("0"))
    return ("-" if amount < 0 else "") + text


def format_number(value: int | float | Decimal) -> str:
    """French number: `5000 -> "5 000"`, `1.5 -> "1,5"` (groups joined by NNBSP, decimal comma, at most 2 decimals)."""
    return _french_number(value, money=False)


def format_eur(value: int | float | Decimal) -> str:
    """French amount: `9000 -> "9 000 €"`, `6750.5 -> "6 750,50 €"` (cents only when not zero)."""
    return _french_number(value, money=True) + NNBSP + "€"


def format_percent(value: int | float) -> str:
    """`55 -> "55 %"`."""
    return f"{format_number(value)}{NNBSP}%"


def format_months(months: float) -> str:
    """A duration in months: `18 -> "18 mois"`, `7.5 -> "7,5 mois"`."""
    return f"{format_number(months)} mois"


def format_count(value: int, singular: str, plural: str) -> str:
    """A count with its noun agreed: `(1, "an", "ans") -> "1 an"`, `(20, ...) -> "20 ans"`."""
    return f"{format_number(value)} {singular if value == 1 else plural}"


def join_and(items: list[str]) -> str:
    """Items joined the French way: "a", "a et b", "a, b et c"."""
    return f"{', '.join(items[:-1])} et {items[-1]}" if len(items) > 1 else "".join(items)


def format_date(value: date) -> str:
    """French date: `date(2026, 2, 28) -> "28 février 2026"`, first day as "1er"."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def number_in_words(value: int) -> str:
    """Small counts in words (`3 -> "trois"`), digits beyond twelve."""
    return _NUMBER_WORDS[value] if 0 <= value < len(_NUMBER_WORDS) else str(value)
