"""Funding simulation: what the OPCO can pay for a given cost and duration."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import PENDING, PENDING_FUNDING_FIGURES, knowledge, latest_text, today
from bot.core.employer import find_contract_months_in
from bot.core.funding import FundingInputError, coverage
from bot.core.read import MoneyParse, parse_money
from bot.core.status import experimentation_status
from bot.core.say import (closed_reminder, funding_input_problem_message, funding_message, funding_rule_message,
                         with_reminder)

FUNDING_BUTTONS = [
    {"title": "12 000 € par an", "payload": "Simuler 12 000 € par an"},
    {"title": "15 000 € sur 18 mois", "payload": "Simuler 15 000 € sur 18 mois"},
    {"title": "Quels frais sont couverts ?", "payload": "Quels frais sont couverts ?"},
]

# After a result: another duration for the same cost (the follow-up), then the usual next questions.
RESULT_BUTTONS = [
    {"title": "Sur 24 mois", "payload": "Et sur 24 mois ?"},
    {"title": "Suis-je éligible ?", "payload": "Suis-je éligible ?"},
    {"title": "Trouver mon OPCO", "payload": "Quel est mon OPCO ?"},
]


class ActionSimulateFunding(Action):
    def name(self) -> str:
        return "action_simulate_funding"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        k = knowledge()
        text = latest_text(tracker)
        follow_up = tracker.get_slot(PENDING) == PENDING_FUNDING_FIGURES
        money = parse_money(text) or (follow_up_money(text, tracker) if follow_up else None)
        # The rule and the results read as if the scheme were open: once it is over, they say so.
        reminder = closed_reminder(experimentation_status(today(), k))
        if money is None:
            if follow_up:
                # Not figures after all ("j'ai 30 ans"): what an answer outside a form does otherwise.
                return [SlotSet(PENDING, None), FollowupAction("eligibility_form")]
            dispatcher.utter_message(text=with_reminder(funding_rule_message(k), reminder), buttons=FUNDING_BUTTONS)
            return [SlotSet(PENDING, PENDING_FUNDING_FIGURES)]
        try:
            result = coverage(money.amount_eur, money.months, k, per_year=money.per_year)
        except FundingInputError as error:
            dispatcher.utter_message(text=funding_input_problem_message(error), buttons=FUNDING_BUTTONS)
            return [SlotSet(PENDING, PENDING_FUNDING_FIGURES)]
        dispatcher.utter_message(text=with_reminder(funding_message(result, k), reminder), buttons=RESULT_BUTTONS)
        return [SlotSet("funding_cost", float(result.cost)), SlotSet("funding_months", float(result.months)),
                SlotSet(PENDING, PENDING_FUNDING_FIGURES)]


def follow_up_money(text: str, tracker: Tracker) -> MoneyParse | None:
    """A new duration for the last simulation's cost ("et sur 24 mois ?"), or None."""
    months = find_contract_months_in(text, knowledge())
    cost = tracker.get_slot("funding_cost")
    return MoneyParse(float(cost), months, per_year=False) if months and cost else None
