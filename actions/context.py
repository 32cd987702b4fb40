"""Tracker helpers: the tracker read into the core's plain values, and the core's decisions turned into events."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.core.dialogue import Decision, State, Turn
from bot.core.say.typography import typeset, typeset_buttons


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent: dict[str, Any] = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def turn_of(tracker: Tracker) -> Turn:
    """The latest message as the NLU read it."""
    intent, confidence = latest_intent(tracker)
    return Turn(latest_text(tracker), intent, confidence)


def state_of(tracker: Tracker) -> State:
    """The slots, the active form and what the bot has said, with today's reference date and the knowledge data."""
    said = tuple(event["text"] for event in tracker.events if event.get("event") == "bot" and event.get("text"))
    return State(slots=dict(tracker.slots), form=(tracker.active_loop or {}).get("name"), said=said)


def say(dispatcher: CollectingDispatcher, decision: Decision) -> None:
    """Utter the decision's messages, typeset (a response uttered by name is typeset by bot.adapters.nlg)."""
    for message in decision.say:
        dispatcher.utter_message(text=message.text and typeset(message.text), buttons=typeset_buttons(message.buttons),
                                 response=message.response)


def events_of(decision: Decision) -> list[dict[str, Any]]:
    """The decision's slots as SlotSet events (in its order), then its follow-up action."""
    events = [SlotSet(slot, value) for slot, value in decision.slots.items()]
    return events + [FollowupAction(decision.followup)] if decision.followup else events


def carry_out(dispatcher: CollectingDispatcher, decision: Decision) -> list[dict[str, Any]]:
    """Utter the decision's messages and return its events: what an action's `run` ends with."""
    say(dispatcher, decision)
    return events_of(decision)
