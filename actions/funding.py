"""Funding simulation: what the OPCO can pay for a given cost and duration (bot/core/dialogue/funding.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, state_of, turn_of
from bot.core.dialogue.funding import simulate_funding


class ActionSimulateFunding(Action):
    def name(self) -> str:
        return "action_simulate_funding"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, simulate_funding(turn_of(tracker), state_of(tracker)))
