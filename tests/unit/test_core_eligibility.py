"""Eligibility: age is the only condition; sector gives priority; the window is reported apart."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.eligibility import Profile, age_on, anniversary, assess

OPEN = date(2025, 6, 26)
CLOSED = date(2026, 11, 1)


@pytest.mark.parametrize(("age", "eligible"), [(15, False), (16, True), (17, True), (45, True), (None, None)])
def test_age_boundary(age, eligible):
    assert assess(Profile(age=age), OPEN).eligible is eligible


def test_sixteenth_birthday_today_is_eligible():
    verdict = assess(Profile(birth_date=date(2009, 6, 26)), OPEN)
    assert (verdict.eligible, verdict.age, verdict.turns_16_on) == (True, 16, None)
    assert "age_ok" in verdict.reasons


def test_sixteenth_birthday_tomorrow_is_not_yet():
    verdict = assess(Profile(birth_date=date(2009, 6, 27)), OPEN)
    assert (verdict.eligible, verdict.age) == (False, 15)
    assert verdict.turns_16_on == date(2025, 6, 27)
    assert "under_min_age" in verdict.reasons


def test_birth_date_wins_over_age():
    assert assess(Profile(age=40, birth_date=date(2012, 1, 1)), OPEN).eligible is False


@pytest.mark.parametrize(
    ("today", "age"),
    [(date(2025, 2, 28), 16), (date(2025, 3, 1), 17), (date(2024, 2, 28), 15), (date(2024, 2, 29), 16)],
)
def test_born_on_29_february(today, age):
    assert age_on(date(2008, 2, 29), today) == age


def test_29_february_anniversaries():
    assert anniversary(date(2009, 2, 28), 16) == date(2025, 2, 28)
    assert anniversary(date(2008, 2, 29), 16) == date(2024, 2, 29)
    assert anniversary(date(2012, 2, 29), 16) == date(2028, 2, 29)
    assert anniversary(date(2010, 2, 28), 16) == date(2026, 2, 28)
    verdict = assess(Profile(birth_date=date(2012, 2, 29)), OPEN)
    assert verdict.turns_16_on == date(2028, 2, 29)
    assert anniversary(date(2008, 2, 29), 17) == date(2025, 3, 1)


def test_closed_window_never_makes_an_adult_ineligible():
    verdict = assess(Profile(age=30, sector_id="transport"), CLOSED)
    assert verdict.eligible is True
    assert verdict.status.phase == "closed"
    assert verdict.reasons == ["age_ok", "sector_tension", "window_closed"]


def test_sector_in_tension_is_priority_with_its_opco():
    verdict = assess(Profile(age=30, sector_id="sante"), OPEN)
    assert verdict.priority is True
    assert verdict.opco.id == "opco_sante"
    assert verdict.sector.label == "santé"


def test_sector_not_in_tension_is_not_excluded():
    verdict = assess(Profile(age=30, sector_id="banque_assurance"), OPEN)
    assert (verdict.eligible, verdict.priority) == (True, False)
    assert verdict.opco.id == "atlas"
    assert "sector_not_priority" in verdict.reasons


def test_unlisted_sector_is_not_excluded():
    verdict = assess(Profile(age=30, sector_id="autre"), OPEN)
    assert (verdict.eligible, verdict.priority, verdict.opco) == (True, False, None)
    assert "sector_unlisted" in verdict.reasons


def test_no_sector_gives_unknown_priority():
    verdict = assess(Profile(age=30), OPEN)
    assert verdict.priority is None and "sector_unknown" in verdict.reasons


def test_goal_and_situation_do_not_change_eligibility():
    for situation in ("salarie", "demandeur_emploi", "etudiant", "autre"):
        assert assess(Profile(age=20, goal="blocs", situation=situation), OPEN).eligible is True


def test_to_dict_is_json_friendly():
    data = assess(Profile(birth_date=date(2010, 3, 12), sector_id="btp"), OPEN).to_dict()
    assert data == {
        "eligible": False,
        "age": 15,
        "min_age": 16,
        "turns_16_on": "2026-03-12",
        "priority": True,
        "sector_id": "btp",
        "opco_id": "constructys",
        "phase": "open",
        "reasons": ["under_min_age", "sector_tension", "window_open"],
        "goal": None,
        "situation": None,
    }
