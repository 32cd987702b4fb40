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
from typing import Callable

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
from bot.core.say.followup import (
    NEXT_BUTTONS,
    NEXT_STEPS,
    NEXT_WHEN_CLOSED,
    same_opco_message,
    sector_concerned_message,
)
from bot.core.say.options import options_message
from bot.core.status import experimentation_status

INTENT = "follow_up"
# FAQ answers about which sectors the scheme concerns: a sector named after them is asked about against that list.
SECTOR_KEYS = frozenset({"sectors", "who"})
# What a follow-up gets when no answer before it fits: what the NLU's own intent gets (data/rules/), decided here
# rather than handed to another action, after which the rules would not know what comes next.
FORM_INTENTS = frozenset({"inform", "check_eligibility"})
NLU_RESPONSES = {"out_of_scope": "utter_out_of_scope", "nlu_fallback": "utter_default"}
DECIDED_INTENTS = frozenset({"find_opco", "simulate_funding", "faq"})
# The FAQ answer the ResponseSelector chose for the message (the action reads it from the tracker and the domain).
FaqAnswer = Callable[[Turn, State], Decision]


def routed_by_nlu(intent: str | None) -> bool:
    """Whether a message the NLU gave `intent` may be a follow-up: an answer, a question, or not understood (never a
    greeting, a stop or a thank-you)."""
    return intent in FORM_INTENTS or intent in NLU_RESPONSES or intent in DECIDED_INTENTS


def by_nlu(turn: Turn, state: State, faq: FaqAnswer) -> Decision:
    """What the message gets from its own intent, as if it were no follow-up (with the rules' exceptions for a
    question the assistant has just asked, data/rules/employer.yml and funding.yml)."""
    pending = state.get(PENDING)
    if pending == PENDING_OPCO_SECTOR and turn.intent in ("inform", "out_of_scope"):
        return answer_opco_sector(turn, state)
    if pending == PENDING_FUNDING_FIGURES and turn.intent == "inform":
        return simulate_funding(turn, state)
    if turn.intent in FORM_INTENTS:
        return Decision(followup="eligibility_form")
    if turn.intent == "find_opco":
        return find_opco(turn, state)
    if turn.intent == "simulate_funding":
        return simulate_funding(turn, state)
    if turn.intent == "faq":
        return faq(turn, state)
    return Decision(say=(Say(response=NLU_RESPONSES.get(turn.intent or "", "utter_default")),))


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
    sector = found.sector.sector_id if found.sector else None
    if sector and (found.concerned or (kind == FAQ_ANSWER and key in SECTOR_KEYS)):
        return Decision(say=(Say(text=sector_concerned_message(found.sector, state.knowledge)),))
    if kind == OPCO_ANSWER and sector and sector == key:
        # Another place or job of the sector just answered ("une salle de sport" after "un théâtre").
        return Decision(say=(Say(text=same_opco_message(found.sector, state.knowledge)),))
    if kind == OPCO_ANSWER and (sector or found.excluded_employer):
        return find_opco(turn, state)
    if kind == FUNDING_ANSWER and (found.months or found.amount) and state.get("funding_cost"):
        return simulate_funding(turn, replace(state, slots={**state.slots, PENDING: PENDING_FUNDING_FIGURES}))
    # A verdict or a plan again only for a value it did not have: the same one would give the same reply.
    new_sector = sector not in (None, state.get("sector"))
    if kind == VERDICT_ANSWER and (new_sector or found.age not in (None, state.get("age"))):
        return Decision(followup="eligibility_form")
    if kind == PLAN_ANSWER and (new_sector or found.months not in (None, state.get("contract_months"))):
        return Decision(followup="employer_form")
    return None


def follow_up(turn: Turn, state: State, faq: FaqAnswer) -> Decision:
    """The decision for a message the NLU marked as a follow-up (`turn.intent` is the intent it found first; `faq`
    the FAQ answer it chose, if the message goes where its intent sends it)."""
    found = read_followup(turn.text, state.today, state.knowledge)
    last = state.get(LAST_ANSWER)
    if found is None:
        return by_nlu(turn, state, faq)
    if state.get(PENDING) == PENDING_OPCO_SECTOR and found.sector:
        return answer_opco_sector(turn, state)  # the OPCO finder has just asked for this sector
    if found.kind == NEXT:
        return next_step(turn, state, last) if last else by_nlu(turn, state, faq)
    decision = _again(turn, state, found, last) if last else None
    return decision if decision is not None else by_nlu(turn, state, faq)
