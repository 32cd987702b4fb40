"""Form validation: one base class for what every form needs, one small class per form.

The base class handles: extraction from whatever the visitor said (not only the requested slot),
digressions (a question mid-form is left to the rules, which answer it and resume the form), "je ne sais
pas" / "passer" (the slot is skipped), repeated failures (counted per slot, so that the ask action can
offer buttons), and corrections (a new value simply replaces the old one).
Each form declares, per slot, a parser for the answer to its question and, optionally, a stricter one
for a mention inside any sentence.
"""
from __future__ import annotations

import re
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.context import PENDING, latest_intent, latest_text
from bot.core.read import ANY_ANSWER, requested_change

# Intents that are not answers: the form lets the rules answer them, then asks its question again.
DIGRESSION_INTENTS = {
    "faq", "greet", "goodbye", "thank", "bot_challenge", "insult", "chitchat", "interjection",
    "capabilities", "out_of_scope", "other_language", "human_handoff", "simulate_funding", "employer_intro",
    "find_opco",
}
# From this confidence an intent is taken at its word: a control intent ends the form, a reply that is plainly no
# answer ("oui" at the job question) is refused.
SURE_INTENT = 0.5
# Intents that end or restart the form: never read as an answer.
CONTROL_INTENTS = {"stop", "start_over"}
# The questions whose answer is free text (a job, the jobs to fill): an unknown job may look out of scope to the
# NLU ("commis de cuisine", "cordiste"), and is still an answer when it is shaped like one.
FREE_TEXT_SLOTS = {"eligibility_form": {"sector"}, "employer_form": {"sector", "jobs_to_fill"}}
OUT_OF_SCOPE = "out_of_scope"
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:quel(?:le)?s?|comment|combien|pourquoi|qui|quoi|quand|o[uù]|est-ce|c'est quoi|puis-je"
    r"|peut-on|dois-je|faut-il)\b",
    re.IGNORECASE,
)
ANSWER_MAX_WORDS = 6
SKIP_WORDS = re.compile(r"^\s*(passer|je passe|suivant|je ne sais pas|je sais pas|j'?sais pas|aucune id[ée]e|ne sais pas)\b", re.I)
# A message that corrects an earlier answer: only then may a value mentioned in passing replace one already given
# ("je bosse en intérim", an answer about one's situation, must not replace the sector chosen before).
CORRECTION = re.compile(
    r"\b(en fait|non|plut[oô]t|finalement|pardon|je me suis tromp[ée]+|je voulais dire|correction|erreur|"
    r"je rectifie|au final|enfin)\b",
    re.I,
)


def asks_which_answer(tracker: Tracker) -> bool:
    """Whether the latest message asks to change an answer without naming it (the form then offers buttons)."""
    return requested_change(latest_text(tracker)) == ANY_ANSWER


def answer_shaped(text: str) -> bool:
    """A few words that ask nothing ("un commis de cuisine"), as an answer to a question is written."""
    return len(text.split()) <= ANSWER_MAX_WORDS and not QUESTION.search(text)


def free_text_answer(tracker: Tracker) -> bool:
    """Whether the latest message, classified out of scope, is rather the answer to a free-text question of the
    active form: then neither the out-of-scope answer nor the form treats it as a digression."""
    form = (tracker.active_loop or {}).get("name")
    return (latest_intent(tracker)[0] == OUT_OF_SCOPE
            and tracker.get_slot("requested_slot") in FREE_TEXT_SLOTS.get(form, ())
            and answer_shaped(latest_text(tracker)))


@dataclass(frozen=True)
class Extracted:
    """What a parser read: the slot value, the slots that go with it, or why it could not read one."""

    value: Any = None
    extra: dict[str, Any] | None = None
    problem: str | None = None  # a French explanation for the visitor, when the value is unusable
    # False for a free-text answer kept as it came (an unknown job): a question or another slot's value in the
    # same message wins over it.
    recognised: bool = True


Parser = Callable[[str, Tracker], Extracted]


class ProfileFormValidation(FormValidationAction):
    """Base validator; subclasses fill `answer_parsers` (requested slot) and `mention_parsers` (any slot)."""

    answer_parsers: dict[str, Parser] = {}
    mention_parsers: dict[str, Parser] = {}
    # What bot.core.read.requested_change names -> the slots to empty (the first is the one asked again).
    changeable: dict[str, tuple[str, ...]] = {}
    # The same names -> the button that asks to change that answer, offered when the visitor names none.
    change_buttons: dict[str, dict[str, str]] = {}

    @abstractmethod
    def name(self) -> str: ...

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        skipped = set(tracker.get_slot("skipped_slots") or [])
        return [slot for slot in domain_slots if slot not in skipped]

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        values = self.extract(dispatcher, tracker, await self.required_slots(
            self.domain_slots(domain), dispatcher, tracker, domain))
        if tracker.get_slot(PENDING) is not None:
            values[PENDING] = None  # a form started: what was asked before it is no longer pending
        return [SlotSet(slot, value) for slot, value in values.items()]

    def extract(self, dispatcher: CollectingDispatcher, tracker: Tracker, slots: list[str]) -> dict[str, Any]:
        """Slot values read from the latest message; see the module docstring for the rules."""
        text = latest_text(tracker)
        intent, confidence = latest_intent(tracker)
        if intent in CONTROL_INTENTS and confidence >= SURE_INTENT:
            return {}
        change = self.change_request(dispatcher, text, tracker)
        if change is not None:
            return change
        requested = tracker.get_slot("requested_slot")
        answer = self.answer_parsers[requested](text, tracker) if requested in slots else None
        digression = intent in DIGRESSION_INTENTS and not free_text_answer(tracker)
        if digression and (answer is None or answer.value is None or not answer.recognised):
            return {}  # a question or a remark, not an answer: the rules answer it and the form resumes
        others = [slot for slot in slots if slot != requested]
        answered = answer is not None and answer.value is not None
        if answered and answer.recognised and not CORRECTION.search(text):
            # Said in passing while answering the question: only what was not known yet is taken. Beside an
            # unknown job kept as it came, a known answer said again is a correction ("né le 12/03/2015" at the
            # job question is the birth date, not a job).
            others = [slot for slot in others if tracker.get_slot(slot) is None]
        values = {} if digression else self.mentions(text, tracker, others)
        if answer is None:
            return values
        if answered and not answer.recognised and (values or intent == "dont_know" or SKIP_WORDS.match(text)):
            answer = Extracted()  # "non en fait j'ai 19 ans" at the job question: the age, not a job called so
        if answer.value is not None:
            return {**values, requested: answer.value, **(answer.extra or {}), **self.failures_reset(tracker, requested)}
        if intent == "dont_know" or SKIP_WORDS.match(text):
            skipped = list(tracker.get_slot("skipped_slots") or [])
            return {**values, requested: None, "skipped_slots": skipped + [requested]}
        if values:
            return values  # another slot was given instead: keep it, the question comes again
        dispatcher.utter_message(text=answer.problem or "Je n'ai pas compris votre réponse.")
        return {requested: None, **self.failure_counted(tracker, requested)}

    def change_request(self, dispatcher: CollectingDispatcher, text: str, tracker: Tracker) -> dict[str, Any] | None:
        """"Je voudrais changer mon âge" without the new age: the answer is emptied, so the form asks it again
        (after a verdict, the verdict was sent again unchanged). None when the message asks no change, or gives
        the new value ("en fait j'ai 30 ans"), which the other rules take."""
        change = requested_change(text)
        if change == ANY_ANSWER:
            return self.which_answer(dispatcher, tracker)
        cleared = self.changeable.get(change or "")
        if not cleared or self.mention_parsers[cleared[0]](text, tracker).value is not None:
            return None
        if tracker.get_slot(cleared[0]) is not None:
            dispatcher.utter_message(text="D'accord, modifions cette réponse.")
        skipped = [slot for slot in tracker.get_slot("skipped_slots") or [] if slot != cleared[0]]
        return {**{slot: None for slot in cleared}, "skipped_slots": skipped}

    def which_answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """"Je voudrais modifier une réponse": a button per answer given, nothing changed yet (`ask_again`).
        After a verdict or a plan, the action that would send it again stays silent (`asks_which_answer`)."""
        given = [button for key, button in self.change_buttons.items()
                 if tracker.get_slot(self.changeable[key][0]) is not None]
        if given:
            dispatcher.utter_message(text="Quelle réponse souhaitez-vous modifier ?", buttons=given)
        else:
            dispatcher.utter_message(text="Vous n'avez encore donné aucune réponse : il n'y a rien à modifier.")
        return self.ask_again(tracker)

    @staticmethod
    def ask_again(tracker: Tracker) -> dict[str, Any]:
        """A slot value that changes nothing: the form keeps the message (it would reject one that sets no slot,
        and the policies would answer it instead) and asks its question again."""
        return {"skipped_slots": list(tracker.get_slot("skipped_slots") or [])}

    def mentions(self, text: str, tracker: Tracker, slots: list[str]) -> dict[str, Any]:
        """Values of other slots mentioned anywhere in the sentence ("j'ai 30 ans, je veux être maçon")."""
        values: dict[str, Any] = {}
        for slot in slots:
            parser = self.mention_parsers.get(slot)
            found = parser(text, tracker) if parser else Extracted()
            if found.value is not None:
                values.update({slot: found.value, **(found.extra or {})})
        return values

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Parsing already validated the values: pass them on as they are."""
        return [SlotSet(slot, value) for slot, value in tracker.slots_to_validate().items()]

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: dict[str, Any]) -> dict[str, Any]:
        """The first required slot still empty (None when the form is complete), skipped slots excluded."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return SlotSet(REQUESTED_SLOT, next((s for s in required if tracker.slots.get(s) is None), None))

    @staticmethod
    def failures(tracker: Tracker) -> dict[str, int]:
        return dict(tracker.get_slot("form_failures") or {})

    def failure_counted(self, tracker: Tracker, slot: str) -> dict[str, Any]:
        failures = self.failures(tracker)
        failures[slot] = failures.get(slot, 0) + 1
        return {"form_failures": failures}

    def failures_reset(self, tracker: Tracker, slot: str) -> dict[str, Any]:
        failures = self.failures(tracker)
        return {"form_failures": {**failures, slot: 0}} if failures.get(slot) else {}


class ActionOutOfScopeInForm(Action):
    """The out-of-scope answer during a form, except for a free-text answer the NLU took for out of scope
    ("commis de cuisine" at the jobs question): then nothing is said, and the form takes it."""

    def name(self) -> str:
        return "action_out_of_scope_in_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if not free_text_answer(tracker):
            dispatcher.utter_message(response="utter_out_of_scope")
        return []
