"""Ages: digits, words, birth dates and years, ranges from buttons, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.eligibility import Profile, assess
from bot.core.read.age import parse_age

TODAY = date(2025, 6, 26)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("25", 25),
        ("j'ai 25 ans", 25),
        ("25ans", 25),
        ("J'AI 25 ANS", 25),
        ("dix-neuf ans", 19),
        ("dix neuf ans", 19),
        ("vingt et un", 21),
        ("j'ai trente-deux ans", 32),
        ("seize ans", 16),
        ("quinze ans", 15),
        ("en fait j'ai 30 ans", 30),
        ("j'ai 19 ans et demi", 19),
        ("25,5", 25),
        ("âge : 52", 52),
        ("j'ai 30 ans et 12 000 € de budget", 30),
        ("j'ai 40 ans et 10 ans d'expérience", 40),
        ("j’ai 18 ans", 18),
        ("j'ai 30 ans et plus de 10 ans d'expérience", 30),
        ("depuis plus de 5 ans je suis cuisinier, j'ai 40 ans", 40),
        ("j'ai 25 ans pour 2 ans de contrat", 25),
        ("26+", 26),
    ],
)
def test_age_in_digits_and_words(text, age):
    parsed = parse_age(text, TODAY)
    assert (parsed.age, parsed.problem, parsed.ok) == (age, None, True)


@pytest.mark.parametrize(
    ("text", "birth_date", "age"),
    [
        ("né le 3 mars 2009", date(2009, 3, 3), 16),
        ("03/03/2009", date(2009, 3, 3), 16),
        ("3-3-2009", date(2009, 3, 3), 16),
        ("3.3.2009", date(2009, 3, 3), 16),
        ("née le 1er janvier 2000", date(2000, 1, 1), 25),
        ("2000-05-12", date(2000, 5, 12), 25),
        ("je suis né le 27 juin 2009", date(2009, 6, 27), 15),
        ("née le vingt-six juin deux mille neuf", date(2009, 6, 26), 16),
        ("29/02/2008", date(2008, 2, 29), 17),
        ("12/07/85", date(1985, 7, 12), 39),
    ],
)
def test_birth_date(text, birth_date, age):
    parsed = parse_age(text, TODAY)
    assert (parsed.birth_date, parsed.age, parsed.problem) == (birth_date, age, None)


@pytest.mark.parametrize(
    ("text", "year", "age"),
    [("née en 1988", 1988, 36), ("je suis né en 2001", 2001, 23), ("1990", 1990, 34), ("né en 88", 1988, 36)],
)
def test_birth_year_gives_the_lowest_possible_age(text, year, age):
    parsed = parse_age(text, TODAY)
    assert (parsed.birth_year, parsed.age, parsed.band, parsed.problem) == (year, age, (age, age + 1), None)
    assert parsed.approximate


def test_birth_year_around_the_minimum_age_asks_for_more():
    parsed = parse_age("je suis née en 2009", TODAY)
    assert (parsed.age, parsed.band, parsed.problem) == (None, (15, 16), "ambiguous")


@pytest.mark.parametrize(
    ("text", "age", "band", "eligible"),
    [
        ("moins de 16 ans", 15, (None, 15), False),
        ("16-25 ans", 16, (16, 25), True),
        ("16 - 25", 16, (16, 25), True),
        ("entre 16 et 25 ans", 16, (16, 25), True),
        ("26 ans et plus", 26, (26, None), True),
        ("plus de 25 ans", 26, (26, None), True),
        ("au moins 45 ans", 45, (45, None), True),
    ],
)
def test_button_ranges_keep_eligibility_right(text, age, band, eligible):
    parsed = parse_age(text, TODAY)
    assert (parsed.age, parsed.band, parsed.problem) == (age, band, None)
    assert assess(Profile(age=parsed.age), TODAY).eligible is eligible


def test_range_across_the_minimum_age_is_ambiguous():
    assert parse_age("moins de 26 ans", TODAY).problem == "ambiguous"
    assert parse_age("entre 10 et 20 ans", TODAY).problem == "ambiguous"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("trois cents ans", "impossible"),
        ("150", "impossible"),
        ("-3", "negative"),
        ("j'ai -3 ans", "negative"),
        ("beaucoup", "unclear"),
        ("", "unclear"),
        ("je ne sais pas", "unclear"),
        ("0", "too_young_to_be_true"),
        ("j'ai 5 ans", "too_young_to_be_true"),
        ("né le 3 mars 2030", "future"),
        ("né en 2031", "future"),
        ("31/02/2009", "impossible"),
        ("né en 1850", "impossible"),
    ],
)
def test_refusals(text, problem):
    parsed = parse_age(text, TODAY)
    assert (parsed.age, parsed.problem, parsed.ok) == (None, problem, False)


@pytest.mark.parametrize(
    "text",
    [
        "12 000 €", "18 mois", "9k€", "6500 euros", "sur 2 ans", "un budget de 2000 €", "35 heures", "50 %",
        "moins de 10 000 €", "je travaille depuis 3 ans", "15 000 € sur 18 mois",
    ],
)
def test_money_and_durations_are_not_ages(text):
    parsed = parse_age(text, TODAY)
    assert parsed.age is None and parsed.problem == "unclear"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        # A birth date with a two-digit year ("12 mars 01" was read as an age of 12).
        ("12 mars 01", 24),
        ("né le 12 mars 01", 24),
        ("12 mars 2001", 24),
        # An age about to be reached: today the visitor is a year younger (they were told they qualified).
        ("j'ai 16 ans demain", 15),
        ("je vais avoir 16 ans en janvier", 15),
        ("j'aurai 16 ans le 4 juillet", 15),
        ("16 ans", 16),
        ("j'ai 30 ans, bientôt la retraite", 30),
    ],
)
def test_two_digit_years_and_ages_about_to_be_reached(text, age):
    assert parse_age(text, TODAY).age == age
