"""Short follow-ups outside a form: one mechanism for every answer.

Every answering decision records which answer it gave in the `last_answer` slot (`slots.answered`). A message that
only names a new value (bot/core/read/followup.py) asks the last answer's question again with that value: the
OPCO of "une boulangerie ?" after an OPCO answer, the funding "sur 18 mois" after a simulation, the verdict or the
plan with the new job, age or duration (the form takes the value as it takes a correction after its verdict),
whether a sector counts ("ça compte ?") against the sectors the scheme names. "Et après ?" gets the next step of
the last answer. Without a last answer the value fits, the message goes where the NLU's own intent sends it.
"""
from __future__ import annotations

from dataclasses import replace

from bot.core.dialogue.decision import Decision, Say, State, Turn
from bot.core.dialogue.faq import options_profile
from bot.core.dialogue.funding import simulate_funding
from bot.core.dialogue.opco import answer_opco_sector, find_opco
from bot.core.dialogue.slots import (
    FAQ_ANSWER,
    FUNDING_ANSWER,
    LAST_ANSWER,
    OPCO_ANSWER,
    PENDING,
    PENDING_FUNDING_FIGURES,
    PENDING_OPCO_SECTOR,
    PLAN_ANSWER,
    VERDICT_ANSWER,
)
from bot.core.read.followup import NEXT, FollowUp, read_followup
from bot.core.say.followup import NEXT_BUTTONS, NEXT_STEPS, NEXT_WHEN_CLOSED, sector_concerned_message
from bot.core.say.options import options_message
from bot.core.status import experimentation_status

INTENT = "follow_up"
# FAQ answers about which sectors the scheme concerns: a sector named after them is asked about against that list.
SECTOR_KEYS = frozenset({"sectors", "who"})
# Where a follow-up goes when no answer before it fits: where the NLU's own intent goes (data/rules/).
NLU_ROUTES = {
    "inform": "eligibility_form",
    "check_eligibility": "eligibility_form",
    "find_opco": "action_find_opco",
    "simulate_funding": "action_simulate_funding",
    "faq": "action_answer_faq",
}
NLU_RESPONSES = {"out_of_scope": "utter_out_of_scope", "nlu_fallback": "utter_default"}


def routed_by_nlu(intent: str | None) -> bool:
    """Whether a message the NLU gave `intent` may be a follow-up: an answer, a question, or not understood (never a
    greeting, a stop or a thank-you)."""
    return intent in NLU_ROUTES or intent in NLU_RESPONSES


def by_nlu(turn: Turn) -> Decision:
    """What the message gets from its own intent, as if it were no follow-up."""
    if turn.intent in NLU_RESPONSES:
        return Decision(say=(Say(response=NLU_RESPONSES[turn.intent]),))
    return Decision(followup=NLU_ROUTES.get(turn.intent or "", "action_answer_faq"))


def next_step(turn: Turn, state: State, last: str) -> Decision:
    """"Et après ?": the step after the last answer; once the experimentation is over, what remains possible."""
    k = state.knowledge
    if experimentation_status(state.today, k).is_closed:
        text = f"{NEXT_WHEN_CLOSED}\n\n{options_message(options_profile(turn, state), k)}"
    else:
        text = NEXT_STEPS[last.split("/", 1)[0]]
    return Decision(say=(Say(text=text, buttons=NEXT_BUTTONS),))


def _again(turn: Turn, state: State, found: FollowUp, last: str) -> Decision | None:
    """The last answer's question asked again with the follow-up's value, or None when the value does not fit it."""
    kind, _, key = last.partition("/")
    if found.sector and (found.concerned or (kind == FAQ_ANSWER and key in SECTOR_KEYS)):
        return Decision(say=(Say(text=sector_concerned_message(found.sector, state.knowledge)),))
    if kind == OPCO_ANSWER and (found.sector or found.excluded_employer):
        return find_opco(turn, state)
    if kind == FUNDING_ANSWER and (found.months or found.amount) and state.get("funding_cost"):
        return simulate_funding(turn, replace(state, slots={**state.slots, PENDING: PENDING_FUNDING_FIGURES}))
    if kind == VERDICT_ANSWER and (found.sector or found.age is not None):
        return Decision(followup="eligibility_form")
    if kind == PLAN_ANSWER and (found.sector or found.months):
        return Decision(followup="employer_form")
    return None


def follow_up(turn: Turn, state: State) -> Decision:
    """The decision for a message the NLU marked as a follow-up (`turn.intent` is the intent it found first)."""
    found = read_followup(turn.text, state.today, state.knowledge)
    last = state.get(LAST_ANSWER)
    if found is None:
        return by_nlu(turn)
    if state.get(PENDING) == PENDING_OPCO_SECTOR and found.sector:
        return answer_opco_sector(turn, state)  # the OPCO finder has just asked for this sector
    if found.kind == NEXT:
        return next_step(turn, state, last) if last else by_nlu(turn)
    decision = _again(turn, state, found, last) if last else None
    return decision if decision is not None else by_nlu(turn)
