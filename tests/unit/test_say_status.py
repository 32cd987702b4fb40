"""Where the experimentation stands, said by date."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.say.status import status_message
from bot.core.status import experimentation_status
from tests.unit.say_checks import CLOSED, OPEN, K, assert_sourced


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 1, 1), "pas encore commencé"),
        (OPEN, "Il reste"),
        (date(2026, 2, 28), "dernier jour"),
        (CLOSED, "aucune prolongation"),
    ],
)
def test_status_message(today, expected):
    message = status_message(experimentation_status(today), K)
    assert expected in message
    assert_sourced(message)


def test_status_message_singular_day():
    assert "Il reste 1 jour pour" in status_message(experimentation_status(date(2026, 2, 27)), K)


def test_status_message_after_an_announced_extension():
    status = experimentation_status(CLOSED)
    extended = type(status)(**{**status.__dict__, "extension_known": True})
    assert "aucune prolongation" not in status_message(extended, K)
