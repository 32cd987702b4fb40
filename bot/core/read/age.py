"""Ages in the visitor's words: "19 ans", "dix-neuf ans", a birth date or year, a range ("16-25 ans")."""
from __future__ import annotations

import re
from datetime import date

from bot.core.knowledge import Knowledge, load
from bot.core.read.numbers import NUMBER, to_int, words_to_digits
from bot.core.read.reading import UNCLEAR, Reading, detail

MAX_AGE = 120
MIN_PLAUSIBLE_AGE = 10  # below this, an answer is a typo or a joke, not the visitor's age

# problem codes of AgeParse
NEGATIVE = "negative"
IMPOSSIBLE = "impossible"  # over MAX_AGE, or a date that does not exist
TOO_YOUNG_TO_BE_TRUE = "too_young_to_be_true"  # under MIN_PLAUSIBLE_AGE, including 0
FUTURE = "future"  # birth date or year after today
AMBIGUOUS = "ambiguous"  # a range on both sides of the minimum age: ask for the exact age


class AgeParse(Reading):
    """An age read from text.

    `age` is set when `problem` is None. For a range ("16-25 ans", a birth year only) `band` holds
    (lowest, highest) possible age (None = open) and `age` is a representative with the same
    eligibility as every age of the band: the lowest, or the highest for "moins de N ans". A band
    on both sides of the minimum age gives `problem="ambiguous"` instead.
    """

    def __init__(self, age: int | None = None, birth_date: date | None = None, birth_year: int | None = None,
                 band: tuple[int | None, int | None] | None = None, problem: str | None = None):
        super().__init__(age, {"birth_date": birth_date, "birth_year": birth_year, "band": band}, problem)

    age = property(lambda self: self.value)
    birth_date = detail("birth_date")
    birth_year = detail("birth_year")
    band = detail("band")

    @property
    def approximate(self) -> bool:
        return self.band is not None


_MONTH_NAMES = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)
_NUMERIC_DATE = re.compile(r"(?<![\d-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORD_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)?\s+({'|'.join(_MONTH_NAMES)})\s+(\d{{4}}|\d{{2}})(?!\d)")
# An age the visitor is about to reach ("j'ai 16 ans demain", "je vais avoir 16 ans en janvier"): today they
# are a year younger.
_SOON_AGE = re.compile(
    rf"\b(?:vais|va|vas) avoir\s+(\d+)\s*ans?\b|\baurai\s+(\d+)\s*ans?\b"
    rf"|\b(\d+)\s*ans?\s+(?:demain|bientot|prochainement|la semaine prochaine|le mois prochain"
    rf"|l.annee prochaine|en (?:{'|'.join(_MONTH_NAMES)})\b|le \d)"
)
_BIRTH_YEAR = re.compile(r"\b(?:nee?s?|naissance|annee|de|en)\s+(?:en\s+|le\s+)?(\d{4}|\d{2})(?!\d)")
_BARE_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_UNDER = re.compile(r"(?:moins de|-\s*de|<)\s*(\d+)\s*ans?\b")
_OVER = re.compile(r"(?:plus de|\+\s*de|>)\s*(\d+)\s*ans?\b")
_AT_LEAST = re.compile(r"(?:au moins|minimum)\s*(\d+)\s*ans?\b|(\d+)\s*ans?\s*(?:et|ou)\s*plus\b|(\d+)\s*\+")
_RANGE = re.compile(r"(?:entre\s+)?(\d+)\s*(?:-|–|a|et)\s*(\d+)\s*ans?\b|^\s*(\d+)\s*(?:-|–)\s*(\d+)\s*$")
_SIGNEDNUMBER = re.compile(rf"(-\s*)?({NUMBER})(?:[.,]\d+)?(\s*(?:ans?|annees?)\b)?")
_SPAN = r"(?:plus de |moins de |au moins |environ |presque )?(?:" + NUMBER + r")(?:[.,]\d+)?\s*"
# Numbers that are not the visitor's age: amounts, short durations, percentages, years of
# experience, "depuis 5 ans", "sur 2 ans". They are blanked before any age is looked for.
_NOT_AN_AGE = re.compile(
    _SPAN + r"(?:k€|k\b|€|euros?\b|eur\b|mois\b|semaines?\b|jours?\b|heures?\b|h\b|%)"
    r"|" + _SPAN + r"(?:ans?|annees?)\s+d\s*'?\s*(?:experience|anciennete|etudes?)\b"
    r"|\b(?:depuis|pendant|durant|il y a|sur|pour|dans)\s+" + _SPAN + r"(?:ans?|annees?)\b"
)


def age_on(birth_date: date, today: date) -> int:
    """Exact age in whole years on `today` (negative if born after `today`)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def _full_year(year: str, today: date) -> int:
    value = int(year)
    if len(year) == 2:
        value += 2000 if 2000 + value <= today.year else 1900
    return value


def _checked(age: int, **fields: object) -> AgeParse:
    """Apply the plausibility limits to an age."""
    if age < 0:
        return AgeParse(None, problem=NEGATIVE, **fields)
    if age > MAX_AGE:
        return AgeParse(None, problem=IMPOSSIBLE, **fields)
    if age < MIN_PLAUSIBLE_AGE:
        return AgeParse(None, problem=TOO_YOUNG_TO_BE_TRUE, **fields)
    return AgeParse(age, **fields)


def _from_band(low: int | None, high: int | None, min_age: int, **fields: object) -> AgeParse:
    band = (low, high)
    if low is not None and high is not None and low > high:
        low, high = high, low
        band = (low, high)
    if (low is None or low < min_age) and (high is None or high >= min_age):
        return AgeParse(None, band=band, problem=AMBIGUOUS, **fields)
    representative = high if low is None else low
    parsed = _checked(representative, band=band, **fields)
    if parsed.problem == TOO_YOUNG_TO_BE_TRUE and low is None:
        return AgeParse(representative, band=band, **fields)  # "moins de 16 ans" is a real answer
    return parsed


def _birth_date(text: str, today: date) -> AgeParse | None:
    for pattern, order in ((_ISO_DATE, (2, 1, 0)), (_NUMERIC_DATE, (0, 1, 2)), (_WORD_DATE, (0, 1, 2))):
        found = pattern.search(text)
        if not found:
            continue
        parts = found.groups()
        day, month, year = (parts[index] for index in order)
        month_number = _MONTH_NAMES.index(month) + 1 if month in _MONTH_NAMES else int(month)
        try:
            born = date(_full_year(year, today), month_number, int(day))
        except ValueError:
            return AgeParse(None, problem=IMPOSSIBLE)
        if born > today:
            return AgeParse(None, birth_date=born, problem=FUTURE)
        return _checked(age_on(born, today), birth_date=born)
    return None


def _birth_year(text: str, today: date, min_age: int) -> AgeParse | None:
    found = _BIRTH_YEAR.search(text) or _BARE_YEAR.search(text)
    if not found:
        return None
    raw_year = found.group(1)
    if len(raw_year) == 2 and not re.search(r"\bnee?s?\b", text):
        return None  # "de 25" is not a birth year
    year = _full_year(raw_year, today)
    if year > today.year:
        return AgeParse(None, birth_year=year, problem=FUTURE)
    highest = today.year - year  # after this year's birthday
    if highest - 1 > MAX_AGE:
        return AgeParse(None, birth_year=year, problem=IMPOSSIBLE)
    return _from_band(max(highest - 1, 0), highest, min_age, birth_year=year)


def _band(text: str, min_age: int) -> AgeParse | None:
    found = _RANGE.search(text)
    if found:
        low, high = (int(value) for value in found.groups() if value is not None)
        return _from_band(low, high, min_age)
    found = _UNDER.search(text)
    if found:
        return _from_band(None, int(found.group(1)) - 1, min_age)
    found = _OVER.search(text)
    if found:
        return _from_band(int(found.group(1)) + 1, None, min_age)
    found = _AT_LEAST.search(text)
    if found:
        return _from_band(int(next(value for value in found.groups() if value)), None, min_age)
    return None


def _single_age(text: str) -> AgeParse:
    """The age among the numbers of `text`: one followed by "ans" first, else a bare number."""
    with_years, bare = [], []
    for found in _SIGNEDNUMBER.finditer(text):
        value = to_int(found.group(2)) * (-1 if found.group(1) else 1)
        (with_years if found.group(3) else bare).append(value)
    candidates = with_years or bare
    return _checked(candidates[0]) if candidates else AgeParse(None, problem=UNCLEAR)


def parse_age(text: str, today: date, k: Knowledge | None = None) -> AgeParse:
    """Read an age, a birth date or year, or an age range ("16-25 ans") on `today`.

    Words are read as numbers ("dix-neuf ans"). Amounts and durations ("12 000 €", "18 mois")
    are never taken as an age.
    """
    min_age = (k or load()).min_age
    converted = _NOT_AN_AGE.sub(" ", words_to_digits(text.strip()))
    for reader in (
        lambda: _birth_date(converted, today),
        lambda: _birth_year(converted, today, min_age),
        lambda: _band(converted, min_age),
        lambda: _soon_age(converted),
    ):
        parsed = reader()
        if parsed is not None:
            return parsed
    return _single_age(converted)


def _soon_age(text: str) -> AgeParse | None:
    found = _SOON_AGE.search(text)
    return _checked(int(next(group for group in found.groups() if group)) - 1) if found else None
