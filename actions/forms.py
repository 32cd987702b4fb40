"""Form validation adapters: the tracker in, the core's form policy (bot/core/dialogue/), the slot events out.

`ProfileFormValidation` holds what Rasa's FormValidationAction needs (the required slots, the extraction and
validation events, the next slot to ask); what a message means for the form is decided in
bot/core/dialogue/form.py and in each form's module there.
"""
from __future__ import annotations

from abc import abstractmethod
from typing import Any, Mapping

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.context import carry_out, state_of, turn_of
from bot.core.dialogue import Decision, State, Turn, form
from bot.core.dialogue.form import FormSpec


class ProfileFormValidation(FormValidationAction):
    """Base validator: a subclass names its form's `spec` (with its `changeable` answers and `change_buttons`) and,
    when its form has exceptions to the generic policy, points `required` and `extraction` at its core module."""

    spec: FormSpec
    changeable: Mapping[str, tuple[str, ...]] = {}
    change_buttons: Mapping[str, Mapping[str, str]] = {}

    @abstractmethod
    def name(self) -> str: ...

    def required(self, domain_slots: list[str], turn: Turn, state: State) -> list[str]:
        return form.required_slots(domain_slots, state)

    def extraction(self, turn: Turn, state: State, domain_slots: list[str]) -> Decision:
        required = self.required(domain_slots, turn, state)
        return form.pending_cleared(form.extract(self.spec, turn, state, required), state)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        return self.required(domain_slots, turn_of(tracker), state_of(tracker))

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        return carry_out(dispatcher, self.extraction(turn_of(tracker), state_of(tracker), self.domain_slots(domain)))

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Reading already validated the values: pass them on as they are."""
        return [SlotSet(slot, value) for slot, value in tracker.slots_to_validate().items()]

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: dict[str, Any]) -> dict[str, Any]:
        """The first required slot still empty (None when the form is complete), skipped slots excluded."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return SlotSet(REQUESTED_SLOT, next((s for s in required if tracker.slots.get(s) is None), None))


class ActionOutOfScopeInForm(Action):
    """The out-of-scope answer during a form, except for a free-text answer the NLU took for out of scope."""

    def name(self) -> str:
        return "action_out_of_scope_in_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return carry_out(dispatcher, form.out_of_scope_in_form(turn_of(tracker), state_of(tracker)))
