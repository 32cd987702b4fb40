"""The OPCO finder: which OPCO funds a parcours in a given sector."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import PENDING, PENDING_OPCO_SECTOR, knowledge, latest_text
from bot.core.employer import known_sector_match, names_public_employer
from bot.core.read import SectorMatch, find_sector_in, parse_sector
from bot.core.say import opco_message

SECTOR_EXAMPLES = [
    {"title": "Santé", "payload": "Quel OPCO pour la santé ?"},
    {"title": "Transport", "payload": "Quel OPCO pour le transport ?"},
    {"title": "BTP", "payload": "Quel OPCO pour le BTP ?"},
    {"title": "Restauration", "payload": "Quel OPCO pour la restauration ?"},
]


def _answer(dispatcher: CollectingDispatcher, match: SectorMatch, text: str) -> None:
    """The sector's OPCO, with the public-employer caveat when the question names one."""
    dispatcher.utter_message(text=opco_message(match, knowledge(), public_employer=names_public_employer(text)))


class ActionFindOpco(Action):
    def name(self) -> str:
        return "action_find_opco"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        k = knowledge()
        text = latest_text(tracker)
        match = find_sector_in(text, k) or known_sector_match(tracker.get_slot("sector"), k)
        if match is None:
            dispatcher.utter_message(
                text="Pour trouver l'OPCO, j'ai besoin du secteur d'activité de l'entreprise. Lequel est-ce ?",
                buttons=SECTOR_EXAMPLES,
            )
            return [SlotSet(PENDING, PENDING_OPCO_SECTOR)]
        _answer(dispatcher, match, text)
        return []


class ActionAnswerOpcoSector(Action):
    """The sector given in answer to the OPCO finder's question (`pending_question: opco_sector`).

    An action of its own so that its rules can say it clears the question (Rasa checks that every rule of an
    action sets the same slots). A sector we do not know gets the list of OPCOs, not the question again.
    """

    def name(self) -> str:
        return "action_answer_opco_sector"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        k = knowledge()
        text = latest_text(tracker)
        match = find_sector_in(text, k) or parse_sector(text, k)
        _answer(dispatcher, match, text)
        return [SlotSet(PENDING, None)]
