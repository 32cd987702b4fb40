"""The verdict after the eligibility test: outcome first, window apart, figures from the data, a source line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.eligibility import Profile, assess
from bot.core.funding import coverage
from bot.core.knowledge import load
from bot.core.say.audience import CANDIDATE, EMPLOYER, audience_of
from bot.core.say.format import format_date, format_number
from bot.core.say.typography import untypeset
from bot.core.say.verdict import verdict_message, verdict_message_for
from tests.unit.say_checks import (
    CLOSED,
    OPEN,
    K,
    assert_no_typed_digits,
    assert_sourced,
)

INELIGIBLE_WORDS = re.compile(r"pas éligible|inéligible|non éligible|n'êtes pas", re.IGNORECASE)


def test_closed_window_adult_is_told_eligible_and_the_end_date():
    message = verdict_message(assess(Profile(age=30, sector_id="transport"), CLOSED), None, K)
    # Not "good news" when the window has closed: the headline says both things at once.
    assert message.startswith("**Vous remplissez la condition d'âge, mais l'expérimentation est terminée.**")
    assert "Bonne nouvelle" not in message
    assert "28 février 2026" in message
    assert "aucune prolongation" in message
    # What remains possible instead of the closed scheme (issue 34): options that fit a 30-year-old.
    options = message.split("**Ce que vous pouvez faire aujourd'hui**")[1]
    assert "contrat de professionnalisation" in options and "France Travail" in options
    assert "Regardez aussi la VAE classique" not in message
    assert "OPCO Mobilités" in message and "https://www.opcomobilites.fr" in message
    assert not INELIGIBLE_WORDS.search(message)
    assert_sourced(message)
    assert_no_typed_digits(message)


@pytest.mark.parametrize("sector_id", [None, "autre", "banque_assurance", "sante"])
@pytest.mark.parametrize("today", [date(2023, 1, 1), OPEN, CLOSED])
def test_adults_are_never_told_they_are_not_eligible(sector_id, today):
    message = verdict_message(assess(Profile(age=40, sector_id=sector_id), today), None, K)
    assert not INELIGIBLE_WORDS.search(message)
    assert_sourced(message)


def test_open_window_counts_the_days_left():
    verdict = assess(Profile(age=20, sector_id="btp"), OPEN)
    message = verdict_message(verdict, None, K)
    assert "28 février 2026" in message and "Il reste" in message
    assert "Constructys" in message  # how to be sure of it (the IDCC) is on demand: the OPCO finder
    assert_no_typed_digits(message, format_number(verdict.status.days_left))


def test_under_16_gets_the_date_of_the_16th_birthday():
    message = verdict_message(assess(Profile(birth_date=date(2011, 3, 12)), OPEN), None, K)
    assert message.startswith("**Pas encore**")
    assert "12 mars 2027" in message
    assert not INELIGIBLE_WORDS.search(message)
    assert "**Financement**" not in message
    assert_sourced(message)


def test_open_window_adult_gets_the_good_news():
    message = verdict_message(assess(Profile(age=30, sector_id="transport"), OPEN), None, K)
    assert message.startswith("**Bonne nouvelle : vous remplissez la condition d'âge.**")
    assert "terminée" not in message


def test_under_16_after_the_end_is_not_told_to_come_back_as_if_it_were_open():
    message = verdict_message(assess(Profile(birth_date=date(2011, 3, 12)), CLOSED), None, K)
    assert message.startswith("**Pas encore**")
    assert "12 mars 2027" in message and "aucune prolongation n'est connue" in message
    assert "Revenez vers nous" not in message
    # An under-16 is told what applies at 16 (issue 34).
    options = message.split("**Ce que vous pouvez faire aujourd'hui**")[1]
    assert "contrat d'apprentissage" in options and "Mission locale" in options
    assert not INELIGIBLE_WORDS.search(message)
    assert_sourced(message)


def test_unknown_age_asks_for_it():
    message = verdict_message(assess(Profile(), OPEN), None, K)
    assert "Il me manque votre âge" in message
    assert_sourced(message)


def test_verdict_with_a_simulation():
    cover = coverage(15000, 18)
    message = untypeset(verdict_message(assess(Profile(age=25), OPEN), cover, K))
    assert "13 500 €" in message and "1 500 €" in message
    assert "**Financement**" in message


def test_the_sector_rule_is_one_line():
    message = verdict_message(assess(Profile(age=30, sector_id="numerique"), OPEN), None, K)
    reasons = [line for line in message.splitlines() if line.startswith("Secteur")]
    assert reasons == [
        "Secteur : numérique, conseil et ingénierie. Il n'est pas parmi les secteurs que nos sources citent en "
        "priorité : il n'est pas exclu pour autant. L'OPCO vous dira si ce métier peine à recruter."
    ]


@pytest.mark.parametrize("sector_id,source_id", [("sante", "dares"), ("grande_distribution", "lemediasocial")])
def test_a_priority_sector_is_said_so_with_the_source_that_names_it(sector_id, source_id):
    message = verdict_message(assess(Profile(age=30, sector_id=sector_id), OPEN), None, K)
    assert "secteurs qui peinent à recruter, le public visé en priorité" in message
    assert K.source(source_id).title in message.strip().splitlines()[-1]


@pytest.mark.parametrize("goal,situation,expected", [
    ("blocs", "salarie", ["blocs de compétences", "avenant"]),
    ("reconversion", "demandeur_emploi", ["reconversion", "France Travail"]),
    ("certification", "etudiant", ["certification complète", "trouver un employeur"]),
])
def test_verdict_next_steps_follow_goal_and_situation(goal, situation, expected):
    k = load()
    verdict = assess(Profile(age=30, sector_id="btp", goal=goal, situation=situation), OPEN, k)
    message = verdict_message(verdict, None, k)
    for text in expected:
        assert text in message


def test_no_profile_advice_for_someone_too_young():
    k = load()
    verdict = assess(Profile(age=15, sector_id="btp", goal="blocs", situation="salarie"), date(2026, 11, 15), k)
    assert "avenant" not in verdict_message(verdict, None, k)


def test_a_job_at_a_public_employer_is_told_the_contract_needs_a_private_one():
    message = verdict_message(assess(Profile(age=30, sector_id="sante", public_employer=True), CLOSED), None, K)
    assert "un employeur public (hôpital public, mairie, administration) ne peut pas signer ce contrat" in message
    assert "employeur public" not in verdict_message(assess(Profile(age=30, sector_id="sante"), CLOSED), None, K)


@pytest.mark.parametrize("today", [OPEN, CLOSED])
@pytest.mark.parametrize("profile", [Profile(age=30, sector_id="btp"), Profile(birth_date=date(2011, 3, 12)), Profile()])
def test_the_role_slot_chooses_the_audience(today, profile):
    verdict = assess(profile, today, K)
    assert (audience_of("employeur"), audience_of("candidat"), audience_of(None)) == (EMPLOYER, CANDIDATE, CANDIDATE)
    assert verdict_message_for("employeur", verdict, None, K) == verdict_message(verdict, None, K, EMPLOYER)
    assert verdict_message(verdict, None, K, EMPLOYER) != verdict_message(verdict, None, K)


@pytest.mark.parametrize("situation,expected", [
    ("salarie", ["Conseil en évolution professionnelle", "Transitions Pro"]),
    ("demandeur_emploi", ["contrat de professionnalisation", "France Travail"]),
])
def test_after_the_end_the_options_follow_the_situation(situation, expected):
    verdict = assess(Profile(age=30, sector_id="btp", situation=situation), CLOSED, K)
    message = verdict_message(verdict, None, K)
    assert "avenant" not in message  # the CDI + avenant route belonged to the closed experimentation
    for text in expected:
        assert text in message
    assert_no_typed_digits(message)


def _lines_before_source(message: str) -> int:
    return len([line for line in message.split("\nSource :")[0].splitlines() if line.strip()])


@pytest.mark.parametrize("audience", [CANDIDATE, EMPLOYER])
@pytest.mark.parametrize("profile", [
    Profile(age=30, sector_id="transport", situation="salarie"), Profile(age=20, sector_id="sante"),
    Profile(birth_date=date(2011, 3, 12)), Profile(), Profile(age=30, sector_id="sante", public_employer=True),
    Profile(age=50, sector_id="autre", situation="demandeur_emploi"), Profile(age=40),
])
def test_after_the_end_every_verdict_opens_short(audience, profile):
    from bot.core.say.verdict import MAX_SHORT_LINES

    verdict = assess(profile, CLOSED, K)
    message = verdict_message(verdict, None, K, audience)
    assert _lines_before_source(message) <= MAX_SHORT_LINES, message
    assert "aucune prolongation" in message.splitlines()[0]  # the decision and the one fact, up front
    assert_sourced(message)
    assert_no_typed_digits(message, *([format_date(verdict.turns_16_on)] if verdict.turns_16_on else []))
