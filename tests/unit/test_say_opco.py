"""Which OPCO to contact: the sector's, or all of them, with the caveats."""

from __future__ import annotations

from bot.core.read.sectors import parse_sector
from bot.core.say.opco import opco_message
from tests.unit.say_checks import K, assert_sourced


def test_opco_message_for_a_sector():
    message = opco_message(parse_sector("serveuse"), K)
    assert "Akto" in message and "https://www.akto.fr" in message
    assert "IDCC" in message and "SIRET" in message
    assert_sourced(message)


def test_opco_message_for_an_unknown_sector_lists_all_opcos():
    message = opco_message(parse_sector("astronaute"), K)
    assert all(opco.name in message for opco in K.opcos)
    assert "IDCC" in message
    assert_sourced(message)


def test_the_opco_of_a_public_employer_comes_with_the_caveat():
    match = parse_sector("ehpad", K)
    assert "ne peut pas signer" in opco_message(match, K, public_employer=True)
    assert "ne peut pas signer" not in opco_message(match, K)
