"""The employer's path: the employer form's validator, its welcome and contract-length question, and the plan.

Each reads the tracker, asks bot/core/dialogue/employer_form.py, and returns its decision as events.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import carry_out, state_of, turn_of
from actions.forms import ProfileFormValidation
from bot.core.dialogue import Decision, State, Turn, employer_form


class ValidateEmployerForm(ProfileFormValidation):
    """Sector, jobs, number of hires and contract length; the company size and the kind of employer in passing."""

    spec = employer_form.FORM
    changeable = spec.changeable
    change_buttons = spec.change_buttons

    def name(self) -> str:
        return "validate_employer_form"

    def required(self, domain_slots: list[str], turn: Turn, state: State) -> list[str]:
        return employer_form.required_slots(domain_slots, state)

    def extraction(self, turn: Turn, state: State, domain_slots: list[str]) -> Decision:
        return employer_form.extraction(turn, state, domain_slots)


class ActionEmployerWelcome(Action):
    """Say what the employer form will ask, unless the visitor may not sign or is back to change an answer."""

    def name(self) -> str:
        return "action_employer_welcome"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, employer_form.employer_welcome(turn_of(tracker), state_of(tracker)))


class ActionAskContractMonths(Action):
    """Ask the contracts' length, with the allégé contract's bounds from the knowledge data."""

    def name(self) -> str:
        return "action_ask_contract_months"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, employer_form.ask_contract_months(state_of(tracker)))


class ActionEmployerPlan(Action):
    """The steps to set up a parcours, the OPCO funding for the employer's numbers, and their OPCO."""

    def name(self) -> str:
        return "action_employer_plan"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, employer_form.employer_plan(turn_of(tracker), state_of(tracker)))
