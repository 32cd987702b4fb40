"""Figures in French: one function per kind of figure, each written the same way everywhere."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.say.format import (
    format_count,
    format_date,
    format_eur,
    format_months,
    format_number,
    format_percent,
    join_and,
    number_in_words,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(9000, "9\u202f000\u202f€"), (6750.5, "6\u202f750,50\u202f€"), (0, "0\u202f€"),
     (1234567, "1\u202f234\u202f567\u202f€"), (13500.004, "13\u202f500\u202f€")],
)
def test_format_eur(value, expected):
    assert format_eur(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2026, 2, 28), "28 février 2026"), (date(2026, 3, 1), "1er mars 2026"), (date(2023, 8, 15), "15 août 2023")],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


def test_format_number():
    assert (format_number(5000), format_number(1.5), format_number(18.0)) == ("5\u202f000", "1,5", "18")


def test_format_percent():
    assert (format_percent(55), format_percent(85)) == ("55\u202f%", "85\u202f%")


def test_format_months():
    assert (format_months(18), format_months(7.5), format_months(12.0)) == ("18 mois", "7,5 mois", "12 mois")


def test_format_count():
    assert format_count(1, "an", "ans") == "1 an"
    assert (format_count(2, "tuteur", "tuteurs"), format_count(1500, "salarié", "salariés")) == (
        "2 tuteurs", "1\u202f500 salariés")


def test_join_and():
    assert [join_and(items) for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == ["", "a", "a et b", "a, b et c"]


def test_number_in_words():
    assert (number_in_words(0), number_in_words(3), number_in_words(12), number_in_words(13)) == (
        "zéro", "trois", "douze", "13")
