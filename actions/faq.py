"""Answer a FAQ question chosen by the ResponseSelector (the decision is in bot/core/dialogue/faq.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, state_of, turn_of
from bot.core.dialogue.faq import answer_faq


def selected_faq(tracker: Tracker) -> tuple[str | None, float]:
    """The FAQ key (e.g. "definition") picked by the ResponseSelector, and its confidence."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    return (key.split("/", 1)[1] if "/" in key else None), float(response.get("confidence") or 0.0)


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        key, confidence = selected_faq(tracker)
        return carry_out(dispatcher, answer_faq(turn_of(tracker), state_of(tracker), key, confidence, domain))
