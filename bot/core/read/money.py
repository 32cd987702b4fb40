"""A cost and its period in the visitor's words: "12 000 € par an", "15 000 € sur 18 mois", "9k€"."""
from __future__ import annotations

import re

from bot.core.read.durations import months_in
from bot.core.read.numbers import NUMBER, to_int, words_to_digits
from bot.core.read.reading import Reading, detail


class MoneyParse(Reading):
    """A cost read from text, ready for `funding.coverage(amount_eur, months, per_year=per_year)`.

    A monthly cost is turned into a total over `months`, or into a yearly cost when no duration is given.
    """

    def __init__(self, amount_eur: float, months: float | None, per_year: bool):
        super().__init__(amount_eur, {"months": months, "per_year": per_year})

    amount_eur = property(lambda self: self.value)
    months = detail("months")
    per_year = detail("per_year")


_AMOUNT = re.compile(
    rf"(?<![\d,.])({NUMBER}|\d{{1,3}}(?:\.\d{{3}})+)(?:,(\d{{1,2}}))?\s*(k|mille)?\s*(€|euros?\b|eur\b)"
    rf"|(?<![\d,.])(\d+(?:,\d+)?)\s*(k)\b"
)
_EURO_FIRST = re.compile(rf"€\s*({NUMBER})")
_PER_YEAR = re.compile(r"(?:par|/|chaque|l')\s*(?:an|annee)\b|\bannuel")
_PER_MONTH = re.compile(r"(?:par|/|chaque)\s*mois\b|\bmensuel")
_BARE_AMOUNT = re.compile(rf"(?<![\d,.])({NUMBER})(?:,(\d{{1,2}}))?(?![\d,.]|\s*(?:mois|ans?|annees?|%)\b)")


MIN_BARE_AMOUNT_EUR = 100


def _number(units: str, cents: str | None) -> float:
    return to_int(units) + (int(cents.ljust(2, "0")) / 100 if cents else 0.0)


def _amount(text: str) -> float | None:
    found = _AMOUNT.search(text)
    if found:
        if found.group(5):  # "9k", "1,5 k"
            return float(found.group(5).replace(",", ".")) * 1000
        value = _number(found.group(1), found.group(2))
        return value * 1000 if found.group(3) else value
    found = _EURO_FIRST.search(text)
    if found:
        return _number(found.group(1), None)
    found = _BARE_AMOUNT.search(text)
    if found:
        value = _number(found.group(1), found.group(2))
        # A number without a currency is a cost only if it is sized like one: "une" (1) in "modifier une réponse"
        # is not.
        return value if value >= MIN_BARE_AMOUNT_EUR else None
    return None


def parse_money(text: str) -> MoneyParse | None:
    """Read a cost and its period: "12 000 € par an", "15 000 € sur 18 mois", "9k€", "dix mille euros"."""
    converted = words_to_digits(text, small=True)
    amount = _amount(converted)
    if amount is None or amount < 0:
        return None  # "0 €" is read, so that the simulation can say the cost must be above zero
    months = months_in(converted)
    if _PER_MONTH.search(converted):
        if months:
            return MoneyParse(amount * months, months, per_year=False)
        return MoneyParse(amount * 12, None, per_year=True)
    return MoneyParse(amount, months, per_year=bool(_PER_YEAR.search(converted)))
