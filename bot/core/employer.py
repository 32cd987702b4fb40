"""The employer's plan: who may sign the contract, and what their OPCO can fund for their hires.

Pure functions on plain data, no Rasa import. What the employer says (their kind, hires, jobs, durations) is
read by `bot.core.read` (speaker.py, hiring.py, durations.py); the French wording is in `bot.core.say`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.core.funding import MONTHS_PER_YEAR, coverage
from bot.core.knowledge import Knowledge, Opco, Sector, load
from bot.core.read.durations import check_contract_months
from bot.core.read.speaker import EXCLUDED_KINDS, PRIVATE
from bot.core.status import Status, experimentation_status

# From this share of the experimentation's parcours, the plan says how much of them the hires would take.
LARGE_SHARE_OF_PARCOURS = 0.1


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class EmployerRequest:
    """What the employer told us. `sector_id` is a sector id of the knowledge data or "autre"."""

    sector_id: str | None = None
    jobs: str | None = None
    hires: int | None = None
    months: float | None = None
    company_size: int | None = None
    kind: str | None = None  # PUBLIC or PARTICULIER when detected; None means nothing says otherwise


@dataclass(frozen=True)
class EmployerPlan:
    """Outcome of `plan`.

    per_parcours_cap: what the OPCO can fund for one parcours of `months` (annual cap, pro-rated).
    total_cap: per_parcours_cap × hires, when the number of hires is known.
    tutors_needed: salaried tutors needed at least, each following at most the legal number of people.
    months_assumed: True when no duration was given and a one-year contract is used for the figures.
    """

    request: EmployerRequest
    kind: str
    sector: Sector | None
    opco: Opco | None
    months: float
    months_assumed: bool
    per_parcours_cap: Decimal
    total_cap: Decimal | None
    tutors_needed: int | None
    status: Status

    @property
    def open_to_employer(self) -> bool:
        """Only a private employer may sign the contract."""
        return self.kind == PRIVATE


def per_parcours_cap(months: float, k: Knowledge | None = None) -> Decimal:
    """The most the OPCO funds for one parcours of `months`: the annual cap, pro-rated (Decimal, to the cent)."""
    k = k or load()
    # A parcours costing exactly the annual cap per year: its OPCO maximum is the pro-rated cap itself.
    return coverage(k.funding.annual_cap_eur, months, k, per_year=True).opco_max


def plan(request: EmployerRequest, today: date, k: Knowledge | None = None) -> EmployerPlan:
    """Apply the rules to the employer's numbers on `today`."""
    k = k or load()
    kind = request.kind if request.kind in EXCLUDED_KINDS else PRIVATE
    sector = k.sector(request.sector_id) if k.has_sector(request.sector_id) else None
    months_assumed = request.months is None or not check_contract_months(request.months, k).ok
    months = float(MONTHS_PER_YEAR) if months_assumed else float(request.months)
    cap = per_parcours_cap(months, k)
    hires = request.hires if request.hires and request.hires > 0 else None
    return EmployerPlan(
        request=request,
        kind=kind,
        sector=sector,
        opco=k.opco(sector.opco_id) if sector else None,
        months=months,
        months_assumed=months_assumed,
        per_parcours_cap=cap,
        total_cap=cap * hires if hires else None,
        tutors_needed=math.ceil(hires / k.tutoring.max_trainees_per_tutor) if hires else None,
        status=experimentation_status(today, k),
    )

