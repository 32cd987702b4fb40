"""Phase of the experimentation on pinned dates, and the reference date override."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.status import experimentation_status, reference_date


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (date(2023, 5, 27), "upcoming"),
        (date(2023, 5, 28), "open"),
        (date(2025, 6, 26), "open"),
        (date(2026, 2, 28), "open"),
        (date(2026, 3, 1), "closed"),
        (date(2026, 11, 1), "closed"),
    ],
)
def test_phase(today, phase):
    assert experimentation_status(today).phase == phase


def test_counters():
    assert experimentation_status(date(2023, 5, 27)).days_until_start == 1
    last_day = experimentation_status(date(2026, 2, 28))
    assert (last_day.days_left, last_day.days_since_end) == (0, None)
    assert experimentation_status(date(2026, 2, 1)).days_left == 27
    closed = experimentation_status(date(2026, 3, 1))
    assert (closed.days_since_end, closed.days_left, closed.is_open, closed.is_closed) == (1, None, False, True)
    assert not last_day.is_closed and last_day.is_open
    assert not experimentation_status(date(2023, 5, 27)).is_closed
    assert closed.contracts_until == date(2026, 2, 28) and closed.extension_known is False


def test_reference_date_defaults_to_today(monkeypatch):
    monkeypatch.delenv("VAE_REFERENCE_DATE", raising=False)
    assert reference_date() == date.today()


def test_reference_date_from_environment(monkeypatch):
    monkeypatch.setenv("VAE_REFERENCE_DATE", "2026-03-01")
    assert reference_date() == date(2026, 3, 1)


@pytest.mark.parametrize("value", ["01/03/2026", "2026-02-30", "demain"])
def test_invalid_reference_date_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("VAE_REFERENCE_DATE", value)
    with pytest.raises(ValueError, match="VAE_REFERENCE_DATE.*YYYY-MM-DD"):
        reference_date()
