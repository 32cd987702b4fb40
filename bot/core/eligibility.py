"""Eligibility rule of the VAE inversée: the only condition is the minimum age.

The sector only says whether the person is the priority target (métier en tension); a sector outside
the list is not excluded. Whether contracts can still be signed (the experimentation window) is
reported separately in `Verdict.status` and never makes a person ineligible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.core.knowledge import Knowledge, Opco, Sector, load
from bot.core.read.age import age_on
from bot.core.status import Status, experimentation_status

# Reason codes, in the order they are reported.
AGE_OK = "age_ok"
UNDER_MIN_AGE = "under_min_age"
AGE_UNKNOWN = "age_unknown"
SECTOR_TENSION = "sector_tension"
SECTOR_NOT_PRIORITY = "sector_not_priority"
SECTOR_UNLISTED = "sector_unlisted"
SECTOR_UNKNOWN = "sector_unknown"
PUBLIC_EMPLOYER = "public_employer"  # the job named a public employer, which may not sign the contract
WINDOW_UPCOMING = "window_upcoming"
WINDOW_OPEN = "window_open"
WINDOW_CLOSED = "window_closed"


@dataclass(frozen=True)
class Profile:
    """What the visitor told us. `birth_date`, when known, wins over `age`."""

    age: int | None = None
    birth_date: date | None = None
    sector_id: str | None = None
    goal: str | None = None
    situation: str | None = None
    public_employer: bool = False  # the job given names one ("aide-soignante à l'hôpital public")


@dataclass(frozen=True)
class Verdict:
    """Outcome of `assess`.

    eligible: True/False on the age condition, None when the age is unknown.
    age: the age used (from the birth date when known).
    turns_16_on: the day the minimum age is reached, when the birth date is known and it is later.
    priority: True for a métier en tension, False for another or unlisted sector, None if no sector.
    """

    eligible: bool | None
    age: int | None
    min_age: int
    turns_16_on: date | None
    priority: bool | None
    sector: Sector | None
    opco: Opco | None
    status: Status
    reasons: list[str] = field(default_factory=list)
    goal: str | None = None
    situation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (dates as ISO strings), e.g. for a `verdict` slot."""
        return {
            "eligible": self.eligible,
            "age": self.age,
            "min_age": self.min_age,
            "turns_16_on": self.turns_16_on.isoformat() if self.turns_16_on else None,
            "priority": self.priority,
            "sector_id": self.sector.id if self.sector else None,
            "opco_id": self.opco.id if self.opco else None,
            "phase": self.status.phase,
            "reasons": list(self.reasons),
            "goal": self.goal,
            "situation": self.situation,
        }


def anniversary(birth_date: date, years: int) -> date:
    """The day someone born on `birth_date` turns `years` (29 February -> 1 March in common years)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:  # 29 February in a common year
        return date(birth_date.year + years, 3, 1)


def assess(profile: Profile, today: date, k: Knowledge | None = None) -> Verdict:
    """Apply the eligibility rule to `profile` on `today`."""
    k = k or load()
    min_age = k.min_age
    age = age_on(profile.birth_date, today) if profile.birth_date else profile.age
    if age is not None and age < 0:
        age = None
    eligible = None if age is None else age >= min_age
    turns_16_on = None
    if eligible is False and profile.birth_date:
        turns_16_on = anniversary(profile.birth_date, min_age)

    sector = k.sector(profile.sector_id) if k.has_sector(profile.sector_id) else None
    if sector:
        priority: bool | None = sector.tension
        sector_reason = SECTOR_TENSION if sector.tension else SECTOR_NOT_PRIORITY
    elif profile.sector_id:
        priority, sector_reason = False, SECTOR_UNLISTED
    else:
        priority, sector_reason = None, SECTOR_UNKNOWN

    status = experimentation_status(today, k)
    age_reason = AGE_UNKNOWN if eligible is None else AGE_OK if eligible else UNDER_MIN_AGE
    window_reason = {"upcoming": WINDOW_UPCOMING, "open": WINDOW_OPEN, "closed": WINDOW_CLOSED}[status.phase]
    return Verdict(
        eligible=eligible,
        age=age,
        min_age=min_age,
        turns_16_on=turns_16_on,
        priority=priority,
        sector=sector,
        opco=k.opco(sector.opco_id) if sector else None,
        status=status,
        reasons=[age_reason, sector_reason, *([PUBLIC_EMPLOYER] if profile.public_employer else []), window_reason],
        goal=profile.goal,
        situation=profile.situation,
    )
