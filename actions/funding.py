"""Funding simulation: what the OPCO can pay for a given cost and duration."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import knowledge, latest_text
from bot.funding import FundingInputError, coverage
from bot.parsing import parse_money
from bot.wording import funding_input_problem_message, funding_message, funding_rule_message

FUNDING_BUTTONS = [
    {"title": "12 000 € par an", "payload": "Simuler 12 000 € par an"},
    {"title": "15 000 € sur 18 mois", "payload": "Simuler 15 000 € sur 18 mois"},
    {"title": "Quels frais sont couverts ?", "payload": "Quels frais sont couverts ?"},
]


class ActionSimulateFunding(Action):
    def name(self) -> str:
        return "action_simulate_funding"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        k = knowledge()
        money = parse_money(latest_text(tracker))
        if money is None:
            dispatcher.utter_message(text=funding_rule_message(k), buttons=FUNDING_BUTTONS)
            return []
        try:
            result = coverage(money.amount_eur, money.months, k, per_year=money.per_year)
        except FundingInputError as error:
            dispatcher.utter_message(text=funding_input_problem_message(error), buttons=FUNDING_BUTTONS)
            return []
        dispatcher.utter_message(text=funding_message(result, k))
        return [SlotSet("funding_cost", float(result.cost)), SlotSet("funding_months", float(result.months))]
