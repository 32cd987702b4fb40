"""The OPCO finder: which OPCO funds a parcours in a given sector (bot/core/dialogue/opco.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, state_of, turn_of
from bot.core.dialogue.opco import answer_opco_sector, find_opco


class ActionFindOpco(Action):
    def name(self) -> str:
        return "action_find_opco"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, find_opco(turn_of(tracker), state_of(tracker)))


class ActionAnswerOpcoSector(Action):
    """The sector given in answer to the OPCO finder's question (`pending_question: opco_sector`).

    An action of its own so that its rules can say it clears the question (Rasa checks that every rule of an
    action sets the same slots).
    """

    def name(self) -> str:
        return "action_answer_opco_sector"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, answer_opco_sector(turn_of(tracker), state_of(tracker)))
