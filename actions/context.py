"""What every action needs from the core: the knowledge data and the reference date."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

from rasa_sdk import Tracker

from bot.core.knowledge import Knowledge, load
from bot.core.status import reference_date

logger = logging.getLogger(__name__)

# Every conversation-ending answer offers these next steps.
NEXT_STEP_BUTTONS = [
    {"title": "Poser une question", "payload": "Que pouvez-vous faire ?"},
    {"title": "Simuler le financement", "payload": "Simuler le financement"},
    {"title": "Recommencer", "payload": "Recommencer le test"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]


# The `pending_question` slot: what the assistant has just asked outside a form (see domain.yml).
PENDING = "pending_question"
PENDING_OPCO_SECTOR = "opco_sector"
PENDING_FUNDING_FIGURES = "funding_figures"


def knowledge() -> Knowledge:
    return load()


def today() -> date:
    return reference_date()


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent: dict[str, Any] = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


# The `role` slot's values (domain.yml).
EMPLOYER_ROLE = "employeur"
CANDIDATE_ROLE = "candidat"
# Answers of the employer form that only an employer gave: whoever has one was welcomed already.
RETURNING_EMPLOYER_SLOTS = ("jobs_to_fill", "hires", "contract_months")


def returning_employer(tracker: Tracker) -> bool:
    """An employer who has answered the employer form before (and may be back to change an answer)."""
    return (tracker.get_slot("role") == EMPLOYER_ROLE
            and any(tracker.get_slot(slot) is not None for slot in RETURNING_EMPLOYER_SLOTS))
