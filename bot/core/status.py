"""Where the experimentation stands on a given day, and which day counts as "today"."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.core.knowledge import Knowledge, load

REFERENCE_DATE_ENV = "VAE_REFERENCE_DATE"

Phase = Literal["upcoming", "open", "closed"]


@dataclass(frozen=True)
class Status:
    """Availability of the experimentation on `today`.

    Contracts signed from `contracts_from` to `contracts_until` (both included) are covered.
    Exactly one of `days_until_start`, `days_left`, `days_since_end` is set, depending on `phase`.
    `days_left` counts the days after today still open (0 on the last day).
    """

    phase: Phase
    today: date
    contracts_from: date
    contracts_until: date
    extension_known: bool
    days_until_start: int | None = None
    days_left: int | None = None
    days_since_end: int | None = None

    @property
    def is_open(self) -> bool:
        return self.phase == "open"

    @property
    def is_closed(self) -> bool:
        return self.phase == "closed"


def reference_date() -> date:
    """Today's date, or the date set in VAE_REFERENCE_DATE (YYYY-MM-DD) to preview another day."""
    value = os.environ.get(REFERENCE_DATE_ENV, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{REFERENCE_DATE_ENV}={value!r} is not a valid date: expected YYYY-MM-DD, e.g. 2026-02-28"
        ) from None


def experimentation_status(today: date, k: Knowledge | None = None) -> Status:
    """Phase of the experimentation on `today` (the end date is still open)."""
    exp = (k or load()).experimentation
    common = {
        "today": today,
        "contracts_from": exp.contracts_from,
        "contracts_until": exp.contracts_until,
        "extension_known": exp.extension_known,
    }
    if today < exp.contracts_from:
        return Status("upcoming", days_until_start=(exp.contracts_from - today).days, **common)
    if today <= exp.contracts_until:
        return Status("open", days_left=(exp.contracts_until - today).days, **common)
    return Status("closed", days_since_end=(today - exp.contracts_until).days, **common)
