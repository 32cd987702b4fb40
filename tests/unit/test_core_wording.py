"""French messages: outcome first, window apart, figures from the data, a source line."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.eligibility import Profile, assess
from bot.core.funding import FundingInputError, coverage
from bot.core.knowledge import load
from bot.core.read import parse_age, parse_sector
from bot.core.status import experimentation_status
from bot.core.say.faq import faq_placeholders
from bot.core.say.format import format_eur, format_number
from bot.core.say import (
    age_problem_message,
    funding_input_problem_message,
    funding_message,
    funding_rule_message,
    opco_message,
    status_message,
    verdict_message,
)

K = load()
OPEN = date(2025, 6, 26)
CLOSED = date(2026, 11, 1)
INELIGIBLE_WORDS = re.compile(r"pas éligible|inéligible|non éligible|n'êtes pas", re.IGNORECASE)


def assert_sourced(message: str) -> None:
    last = message.strip().splitlines()[-1]
    assert last.startswith("Source : "), last
    titles = [source.title for source in K.sources.values()]
    assert any(title in last for title in titles)


def assert_no_typed_digits(message: str, *computed: str) -> None:
    """Every digit comes from the knowledge data or from a computed figure."""
    allowed = [*faq_placeholders(K).values(), *(s.url for s in K.sources.values()), *computed]
    allowed += [opco.website for opco in K.opcos]
    for value in sorted(allowed, key=len, reverse=True):
        message = message.replace(value, "")
    assert not re.search(r"\d", message), message


def test_closed_window_adult_is_told_eligible_and_the_end_date():
    message = verdict_message(assess(Profile(age=30, sector_id="transport"), CLOSED), None, K)
    # Not "good news" when the window has closed: the headline says both things at once.
    assert message.startswith("**Vous remplissez la condition d'âge, mais l'expérimentation est terminée.**")
    assert "Bonne nouvelle" not in message
    assert "28 février 2026" in message
    assert "aucune prolongation" in message
    assert "France VAE" in message and "https://vae.gouv.fr" in message
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
    assert "Constructys" in message and "IDCC" in message
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
    assert "12 mars 2027" in message and "l'expérimentation est terminée" in message
    assert "Revenez vers nous" not in message
    assert "prolongée" in message.split("**Prochaines étapes**")[1]
    assert not INELIGIBLE_WORDS.search(message)
    assert_sourced(message)


def test_unknown_age_asks_for_it():
    message = verdict_message(assess(Profile(), OPEN), None, K)
    assert "Il me manque votre âge" in message
    assert_sourced(message)


def test_verdict_with_a_simulation():
    cover = coverage(15000, 18)
    message = verdict_message(assess(Profile(age=25), OPEN), cover, K)
    assert "13 500 €" in message and "1 500 €" in message
    assert "**Financement**" in message


def test_reasons_are_a_short_list():
    message = verdict_message(assess(Profile(age=30, sector_id="numerique"), OPEN), None, K)
    reasons = [line for line in message.splitlines() if line.startswith("- Secteur")]
    assert reasons == [
        "- Secteur : numérique, conseil et ingénierie. Il n'est pas parmi les secteurs que nos sources citent en "
        "priorité : il n'est pas exclu pour autant. L'OPCO vous dira si ce métier peine à recruter."
    ]


@pytest.mark.parametrize("sector_id,source_id", [("sante", "dares"), ("grande_distribution", "lemediasocial")])
def test_a_priority_sector_is_said_so_with_the_source_that_names_it(sector_id, source_id):
    message = verdict_message(assess(Profile(age=30, sector_id=sector_id), OPEN), None, K)
    assert "secteurs qui peinent à recruter, le public visé en priorité" in message
    assert K.source(source_id).title in message.strip().splitlines()[-1]


def test_the_pro_rating_is_cited_to_its_own_source():
    for message in (funding_rule_message(K), funding_message(coverage(15000, 18), K)):
        last = message.strip().splitlines()[-1]
        assert K.source("decret").title in last and K.source_of("funding.prorated").title in last


def test_funding_message_over_the_cap():
    cover = coverage(15000, 18)
    message = funding_message(cover, K)
    for figure in ("15 000 €", "18 mois", "13 500 €", "9 000 €", "1 500 €"):
        assert figure in message
    assert "frais annexes" in message
    assert_sourced(message)
    assert_no_typed_digits(message, *(format_eur(value) for value in (cover.cost, cover.opco_max, cover.remainder)),
                           "18 mois")


def test_funding_message_within_the_cap():
    message = funding_message(coverage(6500, 12), K)
    assert "6 500 €" in message and "en entier" in message and "Reste" not in message


def test_funding_rule_has_a_worked_example():
    message = funding_rule_message(K)
    assert "9 000 €" in message and "prorata" in message
    assert "18 mois" in message and "15 000 €" in message and "13 500 €" in message
    assert_sourced(message)


def test_unconfirmed_sub_caps_are_never_said():
    texts = [funding_rule_message(K), funding_message(coverage(20000, 24), K)]
    assert not any("300 €" in text or "6 000 €" in text for text in texts)


def test_opco_message_for_a_sector():
    message = opco_message(parse_sector("serveuse"), K)
    assert "Akto" in message and "https://www.akto.fr" in message
    assert "IDCC" in message and "SIRET" in message
    assert_sourced(message)


def test_opco_message_for_an_unknown_sector_lists_all_opcos():
    message = opco_message(parse_sector("astronaute"), K)
    assert all(opco.name in message for opco in K.opcos)
    assert "IDCC" in message
    assert_sourced(message)


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


@pytest.mark.parametrize(
    "code", ["cost_not_a_number", "cost_not_positive", "cost_too_large", "months_not_positive", "months_too_long"]
)
def test_funding_errors_are_answered_in_french(code):
    message = funding_input_problem_message(FundingInputError(code, None), K)
    assert message and code not in message and not re.search(r"[A-Za-z]+Error", message)


def test_age_problem_messages():
    assert "au moins 16 ans" in age_problem_message(parse_age("moins de 26 ans", OPEN).problem, K)
    assert "futur" in age_problem_message(parse_age("né en 2031", OPEN).problem)
    assert "pas compris" in age_problem_message(parse_age("beaucoup", OPEN).problem, K)
    # A number was read, but it is not an age: say why instead of "not understood".
    assert "plus de 120 ans" in age_problem_message(parse_age("j'ai 300 ans", OPEN).problem, K)
    assert "n'existe pas" in age_problem_message(parse_age("né le 31/02/2001", OPEN).problem, K)
    assert "négatif" in age_problem_message(parse_age("-5", OPEN).problem, K)
    assert "faute de frappe" in age_problem_message(parse_age("3 ans", OPEN).problem, K)


@pytest.mark.parametrize("goal,situation,expected", [
    ("blocs", "salarie", ["blocs de compétences", "avenant"]),
    ("reconversion", "demandeur_emploi", ["reconversion", "France Travail"]),
    ("certification", "etudiant", ["certification complète", "trouver un employeur"]),
])
def test_verdict_next_steps_follow_goal_and_situation(goal, situation, expected):
    k = load()
    verdict = assess(Profile(age=30, sector_id="btp", goal=goal, situation=situation), date(2026, 11, 15), k)
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


def test_the_opco_of_a_public_employer_comes_with_the_caveat():
    match = parse_sector("ehpad", K)
    assert "ne peut pas signer" in opco_message(match, K, public_employer=True)
    assert "ne peut pas signer" not in opco_message(match, K)
