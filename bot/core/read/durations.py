"""Durations in the visitor's words, read in one place: "18 mois", "un an et demi", "6 semaines", "2 ans"."""
from __future__ import annotations

import re

from bot.core.knowledge import Knowledge, load
from bot.core.read.numbers import digits
from bot.core.read.reading import NOT_POSITIVE, TOO_LONG, UNCLEAR, Reading

MONTHS_PER_YEAR = 12
WEEKS_PER_YEAR = 52
# A duration and its unit, with an optional "et demi": on text whose numbers are digits (see numbers.py).
DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mois|ans?|annees?|semaines?)\b(\s+et\s+demie?)?")
# A duration inside a longer sentence: months, or years after a word that introduces a length ("sur 2 ans",
# "pour un an"),
# so that "j'ai 25 ans" is not taken for one.
_DURATION_MENTION = re.compile(
    r"(\d+(?:[.,]\d+)?) ?mois\b|\b(?:contrat|duree|sur|pendant|durant|pour) (?:de |d )?(?:environ )?(\d+) ?(ans?|annees?)\b"
    r"( et demie?)?"
)


def months_of(number: str, unit: str, half: str | None = None) -> float:
    """Months in `number` `unit` ("et demi" adds half a unit): "6 semaines" is 1.4, "un an et demi" 18."""
    value = float(number.replace(",", ".")) + (0.5 if half else 0.0)
    if unit == "mois":
        return value
    if unit.startswith("semaine"):
        return round(value * MONTHS_PER_YEAR / WEEKS_PER_YEAR, 1)
    return value * MONTHS_PER_YEAR


def months_in(text: str) -> float | None:
    """The first duration of `text` (numbers already in digits), in months, or None."""
    found = DURATION.search(text)
    return months_of(*found.groups()) if found else None


class MonthsParse(Reading):
    """A contract duration in months read from text: `months` when `problem` is None."""

    def __init__(self, months: float | None = None, problem: str | None = None):
        super().__init__(months, problem=problem)

    months = property(lambda self: self.value)


def check_contract_months(months: float, k: Knowledge) -> MonthsParse:
    """A contract length within the allégé contract's bounds, or the problem with it."""
    if months <= 0 or (k.contract.min_months is not None and months < k.contract.min_months):
        return MonthsParse(None, NOT_POSITIVE)
    if months > k.contract.max_months:
        return MonthsParse(None, TOO_LONG)
    return MonthsParse(months)


def parse_contract_months(text: str, k: Knowledge | None = None) -> MonthsParse:
    """Read an answer to "combien de mois ?": "12 mois", "un an et demi", "deux ans", a bare "18" (months)."""
    k = k or load()
    converted = digits(text)
    months = months_in(converted)
    if months is not None:
        return check_contract_months(months, k)
    bare = re.search(r"(?<![\d,.])(\d+(?:[.,]\d+)?)(?![\d,.])", converted)
    if bare:
        return check_contract_months(float(bare.group(1).replace(",", ".")), k)
    return MonthsParse(None, UNCLEAR)


def find_contract_months_in(text: str, k: Knowledge | None = None) -> float | None:
    """A contract duration mentioned in a sentence ("des contrats de 12 mois", "sur deux ans"), or None."""
    k = k or load()
    found = _DURATION_MENTION.search(digits(text))
    if not found:
        return None
    months = float(found.group(1).replace(",", ".")) if found.group(1) else months_of(
        found.group(2), found.group(3), found.group(4))
    return check_contract_months(months, k).months
