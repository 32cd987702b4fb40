"""The policy every form follows, whatever it asks: which reply answers the question, and what is done with it.

A form is described by a `FormSpec`: per slot, a reader for the answer to its question and, optionally, a stricter
one for a mention inside any sentence; the answers a visitor may ask to change, and the buttons that offer them.
Its readers and its own exceptions to this policy live in its module (eligibility_form.py, employer_form.py).

The rules of `extract`, in order:
- a control intent ("stop", "recommencer") is no answer: nothing is read;
- a request to change an answer empties it, so that it is asked again ("je voudrais changer mon âge"), or offers
  buttons when none is named ("je voudrais modifier une réponse");
- "je comprends pas la question" or a bare "?" gets the question again, in other words, nothing counted;
- a digression (a question mid-form) is left to the rules, which answer it and resume the form, unless it is
  a plain answer, a skip or a correction the NLU took for something else (a question on what a word means is
  never an answer);
- values of other slots said in passing are taken ("j'ai 30 ans, je veux être maçon"), but replace an answer
  already given only in a message that corrects one ("en fait");
- "je ne sais pas" / "passer" skips the question;
- values of other slots given instead of the answer are kept and said back ("C'est noté : 39 ans."), then the question
  comes again;
- an answer that cannot be read is explained and counted as a failure for its slot (the ask action then offers
  buttons); at the second, the explanation offers "Passer"; at the third, the question is skipped; a good answer
  resets that count.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from bot.core.dialogue.decision import Decision, Say, State, Turn
from bot.core.dialogue.slots import PENDING
from bot.core.read.changes import ANY_ANSWER, requested_change
from bot.core.read.reading import Reading
from bot.core.read.replies import answer_shaped, asks_a_definition, asks_to_reword, corrects, skips
from bot.core.say.buttons import SKIP_BUTTON
from bot.core.say.forms import (
    CHANGE_CONFIRMED,
    NOT_UNDERSTOOD,
    NOTHING_TO_CHANGE,
    QUESTION_SKIPPED,
    REWORDED,
    WHICH_ANSWER,
    noted,
)

# Intents that are not answers: the form lets the rules answer them, then asks its question again.
DIGRESSION_INTENTS = frozenset({
    "faq", "greet", "goodbye", "thank", "bot_challenge", "insult", "chitchat", "interjection",
    "capabilities", "out_of_scope", "other_language", "human_handoff", "simulate_funding", "employer_intro",
    "find_opco",
})
# Intents that end or restart the form: never read as an answer.
CONTROL_INTENTS = frozenset({"stop", "start_over"})
DONT_KNOW = "dont_know"
OUT_OF_SCOPE = "out_of_scope"
# The questions whose answer is free text (a job, the jobs to fill): an unknown job may look out of scope to the
# NLU ("commis de cuisine", "cordiste"), and is still an answer when it is shaped like one.
FREE_TEXT_SLOTS = {"eligibility_form": {"sector"}, "employer_form": {"sector", "jobs_to_fill"}}

# A question is asked at most this many times: after the third answer that cannot be read, it is skipped.
MAX_FAILURES = 3

# A reader: what the turn says for one slot, in the given state.
Reader = Callable[[Turn, State], Reading]


@dataclass(frozen=True)
class FormSpec:
    """One form's readers and change requests (see the module docstring)."""

    name: str
    answer_readers: Mapping[str, Reader]  # the requested slot -> its answer's reader
    mention_readers: Mapping[str, Reader]  # any slot -> the reader of a mention in passing
    # What bot.core.read.requested_change names -> the slots to empty (the first is the one asked again).
    changeable: Mapping[str, tuple[str, ...]]
    # The same names -> the button that asks to change that answer, offered when the visitor names none.
    change_buttons: Mapping[str, Mapping[str, str]]
    # The questions whose own ask action offers to skip after repeated misses (the age's ranges and "Passer").
    skip_offered_by_question: frozenset[str] = frozenset()


def asks_which_answer(text: str) -> bool:
    """Whether the message asks to change an answer without naming it (the form then offers buttons)."""
    return requested_change(text) == ANY_ANSWER


def free_text_answer(turn: Turn, state: State) -> bool:
    """Whether the message, classified out of scope, is rather the answer to a free-text question of the active
    form: then neither the out-of-scope answer nor the form treats it as a digression."""
    return (turn.intent == OUT_OF_SCOPE
            and state.requested in FREE_TEXT_SLOTS.get(state.form, ())
            and answer_shaped(turn.text))


def out_of_scope_in_form(turn: Turn, state: State) -> Decision:
    """The out-of-scope answer during a form, except for a free-text answer the NLU took for out of scope
    ("commis de cuisine" at the jobs question): then nothing is said, and the form takes it."""
    return Decision() if free_text_answer(turn, state) else Decision(say=(Say(response="utter_out_of_scope"),))


def required_slots(domain_slots: list[str], state: State) -> list[str]:
    """The form's slots still to ask, the skipped ones left out."""
    skipped = set(state.skipped)
    return [slot for slot in domain_slots if slot not in skipped]


def pending_cleared(decision: Decision, state: State) -> Decision:
    """A form started: what was asked before it (`pending_question`) is no longer pending."""
    return decision.with_slots({PENDING: None}) if state.get(PENDING) is not None else decision


def extract(form: FormSpec, turn: Turn, state: State, slots: list[str]) -> Decision:
    """Slot values read from the message, among the form's required `slots`; see the module docstring."""
    text, intent = turn.text, turn.intent
    if turn.is_sure(CONTROL_INTENTS):
        return Decision()
    change = change_request(form, turn, state)
    if change is not None:
        return change
    requested = state.requested
    if requested in slots and asks_to_reword(text):
        # "Je comprends pas la question", "?": nothing read, skipped or counted; the question comes again.
        return replace(ask_again(state), say=(Say(text=REWORDED),))
    answer = form.answer_readers[requested](turn, state) if requested in slots else None
    others = [slot for slot in slots if slot != requested]
    digression = intent in DIGRESSION_INTENTS and not free_text_answer(turn, state) and not skips(text)
    if digression and corrects(text) and mentions(form, turn, state, others):
        digression = False  # "finalement non, je préfère viser le diplôme complet": a correction, not a question
    if digression and (answer is None or answer.value is None or not answer.recognised or asks_a_definition(text)):
        # A question or a remark, not an answer ("c'est quoi des blocs de compétences ?" names no goal): the rules
        # answer it and the form resumes.
        return Decision()
    answered = answer is not None and answer.value is not None
    if answered and answer.recognised and not corrects(text):
        # Said in passing while answering the question: only what was not known yet is taken. Beside an
        # unknown job kept as it came, a known answer said again is a correction ("né le 12/03/2015" at the
        # job question is the birth date, not a job).
        others = [slot for slot in others if state.get(slot) is None]
    values = {} if digression else mentions(form, turn, state, others)
    if answer is None:
        # No question pending (the form starts, or comes back after its verdict): a correction of an answer
        # already given is said back, so that the verdict that follows is not the same reply without a word.
        corrected = {slot: value for slot, value in values.items() if state.get(slot) not in (None, value)}
        note = noted(corrected, state.knowledge) if corrected else None
        return Decision(values, say=(Say(text=note),) if note else ())
    if answered and not answer.recognised and (values or intent == DONT_KNOW or skips(text)):
        answer = Reading()  # "non en fait j'ai 19 ans" at the job question: the age, not a job called so
    if answer.value is not None:
        # An answer that fills another question too ("devenir maçon" at the goal question: the goal and the job)
        # is said back, so that the question the visitor will not be asked is seen answered.
        also = {slot: value for slot, value in (answer.extra or {}).items()
                if slot in form.answer_readers and state.get(slot) is None}
        note = noted({requested: answer.value, **also}, state.knowledge) if also else None
        return Decision({**values, requested: answer.value, **(answer.extra or {}), **failures_reset(state, requested)},
                        say=(Say(text=note),) if note else ())
    if intent == DONT_KNOW or skips(text):
        return Decision({**values, requested: None, "skipped_slots": state.skipped + [requested]})
    if values:
        # Another slot was given instead: keep it, say so in a few words, and the question comes again.
        note = noted(values, state.knowledge)
        return Decision(values, say=(Say(text=note),) if note else ())
    if failures_of(state, requested) + 1 >= MAX_FAILURES:
        # The third answer that could not be read: the question is skipped, the form goes on (the verdict or the
        # plan says what is unknown).
        return Decision({requested: None, "skipped_slots": state.skipped + [requested],
                         **failure_counted(state, requested)},
                        say=(Say(text=answer.problem or NOT_UNDERSTOOD), Say(text=QUESTION_SKIPPED)))
    second_miss = failures_of(state, requested) + 1 == MAX_FAILURES - 1
    offer_skip = second_miss and requested not in form.skip_offered_by_question
    explained = Say(text=answer.problem or NOT_UNDERSTOOD, buttons=[dict(SKIP_BUTTON)] if offer_skip else None)
    return Decision({requested: None, **failure_counted(state, requested)}, say=(explained,))


def change_request(form: FormSpec, turn: Turn, state: State) -> Decision | None:
    """"Je voudrais changer mon âge" without the new age: the answer is emptied, so the form asks it again
    (after a verdict, the verdict was sent again unchanged). None when the message asks no change, or gives
    the new value ("en fait j'ai 30 ans"), which the other rules take."""
    change = requested_change(turn.text)
    if change == ANY_ANSWER:
        return which_answer(form, state)
    cleared = form.changeable.get(change or "")
    if not cleared or form.mention_readers[cleared[0]](turn, state).value is not None:
        return None
    said = (Say(text=CHANGE_CONFIRMED),) if state.get(cleared[0]) is not None else ()
    skipped = [slot for slot in state.skipped if slot != cleared[0]]
    return Decision({**{slot: None for slot in cleared}, "skipped_slots": skipped}, say=said)


def which_answer(form: FormSpec, state: State) -> Decision:
    """"Je voudrais modifier une réponse": a button per answer given, nothing changed yet (`ask_again`).
    After a verdict or a plan, the action that would send it again stays silent (`asks_which_answer`)."""
    given = [dict(button) for key, button in form.change_buttons.items()
             if state.get(form.changeable[key][0]) is not None]
    said = Say(text=WHICH_ANSWER, buttons=given) if given else Say(text=NOTHING_TO_CHANGE)
    return replace(ask_again(state), say=(said,))


def ask_again(state: State) -> Decision:
    """A slot value that changes nothing: the form keeps the message (it would reject one that sets no slot,
    and the policies would answer it instead) and asks its question again."""
    return Decision({"skipped_slots": state.skipped}, ask_again=True)


def mentions(form: FormSpec, turn: Turn, state: State, slots: list[str]) -> dict[str, Any]:
    """Values of other slots mentioned anywhere in the sentence ("j'ai 30 ans, je veux être maçon")."""
    values: dict[str, Any] = {}
    for slot in slots:
        reader = form.mention_readers.get(slot)
        found = reader(turn, state) if reader else Reading()
        if found.value is not None:
            values.update({slot: found.value, **(found.extra or {})})
    return values


def failures_of(state: State, slot: str) -> int:
    """How many answers to `slot`'s question could not be read so far."""
    return state.failures.get(slot, 0)


def failure_counted(state: State, slot: str) -> dict[str, Any]:
    """One more failed answer for `slot`."""
    failures = state.failures
    failures[slot] = failures.get(slot, 0) + 1
    return {"form_failures": failures}


def failures_reset(state: State, slot: str) -> dict[str, Any]:
    """A good answer for `slot`: its failures are forgotten (nothing to set when there were none)."""
    failures = state.failures
    return {"form_failures": {**failures, slot: 0}} if failures.get(slot) else {}
