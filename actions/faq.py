"""Answer a FAQ question chosen by the ResponseSelector, with figures and dates from the knowledge data."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import PENDING, PENDING_FUNDING_FIGURES, knowledge, latest_text, today
from actions.funding import ActionSimulateFunding, follow_up_money
from bot.core.status import experimentation_status
from bot.core.say import closed_reminder, status_message, with_reminder

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


class _Placeholders(dict):
    def __missing__(self, key: str) -> str:
        logger.error("FAQ text uses an unknown placeholder {%s}", key)
        return "{" + key + "}"


def render(text: str, placeholders: dict[str, str]) -> str:
    """Fill {placeholders} of a FAQ text; an unknown one is logged and left as is."""
    return text.format_map(_Placeholders(placeholders))


def selected_faq(tracker: Tracker) -> tuple[str | None, float]:
    """The FAQ key (e.g. "definition") picked by the ResponseSelector, and its confidence."""
    selector = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    return (key.split("/", 1)[1] if "/" in key else None), float(response.get("confidence") or 0.0)


def _conditions_hold(variant: dict[str, Any], slots: dict[str, Any]) -> bool:
    conditions = variant.get("condition") or []
    return all(c.get("type") == "slot" and slots.get(c.get("name")) == c.get("value") for c in conditions)


def faq_response(domain: dict[str, Any], key: str, slots: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The answer for `key`: a variant whose slot conditions hold (Rasa's conditional response variations,
    e.g. `role: employeur`), else the variant without condition, the default."""
    variants = (domain.get("responses") or {}).get(f"utter_faq/{key}") or []
    slots = slots or {}
    conditional = [v for v in variants if v.get("condition") and _conditions_hold(v, slots)]
    default = [v for v in variants if not v.get("condition")]
    chosen = conditional or default
    return chosen[0] if chosen else None


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if tracker.get_slot(PENDING) == PENDING_FUNDING_FIGURES and follow_up_money(latest_text(tracker), tracker):
            # "Et pour 6 mois ?" just after a simulation, which the NLU may take for a question on the scheme.
            return ActionSimulateFunding().run(dispatcher, tracker, domain)
        key, confidence = selected_faq(tracker)
        # `role` is set before this action runs (the `role` entity of bot/adapters/nlu.py), e.g. "employeur" for a
        # question that starts "en tant que recruteur".
        response = faq_response(domain, key, {"role": tracker.get_slot("role")}) if key else None
        if response is None or confidence < MIN_KEY_CONFIDENCE:
            logger.info("no confident FAQ answer (key=%s, confidence=%.2f)", key, confidence)
            dispatcher.utter_message(response="utter_default")
            return []
        k = knowledge()
        status = experimentation_status(today(), k)
        if key in DATE_AWARE_KEYS and status.phase != "closed":
            text = status_message(status, k)
        else:
            text = render(response.get("text", ""), k.placeholders())
            if key in REMINDED_KEYS:
                text = with_reminder(text, closed_reminder(status))
        dispatcher.utter_message(text=text, buttons=response.get("buttons") or [])
        return []
