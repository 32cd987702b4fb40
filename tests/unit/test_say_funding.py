"""The funding rule and a simulation's result: figures from the data and the computation, a source line."""

from __future__ import annotations

from bot.core.funding import coverage
from bot.core.say.format import format_eur
from bot.core.say.funding import funding_message, funding_rule_message
from bot.core.say.typography import untypeset
from tests.unit.say_checks import K, assert_no_typed_digits, assert_sourced


def test_the_pro_rating_is_cited_to_its_own_source():
    for message in (funding_rule_message(K), funding_message(coverage(15000, 18), K)):
        last = message.strip().splitlines()[-1]
        assert K.source("decret").title in last and K.source_of("funding.prorated").title in last


def test_funding_message_over_the_cap():
    cover = coverage(15000, 18)
    message = funding_message(cover, K)
    for figure in ("15 000 €", "18 mois", "13 500 €", "9 000 €", "1 500 €"):
        assert figure in untypeset(message)
    assert "frais annexes" in message
    assert_sourced(message)
    assert_no_typed_digits(message, *(format_eur(value) for value in (cover.cost, cover.opco_max, cover.remainder)),
                           "18 mois")


def test_funding_message_within_the_cap():
    message = untypeset(funding_message(coverage(6500, 12), K))
    assert "6 500 €" in message and "en entier" in message and "Reste" not in message


def test_funding_rule_has_a_worked_example():
    message = untypeset(funding_rule_message(K))
    assert "9 000 €" in message and "prorata" in message
    assert "18 mois" in message and "15 000 €" in message and "13 500 €" in message
    assert_sourced(message)


def test_unconfirmed_sub_caps_are_never_said():
    texts = [untypeset(funding_rule_message(K)), untypeset(funding_message(coverage(20000, 24), K))]
    assert not any("300 €" in text or "6 000 €" in text for text in texts)
