"""Durations are read in one place (bot/core/read/durations.py), for contracts and costs alike."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.core.knowledge import load
from bot.core.read.durations import find_contract_months_in, months_in, parse_contract_months
from bot.core.read.money import parse_money
from bot.core.read.numbers import digits

READ = Path(__file__).resolve().parents[2] / "bot" / "core" / "read"


@pytest.mark.parametrize("text, months", [
    ("18 mois", 18.0), ("un an et demi", 18.0), ("deux ans", 24.0), ("6 semaines", 1.4), ("52 semaines", 12.0),
    ("2,5 ans", 30.0), ("3 années", 36.0), ("6 mois et demi", 6.5),
])
def test_one_reader_for_every_duration(text, months):
    assert months_in(digits(text)) == months
    assert parse_contract_months(text, load()).months == months


def test_costs_and_contracts_read_the_same_durations():
    for text in ("sur 18 mois", "sur un an et demi", "sur 6 semaines"):
        assert parse_money(f"12 000 € {text}").months == months_in(digits(text))


def test_a_duration_in_a_sentence():
    assert find_contract_months_in("des contrats de 12 mois pour 3 maçons") == 12.0
    assert find_contract_months_in("sur deux ans et demi") == 30.0
    assert find_contract_months_in("j'ai 25 ans") is None


def test_no_duration():
    assert months_in(digits("trois maçons")) is None


def test_reading_imports_neither_rules_nor_wording():
    """The read floor sits under the rules and the wording: it imports only the knowledge and itself."""
    allowed = ("bot.core.read", "bot.core.knowledge")
    for module in READ.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot"):
                assert node.module.startswith(allowed), f"{module.name} imports {node.module}"


def test_every_parser_returns_a_reading():
    """One result type: whatever a parser read, its value, problem and details come the same way."""
    from datetime import date

    from bot.core.read.age import parse_age
    from bot.core.read.hiring import parse_hires
    from bot.core.read.reading import Reading
    from bot.core.read.sectors import parse_sector

    k = load()
    results = [parse_age("né le 12/03/2001", date(2026, 12, 5), k), parse_hires("trois maçons", k),
               parse_contract_months("un an", k), parse_money("12 000 € par an"), parse_sector("aide-soignante", k)]
    assert all(isinstance(result, Reading) for result in results)
    assert [result.value for result in results] == [25, 3, 12.0, 12000, "sante"]
    assert results[0].birth_date == date(2001, 3, 12) and results[0].ok
    assert not parse_hires("zéro", k).ok and parse_hires("zéro", k).problem
