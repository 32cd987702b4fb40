"""OPCO funding rule: at most the annual cap per year of parcours, pro-rated to the contract's months.

Amounts are `Decimal` rounded to the cent, so `opco_share + remainder == cost` holds exactly.
Invalid input raises `FundingInputError` (a `ValueError`) whose `code` tells the caller what to ask
again; the visitor-facing French text is the caller's job (see `bot.core.say`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from bot.core.knowledge import Knowledge, load
from bot.core.read.durations import MONTHS_PER_YEAR

MAX_COST_EUR = 10_000_000  # above this, the figure is a typo, not a training budget
CENT = Decimal("0.01")


class FundingInputError(ValueError):
    """A cost or duration the rule cannot use.

    code: "cost_not_a_number", "cost_not_positive", "cost_too_large",
    "months_not_a_number", "months_not_positive" or "months_too_long".
    """

    def __init__(self, code: str, value: object) -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


@dataclass(frozen=True)
class Coverage:
    """Split of a parcours' total cost between the OPCO and the rest.

    cost: total cost over `months`; opco_max: annual cap pro-rated to `months`;
    opco_share = min(cost, opco_max); remainder = cost - opco_share, to fund otherwise.
    """

    cost: Decimal
    months: float
    annual_cap: Decimal
    opco_max: Decimal
    opco_share: Decimal
    remainder: Decimal
    within_cap: bool
    covered_categories: tuple[str, ...]


def _check(value: object, name: str, upper: float) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)) or not math.isfinite(value):
        raise FundingInputError(f"{name}_not_a_number", value)
    if value <= 0:
        raise FundingInputError(f"{name}_not_positive", value)
    if value > upper:
        raise FundingInputError(f"{name}_too_large" if name == "cost" else f"{name}_too_long", value)
    return Decimal(str(value))


def coverage(
    cost_eur: float,
    months: float | None = None,
    k: Knowledge | None = None,
    per_year: bool = False,
) -> Coverage:
    """How much of `cost_eur` the OPCO can fund.

    `cost_eur` is the total over `months`, or a yearly cost when `per_year` is true. `months`
    defaults to twelve and may not exceed the contract's maximum duration.
    Raises FundingInputError on a missing, negative, zero, absurd or non-numeric figure.
    """
    k = k or load()
    months = MONTHS_PER_YEAR if months is None else months
    amount = _check(cost_eur, "cost", MAX_COST_EUR)
    month_count = _check(months, "months", k.contract.max_months)
    if per_year:
        amount = amount * month_count / MONTHS_PER_YEAR
    cost = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if not cost:  # less than half a cent
        raise FundingInputError("cost_not_positive", cost_eur)
    annual_cap = Decimal(k.funding.annual_cap_eur)
    years = month_count / MONTHS_PER_YEAR
    if not k.funding.prorated:  # then the cap applies to each started year
        years = Decimal(math.ceil(years))
    opco_max = (annual_cap * years).quantize(CENT, rounding=ROUND_HALF_UP)
    share = min(cost, opco_max)
    return Coverage(
        cost=cost,
        months=float(months),
        annual_cap=annual_cap,
        opco_max=opco_max,
        opco_share=share,
        remainder=cost - share,
        within_cap=cost <= opco_max,
        covered_categories=tuple(category.label for category in k.funding.covered_categories),
    )
