"""Issue 34: answers stay short. Every verdict and every employer plan the product can produce opens with at most
MAX_OPENING_LINES lines, and every FAQ answer (as the FAQ action sends it) holds at most MAX_FAQ_LINES lines,
before its source line; the rest is on demand (buttons). The grids below go over every input the rules read, on
every phase of the experimentation bot/core/status.py knows (before, open, its last day, after)."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.core.dialogue import State, Turn
from bot.core.dialogue.faq import OPTIONS_KEY, answer_faq
from bot.core.eligibility import Profile, assess
from bot.core.employer import EmployerRequest, plan
from bot.core.funding import coverage
from bot.core.options import Profile as OptionsProfile
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.audience import CANDIDATE, EMPLOYER
from bot.core.say.employer import MAX_PLAN_LINES, employer_plan_message
from bot.core.say.options import options_message
from bot.core.say.verdict import MAX_SHORT_LINES, verdict_message
from tests.unit.say_checks import CLOSED, OPEN, K

MAX_OPENING_LINES = 6
MAX_FAQ_LINES = 8
FAQ = yaml.safe_load((Path(__file__).parents[2] / "data" / "nlu" / "faq.yml").read_text(encoding="utf-8"))
KEYS = [name.removeprefix("utter_faq/") for name in FAQ["responses"]]
# Every phase: not started, open, the last day to sign, over.
DAYS = [date(2023, 1, 1), OPEN, K.experimentation.contracts_until, CLOSED]
DAY_IDS = ["upcoming", "open", "last-day", "closed"]


def _lines_before_source(text: str) -> int:
    return len([line for line in text.split("Source :")[0].strip().splitlines() if line.strip()])


def test_the_limits_are_the_ones_the_messages_are_built_for():
    assert MAX_SHORT_LINES == MAX_PLAN_LINES == MAX_OPENING_LINES


def test_the_measure_counts_the_lines_before_the_source():
    assert _lines_before_source("**Titre**\n\n- un\n- deux\n\nSource : décret") == 3
    assert _lines_before_source("\n".join(["ligne"] * 7) + "\nSource : x") == 7


# --------------------------------------------------------------------------- verdicts

AGES = [None, 15, 16, 20, 25, 26, 29, 30, 45, 60]
BIRTH_DATES = [date(2011, 3, 12), date(2009, 12, 1)]  # 16 on a date inside the grid, or already
SECTORS = [None, "autre", "sante", "numerique", "btp", "transport"]
GOALS = [None, "certification", "blocs", "emploi", "reconversion", "autre"]
SITUATIONS = [None, "salarie", "demandeur_emploi", "etudiant"]
COVERS = [None, coverage(15000, 18, K), coverage(4000, 6, K)]


def _profiles():
    for age, sector, goal, situation in itertools.product(AGES, SECTORS, GOALS, SITUATIONS):
        yield Profile(age=age, sector_id=sector, goal=goal, situation=situation)
    for birth, sector in itertools.product(BIRTH_DATES, SECTORS):
        yield Profile(birth_date=birth, sector_id=sector)
    for age in AGES:
        yield Profile(age=age, sector_id="sante", public_employer=True)
    for sector in K.sectors:
        yield Profile(age=30, sector_id=sector.id)


@pytest.mark.parametrize("audience", [CANDIDATE, EMPLOYER])
@pytest.mark.parametrize("today", DAYS, ids=DAY_IDS)
def test_every_verdict_opens_short(today, audience):
    too_long = []
    for profile, cover in itertools.product(_profiles(), COVERS):
        message = verdict_message(assess(profile, today, K), cover, K, audience)
        if _lines_before_source(message) > MAX_OPENING_LINES or "Source :" not in message:
            too_long.append(message)
    assert not too_long, f"{len(too_long)} verdicts too long, e.g.:\n{too_long[0]}"


# --------------------------------------------------------------------------- employer plans

EMPLOYER_SECTORS = [None, "autre", *(sector.id for sector in K.sectors)]
HIRES = [None, 1, 2, 4, 499, 600, 5000]
MONTHS = [None, 1, 6, 12, 18, 36, 48]  # 48: too long for the contract, one year is assumed
JOBS = [None, "des aides-soignantes de nuit"]
SIZES = [None, 20]
KINDS = [None, PRIVATE, PUBLIC, PARTICULIER]


@pytest.mark.parametrize("today", DAYS, ids=DAY_IDS)
def test_every_plan_opens_short(today):
    too_long = []
    for sector, hires, months, jobs, size, kind in itertools.product(EMPLOYER_SECTORS, HIRES, MONTHS, JOBS, SIZES,
                                                                     KINDS):
        request = EmployerRequest(sector_id=sector, jobs=jobs, hires=hires, months=months, company_size=size,
                                  kind=kind)
        message = employer_plan_message(plan(request, today, K), K)
        if _lines_before_source(message) > MAX_OPENING_LINES or "Source :" not in message:
            too_long.append(message)
    assert not too_long, f"{len(too_long)} plans too long, e.g.:\n{too_long[0]}"


# --------------------------------------------------------------------------- FAQ answers, as the action sends them

DOMAIN = {"responses": FAQ["responses"]}


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("today", DAYS, ids=DAY_IDS)
def test_every_faq_answer_is_short(today, key):
    """Each variant (candidate, employer), first of the conversation or not (the status sentence first), with the
    closed reminder some answers get: what the FAQ action sends."""
    for role, told, age in itertools.product([None, "employeur"], [False, True], [None, 20, 40]):
        state = State(slots={"role": role, "status_told": told, "age": age}, today=today, knowledge=K)
        (said,) = answer_faq(Turn("?", "faq", 0.9), state, key, 0.9, DOMAIN).say
        if said.response:  # a response Rasa utters by name: none for a FAQ key
            pytest.fail(f"{key}: {said.response}")
        assert _lines_before_source(said.text) <= MAX_FAQ_LINES, said.text
        assert "Source :" in said.text, said.text


@pytest.mark.parametrize("profile", [
    OptionsProfile(age=14), OptionsProfile(age=20), OptionsProfile(age=40, situation="salarie"),
    OptionsProfile(age=50, experienced=True), OptionsProfile(), OptionsProfile(employer_kind=PRIVATE),
    OptionsProfile(employer_kind=PUBLIC), OptionsProfile(employer_kind=PARTICULIER),
])
def test_the_options_answer_is_short(profile):
    assert _lines_before_source(options_message(profile, K)) <= MAX_FAQ_LINES


def test_the_options_key_is_measured_with_the_rest():
    assert OPTIONS_KEY in KEYS


# --------------------------------------------------------------------------- asked again: the short form

PROFILE_SLOTS = {"age": 30, "sector": "btp", "sector_raw": "maçon", "goal": "emploi", "situation": "salarie"}


@pytest.mark.parametrize("today", [OPEN, CLOSED], ids=["open", "closed"])
def test_a_verdict_asked_again_comes_back_short_with_its_buttons(today):
    from bot.core.dialogue.eligibility_form import eligibility_verdict
    from bot.core.say.repeat import ALREADY_SAID

    turn = Turn("suis-je éligible ?", "check_eligibility", 0.9)
    (first,) = eligibility_verdict(turn, State(slots=PROFILE_SLOTS, today=today, knowledge=K)).say
    again_state = State(slots=PROFILE_SLOTS, today=today, knowledge=K, said=("Bonjour", first.text))
    (again,) = eligibility_verdict(turn, again_state).say
    assert again.text.startswith(ALREADY_SAID) and _lines_before_source(again.text) == 2, again.text
    assert first.text.splitlines()[0] in again.text and again.buttons == first.buttons
    # Another profile is another verdict: said in full.
    changed = State(slots={**PROFILE_SLOTS, "sector": "sante"}, today=today, knowledge=K, said=(first.text,))
    assert eligibility_verdict(turn, changed).say[0].text.splitlines()[0] == first.text.splitlines()[0]
    assert not eligibility_verdict(turn, changed).say[0].text.startswith(ALREADY_SAID)


@pytest.mark.parametrize("key", KEYS)
def test_every_faq_answer_asked_again_is_at_most_two_lines(key):
    state = State(slots={"status_told": True}, today=CLOSED, knowledge=K)
    (first,) = answer_faq(Turn("?", "faq", 0.9), state, key, 0.9, DOMAIN).say
    again_state = State(slots={"status_told": True}, today=CLOSED, knowledge=K, said=(first.text,))
    (again,) = answer_faq(Turn("?", "faq", 0.9), again_state, key, 0.9, DOMAIN).say
    assert _lines_before_source(again.text) <= 2 and "Source :" in again.text, again.text
    assert again.buttons == first.buttons
