"""The employer's path in the core: who may sign, reading their numbers, the funding for them, their OPCO."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from bot.core.eligibility import Profile, assess
from bot.core.employer import EmployerRequest, per_parcours_cap, plan
from bot.core.knowledge import load
from bot.core.read.durations import find_contract_months_in, parse_contract_months
from bot.core.read.hiring import (
    find_company_size_in,
    find_hires_in,
    find_jobs_in,
    find_short_correction_in,
    parse_hires,
)
from bot.core.read.reading import NOT_POSITIVE, TOO_LONG, TOO_MANY, UNCLEAR
from bot.core.read.sectors import known_sector_match, parse_sector
from bot.core.read.speaker import (
    PARTICULIER,
    PRIVATE,
    PUBLIC,
    employer_kind,
    names_public_employer,
    EMPLOYER_INTENT,
    opens_employer_path,
    says_not_an_employer,
    speaks_as_employer,
    speaks_of_own_project,
    writes_as_employer,
)
from bot.core.say.employer import employer_plan_message, excluded_employer_message
from bot.core.say.faq import faq_placeholders
from bot.core.say.format import format_eur, format_number
from bot.core.say.problems import contract_months_problem_message, hires_problem_message
from bot.core.say.typography import untypeset
from bot.core.say.verdict import verdict_message, verdict_message_for

K = load()
CLOSED = date(2026, 11, 15)
OPEN = date(2025, 6, 26)

# --------------------------------------------------------------------------- sector -> OPCO, every OPCO

# (what an employer writes, sector id, OPCO id): one row at least per OPCO of the knowledge data.
SECTOR_OPCO = [
    ("une usine de soudure", "industrie", "opco_2i"),
    ("la chimie", "industrie", "opco_2i"),
    ("un restaurant", "hotellerie_restauration", "akto"),
    ("une entreprise de propreté", "proprete", "akto"),
    ("une agence d'intérim", "securite", "akto"),
    ("une banque", "banque_assurance", "atlas"),
    ("une ESN", "numerique", "atlas"),
    ("le BTP", "btp", "constructys"),
    ("maçonnerie", "btp", "constructys"),
    ("une exploitation agricole", "agriculture", "ocapiat"),
    ("l'agroalimentaire", "agriculture", "ocapiat"),
    ("une association d'aide à domicile", "aide_domicile", "cohesion_sociale"),
    ("une crèche", "animation", "cohesion_sociale"),
    ("une boulangerie", "artisanat_alimentaire", "opco_ep"),
    ("un salon de coiffure", "coiffure_esthetique", "opco_ep"),
    ("une pharmacie", "professions_liberales", "opco_ep"),
    ("le transport routier", "transport", "opco_mobilites"),
    ("un garage automobile", "automobile", "opco_mobilites"),
    ("un EHPAD", "sante", "opco_sante"),
    ("le médico-social", "social", "opco_sante"),
    ("un supermarché", "grande_distribution", "opcommerce"),
    ("un théâtre", "culture_loisirs", "afdas"),
    ("une salle de sport", "culture_loisirs", "afdas"),
]


def test_the_table_covers_every_opco_of_the_knowledge_data():
    assert {opco_id for _, _, opco_id in SECTOR_OPCO} == {opco.id for opco in K.opcos}
    assert len(K.opcos) == 11


@pytest.mark.parametrize("text,sector_id,opco_id", SECTOR_OPCO, ids=[row[0] for row in SECTOR_OPCO])
def test_sector_leads_to_its_opco_with_website(text, sector_id, opco_id):
    match = parse_sector(text, K)
    assert match.sector_id == sector_id
    result = plan(EmployerRequest(sector_id=match.sector_id, hires=1, months=12), CLOSED, K)
    assert result.opco is not None and result.opco.id == opco_id
    message = employer_plan_message(result, K)
    assert result.opco.name in message and result.opco.website in message


@pytest.mark.parametrize("today", [OPEN, CLOSED])
def test_unknown_sector_asks_for_the_idcc(today):
    result = plan(EmployerRequest(sector_id="autre", hires=2, months=12), today, K)
    assert result.opco is None
    message = employer_plan_message(result, K)
    assert "non reconnu" in message and "IDCC" in message


def test_known_sector_match_reads_the_slot_value_not_text():
    match = known_sector_match("transport", K)
    assert match is not None and match.matched and match.opco_id == "opco_mobilites"
    assert known_sector_match("autre", K) is None
    assert known_sector_match(None, K) is None


# --------------------------------------------------------------------------- funding arithmetic


@pytest.mark.parametrize(
    "hires,months,per_parcours,total",
    [
        (3, 12, "9000.00", "27000.00"),
        (3, 18, "13500.00", "40500.00"),
        (1, 6, "4500.00", "4500.00"),
        (2, 36, "27000.00", "54000.00"),
        (5, 7, "5250.00", "26250.00"),
        (4, 1, "750.00", "3000.00"),
    ],
)
def test_cap_is_prorated_per_parcours_then_multiplied_by_the_hires(hires, months, per_parcours, total):
    result = plan(EmployerRequest(sector_id="btp", hires=hires, months=months), CLOSED, K)
    assert isinstance(result.per_parcours_cap, Decimal)
    assert result.per_parcours_cap == Decimal(per_parcours)
    assert result.total_cap == Decimal(total)
    assert per_parcours_cap(months, K) == Decimal(per_parcours)


def test_the_cap_follows_the_knowledge_data():
    assert per_parcours_cap(12, K) == Decimal(K.funding.annual_cap_eur)
    assert per_parcours_cap(K.contract.max_months, K) == Decimal(K.funding.annual_cap_eur) * 3


def test_figures_of_the_plan_are_in_the_message():
    result = plan(EmployerRequest(sector_id="btp", jobs="des maçons", hires=3, months=18), OPEN, K)
    message = untypeset(employer_plan_message(result, K))
    assert "13 500 €" in message and "40 500 €" in message
    assert "18 mois" in message and "des maçons" in message
    assert "Constructys" in message


def test_once_closed_the_plan_gives_no_funding_figure_but_the_employers_own_numbers():
    result = plan(EmployerRequest(sector_id="btp", jobs="des maçons", hires=3, months=18), CLOSED, K)
    message = employer_plan_message(result, K)
    assert "€" not in message
    assert "Recrutements : 3" in message and "Durée des contrats : 18 mois" in message and "des maçons" in message


def test_without_a_duration_one_year_is_assumed_and_said():
    result = plan(EmployerRequest(sector_id="sante", hires=2), OPEN, K)
    assert result.months_assumed and result.months == 12
    assert result.total_cap == Decimal("18000.00")
    assert "sans durée indiquée" in employer_plan_message(result, K)


def test_without_hires_there_is_no_total():
    result = plan(EmployerRequest(sector_id="sante", months=12), CLOSED, K)
    assert result.total_cap is None and result.tutors_needed is None
    assert "en tout (" not in employer_plan_message(result, K)


@pytest.mark.parametrize("hires,tutors", [(1, 1), (3, 1), (4, 2), (7, 3)])
def test_tutors_needed_follow_the_legal_maximum_per_tutor(hires, tutors):
    assert plan(EmployerRequest(sector_id="btp", hires=hires, months=12), CLOSED, K).tutors_needed == tutors


def test_the_open_plan_counts_the_tutors():
    message = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=4, months=12), OPEN, K), K)
    assert "au moins 2 tuteurs" in message


def test_calendar_depends_on_the_date():
    closed = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=1, months=12), CLOSED, K), K)
    opened = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=1, months=12), OPEN, K), K)
    assert "aucune prolongation" in closed and "contrat de professionnalisation" in closed and "apprentissage" in closed
    assert "Il reste" in opened and "aucune prolongation" not in opened


def test_after_the_end_the_plan_opens_with_the_decision_the_rule_and_the_next_step():
    closed = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=1, months=12), CLOSED, K), K)
    lines = closed.split("\nSource :")[0].strip().splitlines()
    assert lines[0].startswith("**Plus aucun nouveau contrat") and "aucune prolongation" in lines[0]
    assert "projet retenu" in lines[1] and "ne pouvait pas signer seule" in lines[1]
    assert "Constructys" in lines[-1] and "apprentissage" in lines[-1]
    assert "si l'expérimentation est prolongée" not in closed and "28 février 2026" in closed


def test_while_open_the_plan_gives_the_figures_the_calendar_and_the_next_step():
    opened = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=1, months=12), OPEN, K), K)
    lines = opened.split("\nSource :")[0].strip().splitlines()
    assert lines[1].startswith("**Financement**") and "Il reste" in lines[2]
    assert "ne peut pas signer seule" in lines[3] and lines[-1].startswith("**Prochaine étape**")
    assert "pouvait" not in opened and "si l'expérimentation est prolongée" not in opened


@pytest.mark.parametrize("today", [OPEN, CLOSED])
def test_the_plan_says_a_contract_needed_a_selected_project(today):
    message = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=1, months=12), today, K), K)
    assert "projet retenu par l'appel à projets national" in message and "26 juin 2023" in message
    assert "OPCO" in message and "GEIQ" in message


def assert_sourced_without_typed_digits(message: str, *computed: str) -> None:
    last = message.strip().splitlines()[-1]
    assert last.startswith("Source : ") and any(source.title in last for source in K.sources.values())
    allowed = [*faq_placeholders(K).values(), *(s.url for s in K.sources.values()), *computed]
    allowed += [opco.website for opco in K.opcos]
    body = message
    for value in sorted(allowed, key=len, reverse=True):
        body = body.replace(value, "")
    # small counts of the knowledge data (tutoring, minimum age) and the visitor's own numbers
    body = re.sub(r"\b(?:2|3|16|36|12|18)\b", "", body)
    assert not re.search(r"\d", body), body


def test_plan_message_is_sourced_and_types_no_figure():
    result = plan(EmployerRequest(sector_id="transport", hires=3, months=18, company_size=20), CLOSED, K)
    assert_sourced_without_typed_digits(
        employer_plan_message(result, K), format_eur(result.per_parcours_cap), format_eur(result.total_cap), "20",
        f"au moins {result.tutors_needed} tuteur",
    )


# --------------------------------------------------------------------------- who may sign


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Je suis DRH à la mairie de Lyon", PUBLIC),
        ("nous sommes une collectivité territoriale", PUBLIC),
        ("je travaille pour un hôpital public", PUBLIC),
        ("le centre hospitalier recrute", PUBLIC),
        ("c'est pour la fonction publique", PUBLIC),
        ("un établissement public", PUBLIC),
        ("je suis dans une administration de l'État", PUBLIC),
        ("la communauté de communes", PUBLIC),
        ("je veux devenir policière", PUBLIC),
        ("professeur des écoles", PUBLIC),
        ("gendarme", PUBLIC),
        ("professeur de piano", None),
        ("agent de sécurité", None),
        ("je suis particulier employeur", PARTICULIER),
        ("je suis un particulier, je cherche une aide à domicile pour ma mère", PARTICULIER),
        ("je paie en CESU", PARTICULIER),
        ("une nounou pour garder mes enfants", PARTICULIER),
        ("je dirige une clinique privée", PRIVATE),
        ("notre entreprise de BTP", PRIVATE),
        ("nous sommes une association", PRIVATE),
        ("une entreprise de travaux publics", PRIVATE),
        ("je suis gérant d'un restaurant", None),
        ("l'état de santé de mes salariés", None),
        ("on met en commun nos moyens", None),
    ],
)
def test_employer_kind(text, kind):
    assert employer_kind(text) == kind
    assert names_public_employer(text) is (kind == PUBLIC)


@pytest.mark.parametrize("kind", [PUBLIC, PARTICULIER])
def test_excluded_employers_get_no_plan_but_what_exists_instead(kind):
    result = plan(EmployerRequest(sector_id="sante", hires=3, months=12, kind=kind), CLOSED, K)
    assert not result.open_to_employer
    message = employer_plan_message(result, K)
    assert "n'est pas ouverte" in message and "employeurs privés" in message
    assert "France VAE" in message and "https://vae.gouv.fr" in message
    assert "€" not in message  # no funding figures for someone who cannot sign
    assert message == excluded_employer_message(kind, K)
    assert_sourced_without_typed_digits(message)


def test_public_employer_is_pointed_to_apprenticeship_from_the_knowledge_data():
    message = excluded_employer_message(PUBLIC, K)
    assert "aux employeurs publics" in message
    assert "contrat d'apprentissage" in message
    assert K.source("alternance_public").url in message
    particulier = excluded_employer_message(PARTICULIER, K)
    assert "aux particuliers employeurs" in particulier and "apprentissage" not in particulier
    assert "France Travail" in particulier


def test_a_private_employer_is_the_default():
    assert plan(EmployerRequest(sector_id="btp"), CLOSED, K).kind == PRIVATE


@pytest.mark.parametrize(
    "text",
    [
        "je dirige une entreprise du BTP",
        "nous voulons recruter",
        "en tant que recruteur, combien ça coûte ?",
        "je suis DRH",
        "on cherche des salariés",
        "Je suis employeur",
        "je recrute des chauffeurs",
        "côté employeur, qui paie ?",
        "nous cherchons des candidats",
        "je gère un restaurant",
        "mes salariés peuvent-ils en profiter ?",
        "quel est le coût si j'embauche 2 personnes pendant 18 mois ?",
    ],
)
def test_employer_recognised_from_what_they_write(text):
    assert speaks_as_employer(text)


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un employeur",
        "je veux être embauché",
        "une entreprise qui m'embauche",
        "je suis aide-soignante",
        "suis-je éligible ?",
        "je cherche un emploi dans le transport",
        "on m'a dit que l'entreprise recrute",
        "j'ai été embauché en CDD",
        "je suis candidat à un poste",
        "mon candidat a 25 ans",
    ],
)
def test_job_seekers_are_not_taken_for_employers(text):
    assert not speaks_as_employer(text)


# --------------------------------------------------------------------------- reading numbers


@pytest.mark.parametrize(
    "text,value,problem",
    [
        ("3", 3, None),
        ("trois", 3, None),
        ("trois personnes", 3, None),
        ("deux chauffeurs et un mécanicien", 3, None),
        ("3 ou 4", 4, None),
        ("entre 3 et 5", 5, None),
        ("une dizaine", 10, None),
        ("une personne sur douze mois", 1, None),
        ("0", None, NOT_POSITIVE),
        ("10000", None, TOO_MANY),
        ("aucune idée", None, UNCLEAR),
        ("des maçons", None, UNCLEAR),
    ],
)
def test_parse_hires(text, value, problem):
    parsed = parse_hires(text, K)
    assert (parsed.value, parsed.problem) == (value, problem)


@pytest.mark.parametrize(
    "text,value",
    [
        ("nous voulons recruter trois maçons", 3),
        ("on cherche 2 chauffeurs", 2),
        ("3 postes à pourvoir", 3),
        ("je veux embaucher une personne", 1),
        ("je dirige une entreprise du BTP", None),
        ("nous sommes une PME de 20 salariés", None),
    ],
)
def test_find_hires_in(text, value):
    assert find_hires_in(text, K) == value


@pytest.mark.parametrize(
    "text,value",
    [
        ("nous sommes une PME de 20 salariés", 20),
        ("une TPE de cinq personnes", 5),
        ("nous sommes 12", 12),
        ("on est 8 dans l'équipe", 8),
        ("nous employons 40 personnes", 40),
        ("nous voulons recruter trois personnes", None),
        ("je suis employeur", None),
    ],
)
def test_find_company_size_in(text, value):
    assert find_company_size_in(text) == value


@pytest.mark.parametrize(
    "text,months,problem",
    [
        ("12 mois", 12, None),
        ("douze mois", 12, None),
        ("un an", 12, None),
        ("un an et demi", 18, None),
        ("deux ans", 24, None),
        ("18", 18, None),
        ("1,5 an", 18, None),
        ("36 mois", 36, None),
        ("6 semaines", 1.4, None),  # read as 6 months before
        ("six semaines", 1.4, None),
        ("48 mois", None, TOO_LONG),
        ("quatre ans", None, TOO_LONG),
        ("0", None, NOT_POSITIVE),
        ("bof", None, UNCLEAR),
    ],
)
def test_parse_contract_months(text, months, problem):
    parsed = parse_contract_months(text, K)
    assert (parsed.months, parsed.problem) == (months, problem)


@pytest.mark.parametrize(
    "text,months",
    [
        ("des contrats de 12 mois", 12),
        ("sur deux ans", 24),
        ("pendant un an et demi", 18),
        ("recruter deux commis de cuisine pour un an", 12),
        ("un contrat de 40 mois", None),
        ("j'ai 30 ans", None),
    ],
)
def test_find_contract_months_in(text, months):
    assert find_contract_months_in(text, K) == months


@pytest.mark.parametrize("problem", [UNCLEAR, NOT_POSITIVE, TOO_MANY, None])
def test_hires_problems_are_explained_in_french(problem):
    message = hires_problem_message(problem, K)
    # The form asks its question right after: the explanation does not ask it too.
    assert "Combien" not in message
    assert message.endswith("?") == (problem == TOO_MANY)  # "Pouvez-vous vérifier ce nombre ?"
    if problem == TOO_MANY:
        assert format_number(K.experimentation.parcours_cap) in message


@pytest.mark.parametrize("problem", [UNCLEAR, NOT_POSITIVE, TOO_LONG, None])
def test_contract_months_problems_are_explained_in_french(problem):
    message = contract_months_problem_message(problem, K)
    assert "mois" in message and "Combien" not in message
    if problem == TOO_LONG:
        assert f"{K.contract.max_months} mois" in message


# --------------------------------------------------------------------------- the verdict by role


@pytest.mark.parametrize("today", [CLOSED, OPEN])
def test_an_employer_checking_a_future_hire_gets_the_employer_verdict(today):
    verdict = assess(Profile(age=17, sector_id="sante"), today, K)
    message = verdict_message_for("employeur", verdict, None, K)
    headline = ("**Cette personne remplit la condition d'âge, mais l'expérimentation est terminée.**" if today == CLOSED
                else "**Bonne nouvelle : cette personne remplit la condition d'âge.**")
    assert message.startswith(headline)
    assert "OPCO Santé" in message and "je suis employeur" in message
    assert "votre OPCO" in message
    assert message.strip().splitlines()[-1].startswith("Source : ")
    assert ("aucune prolongation" in message) == (today == CLOSED)
    assert ("**Ce qui reste possible pour vous**" in message) == (today == CLOSED)


def test_an_employer_is_told_when_the_person_will_be_old_enough():
    verdict = assess(Profile(birth_date=date(2011, 3, 3), sector_id="btp"), CLOSED, K)
    message = verdict_message_for("employeur", verdict, None, K)
    assert "cette personne remplira cette condition le 3 mars 2027" in message
    assert "Financement" not in message
    # What remains possible to the employer instead of "if it is extended, you can sign" (issue 34).
    assert "contrat d'apprentissage" in message.split("**Ce qui reste possible pour vous**")[1]


@pytest.mark.parametrize("role", ["candidat", None])
def test_the_candidate_verdict_is_the_default(role):
    verdict = assess(Profile(age=30, sector_id="transport"), CLOSED, K)
    assert verdict_message_for(role, verdict, None, K) == verdict_message(verdict, None, K)


def test_employer_core_imports_no_rasa():
    code = "import sys, bot.core.employer\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk'}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"



@pytest.mark.parametrize("text,jobs", [
    ("Je dirige une entreprise de transport, je veux recruter 3 chauffeurs poids lourd pendant 12 mois",
     "3 chauffeurs poids lourd"),
    ("on est un EHPAD de 80 salariés et on veut recruter 4 aides-soignantes sur 2 ans", "4 aides-soignantes"),
    ("nous souhaitons embaucher 3 caristes en CDI", "3 caristes"),
    ("on veut recruter des maçons.", "des maçons"),
    ("nous voulons recruter", None),
    ("nous voulons recruter en VAE inversée", None),
    ("je veux embaucher quelqu'un", None),
    ("je veux recruter des personnes", None),
    ("je veux former mes salariés", None),
    ("comment recruter avec la VAE inversée ?", None),
    # People counted by their job in a clause of their own, without a hiring verb.
    ("une PME du BTP, 3 maçons, 12 mois, c'est possible ?", "3 maçons"),
    ("Une société de gardiennage, 3 agents de sécurité cynophiles, sur 12 mois ?", "3 agents de sécurité cynophiles"),
    ("une PME du BTP, 12 mois", None),  # the article counts no one, a duration names no job
    ("nous sommes 3 associés", None),
    ("j'ai 3 enfants, 2 ans de chômage", None),
])
def test_find_jobs_in(text, jobs):
    assert find_jobs_in(text) == jobs


@pytest.mark.parametrize("text,hires", [
    ("une PME du BTP, 3 maçons, 12 mois, c'est possible ?", 3),
    ("on voudrait recruter deux commis de cuisine pour un an", 2),
    ("une PME du BTP de 20 salariés, 12 mois", None),
])
def test_find_hires_in_counts_people_by_their_job(text, hires):
    assert find_hires_in(text, K) == hires


@pytest.mark.parametrize("text", [
    "je veux m'occuper des personnes âgées", "évoluer dans mon entreprise", "devenir maçon",
    "bonjour, j'aimerais me reconvertir dans la logistique", "je voudrais travailler dans un hôtel",
])
def test_a_candidates_own_project_is_not_an_employers_introduction(text):
    assert speaks_of_own_project(text)
    assert not writes_as_employer(EMPLOYER_INTENT, 0.9, text)


@pytest.mark.parametrize("text", ["je veux former des jeunes", "je suis recruteur", "je tiens une boulangerie"])
def test_an_employers_introduction_is_no_candidates_project(text):
    assert not speaks_of_own_project(text)
    assert writes_as_employer(EMPLOYER_INTENT, 0.9, text)


@pytest.mark.parametrize("intent,text,opens", [
    ("faq", "On voudrait embaucher deux commis de cuisine pour notre brasserie, avec un contrat de "
            "professionnalisation en VAE inversée.", True),
    ("nlu_fallback", "Je dirige une entreprise (banque, assurance et finance) et je voudrais embaucher 4 postes de "
                     "responsable comptabilité pour 18 mois.", True),
    ("faq", "Une société de gardiennage, 3 agents de sécurité cynophiles, sur 12 mois, c'est faisable ?", True),
    ("faq", "Je recrute : combien ça coûte à l'employeur ?", False),  # a question, no figures: the FAQ answers
    ("simulate_funding", "je recrute 2 serveurs sur 1 an, ça coûte combien ?", False),
    ("faq", "je cherche un emploi, 3 maçons sont partis, qui recrute ?", False),
    ("inform", "une PME du BTP, 3 maçons, 12 mois", False),  # inform with the role entity starts the path already
])
def test_an_employers_first_sentence_with_figures_opens_the_employer_path(intent, text, opens):
    assert opens_employer_path(intent, text, K) == opens



@pytest.mark.parametrize("text", ["non je suis pas employeur, je cherche un emploi", "je ne suis pas un employeur",
                                  "c'est pour moi", "je veux vérifier si moi je suis éligible",
                                  "je me suis trompé de bouton", "je suis demandeur d'emploi", "suis-je éligible ?"])
def test_a_visitor_who_is_not_hiring(text):
    assert says_not_an_employer(text)


@pytest.mark.parametrize("text", ["Je suis employeur", "des maçons", "nous cherchons des caristes", "trois",
                                  "cette personne est-elle éligible ?", "le BTP", "je suis patron d'un garage"])
def test_an_employer_answering_the_form(text):
    assert not says_not_an_employer(text)


@pytest.mark.parametrize("hires,share", [(5000, "c'est tous les 5 000 parcours"), (600, "c'est 12 % des 5 000 parcours")])
def test_a_request_taking_a_large_share_of_the_parcours_is_flagged(hires, share):
    request = EmployerRequest(sector_id="btp", hires=hires, months=12)
    message = untypeset(employer_plan_message(plan(request, OPEN, K), K))
    assert share in message and "toutes entreprises confondues" in message


def test_an_ordinary_request_gets_no_share_warning():
    message = employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=499, months=12), OPEN, K), K)
    assert "toutes entreprises confondues" not in message


@pytest.mark.parametrize("text,expected", [
    ("finalement 5 personnes", {"hires": 5}),
    ("je me suis trompé, c'est 4 personnes", {"hires": 4}),
    ("2 ans", {"contract_months": 24}),
    ("plutôt un an et demi", {"contract_months": 18}),
    # the company's own head count, both figures, or a long sentence: nothing is read
    ("une PME de 20 personnes", {}),
    ("5 personnes sur 2 ans", {}),
    ("nous avons une très grande entreprise familiale de 5 personnes dans le nord", {}),
    ("0 personne", {}),
])
def test_a_short_correction_gives_one_count_or_one_duration(text, expected):
    assert find_short_correction_in(text) == expected


def test_it_is_four_people_is_not_a_company_of_four():
    assert find_company_size_in("c'est 4 personnes") is None
    assert find_company_size_in("l'entreprise est 12 personnes") == 12


@pytest.mark.parametrize("text", [
    "Nous sommes une clinique privée et voudrions embaucher 4 aides-soignantes sur 2 ans",
    "une PME du BTP, 3 maçons, 12 mois, c'est possible ?",
    "on voudrait recruter deux commis de cuisine pour un an",
    "je voudrais savoir comment recruter avec ce dispositif",
    "nous avons du mal à recruter des soudeurs",
])
def test_employers_are_known_from_their_first_sentence(text):
    assert speaks_as_employer(text)


@pytest.mark.parametrize("text", [
    "je veux m'occuper des personnes âgées", "évoluer dans mon entreprise", "une entreprise m'a proposé 2 jours d'essai",
    "je voudrais savoir comment me faire recruter", "je cherche une entreprise qui veut bien me recruter",
])
def test_job_seekers_first_sentences_are_not_an_employers(text):
    assert not speaks_as_employer(text)
