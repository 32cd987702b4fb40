"""The eligibility dialogue's actions: the form's validator, its age question, the verdict and "recommencer".

Each reads the tracker, asks bot/core/dialogue/eligibility_form.py, and returns its decision as events.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, state_of, turn_of
from actions.forms import ProfileFormValidation
from bot.core.dialogue import Decision, State, Turn, eligibility_form


class ValidateEligibilityForm(ProfileFormValidation):
    spec = eligibility_form.FORM
    changeable = spec.changeable
    change_buttons = spec.change_buttons

    def name(self) -> str:
        return "validate_eligibility_form"

    def required(self, domain_slots: list[str], turn: Turn, state: State) -> list[str]:
        return eligibility_form.required_slots(domain_slots, turn, state)

    def extraction(self, turn: Turn, state: State, domain_slots: list[str]) -> Decision:
        return eligibility_form.extraction(turn, state, domain_slots)


class ActionAskAge(Action):
    """Ask the age; after repeated failures, offer age ranges and the choice to skip."""

    def name(self) -> str:
        return "action_ask_age"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, eligibility_form.ask_age(state_of(tracker)))


class ActionEligibilityVerdict(Action):
    """Apply the rules to the collected profile and explain the verdict."""

    def name(self) -> str:
        return "action_eligibility_verdict"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, eligibility_form.eligibility_verdict(turn_of(tracker), state_of(tracker)))


class ActionStartOver(Action):
    """Forget the profile (not the role) so that the form starts from its first question."""

    def name(self) -> str:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, eligibility_form.start_over())
