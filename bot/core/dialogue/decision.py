"""What goes into a dialogue decision and what comes out of it, as plain values.

In: the `Turn` (the visitor's latest message as the NLU read it) and the `State` (the slots, the active form, the
reference date and the knowledge data). Out: a `Decision` (the slots to set, what to say, the action to run next).
The action server (actions/) builds the first two from Rasa's tracker and turns the third into Rasa events.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Mapping

from bot.core.knowledge import Knowledge, load
from bot.core.say.repeat import repeated
from bot.core.say.typography import untypeset
from bot.core.status import reference_date

# From this confidence an intent is taken at its word: a control intent ends the form, a reply that is plainly no
# answer ("oui" at the job question) is refused.
SURE_INTENT = 0.5


@dataclass(frozen=True)
class Turn:
    """The visitor's latest message: its text and the intent the NLU found, with its confidence."""

    text: str = ""
    intent: str | None = None
    confidence: float = 0.0

    def is_sure(self, intents: str | set[str] | frozenset[str]) -> bool:
        """Whether the intent is (one of) `intents`, found with at least SURE_INTENT confidence."""
        names = {intents} if isinstance(intents, str) else intents
        return self.intent in names and self.confidence >= SURE_INTENT


@dataclass(frozen=True)
class State:
    """The conversation's state: its slot values (requested_slot included), the active form, the day and the data."""

    slots: Mapping[str, Any] = field(default_factory=dict)
    form: str | None = None  # the active form (Rasa's active loop), None outside a form
    today: date = field(default_factory=reference_date)
    knowledge: Knowledge = field(default_factory=load)
    said: tuple[str, ...] = ()  # the texts the bot has sent in this conversation, oldest first

    def already_said(self, text: str | None) -> bool:
        """Whether `text` was sent before in this conversation (alone or inside a longer message)."""
        # The bot's past messages were typeset on their way out (bot.core.say.typography); `text` may not be yet.
        return bool(text) and any(untypeset(text) in untypeset(past) for past in self.said)

    def get(self, slot: str) -> Any:
        return self.slots.get(slot)

    @property
    def requested(self) -> str | None:
        """The slot the active form asked for."""
        return self.slots.get("requested_slot")

    @property
    def skipped(self) -> list[str]:
        """The slots the visitor chose not to answer ("passer")."""
        return list(self.slots.get("skipped_slots") or [])

    @property
    def failures(self) -> dict[str, int]:
        """The failed answers per slot (the ask actions offer buttons after a few)."""
        return dict(self.slots.get("form_failures") or {})


@dataclass(frozen=True)
class Say:
    """One message: a text with its buttons, or a response of domain.yml uttered by name."""

    text: str | None = None
    buttons: list[dict[str, str]] | None = None
    response: str | None = None


def once(say: Say, state: State) -> Say:
    """An answer (a verdict, a plan, a FAQ answer) the visitor was already given comes back short: a reminder and
    its gist, with the same buttons for the detail (bot.core.say.repeat)."""
    if state.already_said(say.text):
        return replace(say, text=repeated(say.text or ""))
    return say


@dataclass(frozen=True)
class Decision:
    """What to do with a turn: set these slots (in this order), say these messages, then run `followup` if any.

    `ask_again` marks a decision whose only slot value changes nothing (see bot.core.dialogue.form.ask_again).
    """

    slots: Mapping[str, Any] = field(default_factory=dict)
    say: tuple[Say, ...] = ()
    followup: str | None = None
    ask_again: bool = False

    def with_slots(self, slots: Mapping[str, Any]) -> Decision:
        """The same decision, with more slot values set after its own."""
        return Decision({**self.slots, **slots}, self.say, self.followup, self.ask_again)
