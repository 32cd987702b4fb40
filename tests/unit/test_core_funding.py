"""OPCO funding: annual cap pro-rated to the months, exact split, clear input errors."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.funding import MAX_COST_EUR, FundingInputError, coverage
from bot.core.knowledge import load

CAP = load().funding.annual_cap_eur
MAX_MONTHS = load().contract.max_months


@pytest.mark.parametrize(
    ("cost", "months", "opco_max", "share", "remainder", "within"),
    [
        (9000, 12, 9000, 9000, 0, True),  # exactly the cap
        (6500, 12, 9000, 6500, 0, True),  # under the cap
        (12000, 12, 9000, 9000, 3000, False),  # over the cap
        (18000, 24, 18000, 18000, 0, True),  # two full years
        (27000, 36, 27000, 27000, 0, True),  # three full years
        (15000, 18, 13500, 13500, 1500, False),  # partial year, over
        (4000, 6, 4500, 4000, 0, True),  # half a year, under
        (5000, 6, 4500, 4500, 500, False),  # half a year, over
        (1000, 1, 750, 750, 250, False),  # one month
        (100.555, 12, 9000, Decimal("100.56"), 0, True),  # rounded to the cent
    ],
)
def test_split(cost, months, opco_max, share, remainder, within):
    result = coverage(cost, months)
    assert result.opco_max == Decimal(opco_max)
    assert result.opco_share == Decimal(share)
    assert result.remainder == Decimal(remainder)
    assert result.within_cap is within
    assert result.months == months


def test_months_default_to_one_year():
    assert coverage(6500).months == 12 and coverage(6500).opco_max == Decimal(CAP)


def test_yearly_cost():
    yearly = coverage(12000, per_year=True)
    assert (yearly.cost, yearly.opco_share, yearly.remainder) == (Decimal(12000), Decimal(9000), Decimal(3000))
    over_two_years = coverage(12000, 24, per_year=True)
    assert (over_two_years.cost, over_two_years.opco_max, over_two_years.remainder) == (
        Decimal(24000), Decimal(18000), Decimal(6000),
    )


def test_covered_categories_come_from_the_data():
    labels = coverage(1000).covered_categories
    assert len(labels) == 4 and any("accompagnement VAE" in label for label in labels)


@pytest.mark.parametrize(
    ("cost", "months", "code"),
    [
        (0, 12, "cost_not_positive"),
        (-500, 12, "cost_not_positive"),
        (0.001, 12, "cost_not_positive"),
        (math.nan, 12, "cost_not_a_number"),
        (math.inf, 12, "cost_not_a_number"),
        ("12000", 12, "cost_not_a_number"),
        (True, 12, "cost_not_a_number"),
        (MAX_COST_EUR + 1, 12, "cost_too_large"),
        (1e12, 12, "cost_too_large"),
        (1000, 0, "months_not_positive"),
        (1000, -3, "months_not_positive"),
        (1000, math.nan, "months_not_a_number"),
        (1000, MAX_MONTHS + 1, "months_too_long"),
    ],
)
def test_invalid_input(cost, months, code):
    with pytest.raises(FundingInputError) as error:
        coverage(cost, months)
    assert error.value.code == code
    assert isinstance(error.value, ValueError)


# From one euro: smaller amounts pro-rated over a month round to zero cents and are refused.
costs = st.floats(min_value=1, max_value=MAX_COST_EUR, allow_nan=False, allow_infinity=False)
durations = st.one_of(
    st.integers(min_value=1, max_value=MAX_MONTHS),
    st.floats(min_value=0.5, max_value=MAX_MONTHS, allow_nan=False),
)


@settings(deadline=None)
@given(cost=costs, months=durations, per_year=st.booleans())
def test_invariants(cost, months, per_year):
    result = coverage(cost, months, per_year=per_year)
    bound = Decimal(CAP) * Decimal(str(months)) / 12
    assert result.opco_share <= bound + Decimal("0.005")
    assert result.opco_share <= result.opco_max
    assert result.opco_share + result.remainder == result.cost
    assert min(result.cost, result.opco_share, result.remainder, result.opco_max) >= 0
    assert result.within_cap == (result.remainder == 0)
    assert result.cost == result.cost.quantize(Decimal("0.01"))


@settings(deadline=None)
@given(cost=costs, months=durations)
def test_more_months_never_lower_the_share(cost, months):
    shorter = coverage(cost, months)
    longer = coverage(cost, min(months + 1, MAX_MONTHS))
    assert longer.opco_share >= shorter.opco_share
