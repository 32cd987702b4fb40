"""The funding simulation's decision: what the OPCO can pay for the cost and duration in the message (or, just
after a simulation, for a new duration of the same cost), or the rule and the figures it needs."""
from __future__ import annotations

from bot.core.dialogue.decision import Decision, Say, State, Turn
from bot.core.dialogue.slots import FUNDING_ANSWER, PENDING, PENDING_FUNDING_FIGURES, answered
from bot.core.funding import FundingInputError, coverage
from bot.core.read.durations import find_contract_months_in
from bot.core.read.money import MoneyParse, parse_money
from bot.core.say.buttons import FUNDING_BUTTONS, RESULT_BUTTONS
from bot.core.say.funding import funding_message, funding_rule_message
from bot.core.say.problems import funding_input_problem_message
from bot.core.say.status import closed_reminder, with_reminder
from bot.core.status import experimentation_status


def follow_up_money(text: str, state: State) -> MoneyParse | None:
    """A new duration for the last simulation's cost ("et sur 24 mois ?"), or None."""
    months = find_contract_months_in(text, state.knowledge)
    cost = state.get("funding_cost")
    return MoneyParse(float(cost), months, per_year=False) if months and cost else None


def over_last_duration(money: MoneyParse | None, state: State) -> MoneyParse | None:
    """A new cost without a duration ("et pour 8 000 € ?") over the last simulation's duration."""
    months = state.get("funding_months")
    if money is None or money.months or money.per_year or not months:
        return money
    return MoneyParse(money.amount_eur, float(months), per_year=False)


def simulate_funding(turn: Turn, state: State) -> Decision:
    """The figures' funding, kept for a follow-up; without figures, the rule (or, when figures were awaited, what an
    answer outside a form gets otherwise: the eligibility form)."""
    k = state.knowledge
    text = turn.text
    follow_up = state.get(PENDING) == PENDING_FUNDING_FIGURES
    money = over_last_duration(parse_money(text), state) if follow_up else parse_money(text)
    money = money or (follow_up_money(text, state) if follow_up else None)
    # The rule and the results read as if the scheme were open: once it is over, they say so.
    reminder = closed_reminder(experimentation_status(state.today, k))
    if money is None:
        if follow_up:
            # Not figures after all ("j'ai 30 ans"): what an answer outside a form does otherwise.
            return Decision({PENDING: None}, followup="eligibility_form")
        return Decision({PENDING: PENDING_FUNDING_FIGURES},
                        say=(Say(text=with_reminder(funding_rule_message(k), reminder), buttons=FUNDING_BUTTONS),))
    try:
        result = coverage(money.amount_eur, money.months, k, per_year=money.per_year)
    except FundingInputError as error:
        return Decision({PENDING: PENDING_FUNDING_FIGURES},
                        say=(Say(text=funding_input_problem_message(error, k), buttons=FUNDING_BUTTONS),))
    return Decision({"funding_cost": float(result.cost), "funding_months": float(result.months),
                     PENDING: PENDING_FUNDING_FIGURES, **answered(FUNDING_ANSWER)},
                    say=(Say(text=with_reminder(funding_message(result, k), reminder), buttons=RESULT_BUTTONS),))
