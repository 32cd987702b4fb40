"""Answers that cannot be used (an age, a cost, a duration) are answered in French, with what to write."""

from __future__ import annotations

import re

import pytest

from bot.core.funding import FundingInputError
from bot.core.read.age import parse_age
from bot.core.say.problems import age_problem_message, funding_input_problem_message
from tests.unit.say_checks import OPEN, K


@pytest.mark.parametrize(
    "code", ["cost_not_a_number", "cost_not_positive", "cost_too_large", "months_not_positive", "months_too_long"]
)
def test_funding_errors_are_answered_in_french(code):
    message = funding_input_problem_message(FundingInputError(code, None), K)
    assert message and code not in message and not re.search(r"[A-Za-z]+Error", message)


def test_age_problem_messages():
    assert "au moins 16 ans" in age_problem_message(parse_age("moins de 26 ans", OPEN).problem, K)
    assert "futur" in age_problem_message(parse_age("né en 2031", OPEN).problem)
    assert "pas compris" in age_problem_message(parse_age("beaucoup", OPEN).problem, K)
    # A number was read, but it is not an age: say why instead of "not understood".
    assert "plus de 120 ans" in age_problem_message(parse_age("j'ai 300 ans", OPEN).problem, K)
    assert "n'existe pas" in age_problem_message(parse_age("né le 31/02/2001", OPEN).problem, K)
    assert "négatif" in age_problem_message(parse_age("-5", OPEN).problem, K)
    assert "faute de frappe" in age_problem_message(parse_age("3 ans", OPEN).problem, K)
