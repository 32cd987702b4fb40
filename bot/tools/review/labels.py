"""French text of the review console and CLI: labels of codes, dates, numbers and rates."""
from __future__ import annotations

import logging
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from bot.adapters.store.conversation import ABANDONED, ELIGIBLE, NO_FORM, NOT_ELIGIBLE, UNDETERMINED
from bot.adapters.store.notes import ADD_TO_DATA, DONE, TO_REVIEW
from bot.adapters.store.summaries import TIMEZONE
from bot.core.read.sectors import OTHER_SECTOR
from bot.core.say.format import MONTHS

OUTCOMES = {
    ELIGIBLE: "Éligible",
    NOT_ELIGIBLE: "Pas encore éligible",
    UNDETERMINED: "Âge non précisé",
    ABANDONED: "Questionnaire abandonné",
    NO_FORM: "Sans questionnaire",
}
ROLES = {"candidat": "Candidat", "employeur": "Employeur"}
TAGS = {TO_REVIEW: "À revoir", ADD_TO_DATA: "Ajouter aux données", DONE: "Traité"}
SLOTS = {"age": "Âge", "birth_date": "Date de naissance", "sector": "Secteur", "sector_raw": "Secteur (texte saisi)",
         "goal": "Objectif", "situation": "Situation", "role": "Rôle", "verdict": "Verdict",
         "funding_cost": "Coût de la formation", "funding_months": "Durée (mois)", "requested_slot": "Question posée"}
CHANNELS = {"rest": "Widget / API REST", "socketio": "Widget (socket.io)", "cmdline": "Terminal"}
FEEDBACK = {"up": "Utile", "down": "Pas utile"}

logger = logging.getLogger(__name__)


def label(table: dict[str, str], code: Any, missing: str = "—") -> str:
    """The French label of a code; an unknown code is shown as is."""
    if code in (None, ""):
        return missing
    return table.get(code, str(code))


@lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """Sector ids and their French names, from the knowledge file; empty if it cannot be read."""
    try:
        from bot.core.knowledge import load

        names = {sector.id: sector.label.capitalize() for sector in load().sectors}
    except Exception:  # the console must still show the ids
        logger.exception("sector names not loaded from the knowledge file")
        names = {}
    return {**names, OTHER_SECTOR: "Autre secteur"}


def sector(code: str | None) -> str:
    return label(sector_names(), code)


def french_date(day: date) -> str:
    """"28 février 2026"; the first of the month is "1er"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def local_datetime(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, TIMEZONE) if timestamp is not None else None


def french_datetime(timestamp: float | None) -> str:
    """"28 février 2026 à 14:05" in Paris time."""
    moment = local_datetime(timestamp)
    return f"{french_date(moment.date())} à {moment:%H:%M}" if moment else "—"


def iso_datetime(timestamp: float | None) -> str:
    """"2026-02-28 14:05:09", Paris time, for exports."""
    moment = local_datetime(timestamp)
    return f"{moment:%Y-%m-%d %H:%M:%S}" if moment else ""


def number(value: int | float) -> str:
    """"100 000": thousands separated by a space."""
    return f"{value:,}".replace(",", " ")


def percent(ratio: float | None) -> str:
    """"12,5 %", or "—" when there is nothing to divide."""
    if ratio is None:
        return "—"
    return f"{ratio * 100:.1f}".replace(".", ",").replace(",0", "") + " %"


def confidence(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")
