"""The FAQ answer's decision: the answer the ResponseSelector chose, with figures and dates from the knowledge data,
phrased for the visitor's role, dated by the experimentation's status."""
from __future__ import annotations

import logging
import re
from typing import Any, Mapping

from bot.core.dialogue.decision import Decision, Say, State, Turn, once
from bot.core.dialogue.funding import follow_up_money, simulate_funding
from bot.core.dialogue.slots import FAQ_ANSWER, PENDING, PENDING_FUNDING_FIGURES, answered
from bot.core.options import Profile as OptionsProfile
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.buttons import OPTIONS_BUTTONS
from bot.core.say.faq import faq_placeholders
from bot.core.say.format import format_date
from bot.core.say.options import options_message
from bot.core.say.status import closed_reminder, status_message, with_reminder
from bot.core.say.welcome import status_sentence
from bot.core.status import experimentation_status

logger = logging.getLogger(__name__)

# Keys whose answer depends on the reference date: the FAQ texts describe the situation after the end of
# the experimentation; before it, the status wording of the core answers instead.
DATE_AWARE_KEYS = {"status", "dates"}
# Answers that read as if the scheme were open ("ouverte à toute personne", "l'OPCO finance"): once the
# experimentation is over, they end with a reminder of its end date.
REMINDED_KEYS = {"definition", "parcours", "certifications", "contrat_allege", "volume", "why", "sectors", "who",
                 "funding", "costs_covered", "employer_cost", "private_employers", "employer_recruit",
                 "employer_interest"}
# Below this, the ResponseSelector's choice of answer is not trusted ("je n'ai pas bien compris"). With 29 answers
# its confidences run low: on the 173 held-out questions classified FAQ (2026-12-03), 0.2 turned away 5, three of
# them rightly answered ("que contient le parcours ?" scored 0.19) and two wrongly; 0.15 turns away one, rightly
# answered, and lets the two wrong answers through (12 wrong answers given instead of 10).
MIN_KEY_CONFIDENCE = 0.15


# The answer listing what the visitor can do now: built from their profile, not from a fixed text.
OPTIONS_KEY = "options_now"
# "pour ma mère", "mon fils": someone asking for a relative gets that person's routes, not a contract to sign.
_RELATIVE = re.compile(r"\b(?:ma|mon|mes|notre|nos)\s+(?:m[eè]re|p[eè]re|parents?|fils|fille|enfants?|fr[eè]re|"
                       r"s(?:oe|œ)ur|femme|mari|conjoint|conjointe|compagne|compagnon|grand-m[eè]re|grand-p[eè]re)\b",
                       re.IGNORECASE)
_EXPERIENCE = re.compile(r"\bexp[ée]rience\b", re.IGNORECASE)


def options_profile(turn: Turn, state: State) -> OptionsProfile:
    """Who "what can I do now?" is about: the slots the conversation holds, and the message's own words."""
    kind = state.get("employer_kind")
    if _RELATIVE.search(turn.text or "") or kind == PARTICULIER:
        return OptionsProfile(employer_kind=PARTICULIER)
    if kind == PUBLIC:
        return OptionsProfile(employer_kind=PUBLIC)
    if state.get("role") == "employeur":
        return OptionsProfile(employer_kind=PRIVATE)
    age = state.get("age")
    return OptionsProfile(
        age=int(age) if isinstance(age, (int, float)) else None,
        situation=state.get("situation"),
        experienced=True if _EXPERIENCE.search(turn.text or "") else None,
    )


class _Placeholders(dict):
    def __missing__(self, key: str) -> str:
        logger.error("FAQ text uses an unknown placeholder {%s}", key)
        return "{" + key + "}"


def render(text: str, placeholders: dict[str, str]) -> str:
    """Fill {placeholders} of a FAQ text; an unknown one is logged and left as is."""
    return text.format_map(_Placeholders(placeholders))


def _conditions_hold(variant: dict[str, Any], slots: Mapping[str, Any]) -> bool:
    conditions = variant.get("condition") or []
    return all(c.get("type") == "slot" and slots.get(c.get("name")) == c.get("value") for c in conditions)


def faq_response(domain: dict[str, Any], key: str, slots: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The answer for `key` in the domain's responses: a variant whose slot conditions hold (Rasa's conditional
    response variations, e.g. `role: employeur`), else the variant without condition, the default."""
    variants = (domain.get("responses") or {}).get(f"utter_faq/{key}") or []
    slots = slots or {}
    conditional = [v for v in variants if v.get("condition") and _conditions_hold(v, slots)]
    default = [v for v in variants if not v.get("condition")]
    chosen = conditional or default
    return chosen[0] if chosen else None


def answer_faq(turn: Turn, state: State, key: str | None, confidence: float, domain: dict[str, Any]) -> Decision:
    """The answer for the FAQ `key` the ResponseSelector picked with `confidence`, among the domain's responses."""
    if state.get(PENDING) == PENDING_FUNDING_FIGURES and follow_up_money(turn.text, state):
        # "Et pour 6 mois ?" just after a simulation, which the NLU may take for a question on the scheme.
        return simulate_funding(turn, state)
    # `role` is set before this action runs (the `role` entity of bot/adapters/nlu.py), e.g. "employeur" for a
    # question that starts "en tant que recruteur".
    response = faq_response(domain, key, {"role": state.get("role")}) if key else None
    if response is None or confidence < MIN_KEY_CONFIDENCE:
        logger.info("no confident FAQ answer (key=%s, confidence=%.2f)", key, confidence)
        return Decision(say=(Say(response="utter_default"),))
    k = state.knowledge
    status = experimentation_status(state.today, k)
    if key == OPTIONS_KEY:
        options = Say(text=options_message(options_profile(turn, state), k, status), buttons=OPTIONS_BUTTONS)
        return Decision({**_told(status), **answered(FAQ_ANSWER, key)}, say=(once(options, state),))
    if key in DATE_AWARE_KEYS and status.phase != "closed":
        text = status_message(status, k)
    else:
        text = render(response.get("text", ""), faq_placeholders(k, status))
        if key in REMINDED_KEYS:
            text = with_reminder(text, closed_reminder(status))
    answer = once(Say(text=text, buttons=response.get("buttons") or []), state)  # asked again: the short form
    text = _status_first(answer.text or "", status, state)
    return Decision({**_told(status), **answered(FAQ_ANSWER, key)}, say=(Say(text=text, buttons=answer.buttons),))


# Set once the visitor has been told that the experimentation is over (the greeting or a first answer).
STATUS_TOLD = "status_told"


def _told(status: Any) -> dict[str, Any]:
    return {STATUS_TOLD: True} if status.is_closed else {}


def _status_first(text: str, status: Any, state: State) -> str:
    """The first answer of a conversation starts with the experimentation's status in one sentence, once it is over
    (unless the answer already gives the closing date)."""
    k = state.knowledge
    if not status.is_closed or state.get(STATUS_TOLD):
        return text
    if format_date(status.contracts_until) in text:
        return text
    return f"{status_sentence(status, k)}\n\n{text}"
