"""Short follow-ups ("et pour une boulangerie ?", "et après ?"): the decision is in bot/core/dialogue/followup.py."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, latest_text, state_of
from actions.faq import selected_faq
from bot.core.dialogue import State, Turn
from bot.core.dialogue.faq import answer_faq
from bot.core.dialogue.followup import INTENT, follow_up


def nlu_turn(tracker: Tracker) -> Turn:
    """The latest message with the intent the NLU found before it marked the message as a follow-up (the first of
    its ranking that is not `follow_up`)."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    first = next((i for i in ranking if i.get("name") != INTENT), {})
    return Turn(latest_text(tracker), first.get("name"), float(first.get("confidence") or 0.0))


class ActionFollowUp(Action):
    def name(self) -> str:
        return "action_follow_up"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        key, confidence = selected_faq(tracker)

        def faq(turn: Turn, state: State):
            return answer_faq(turn, state, key, confidence, domain)

        return carry_out(dispatcher, follow_up(nlu_turn(tracker), state_of(tracker), faq))
