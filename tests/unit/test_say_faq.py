"""The FAQ placeholders: exactly the names of the contract, each written from the facts file."""

from __future__ import annotations

from bot.core.knowledge import load
from bot.core.say.faq import faq_placeholders
from bot.core.say.typography import untypeset

CONTRACT_PLACEHOLDERS = {
    "min_age", "annual_cap", "parcours_cap", "max_contract_months", "contracts_from", "contracts_until",
    "experimentation_years", "arrete_date", "call_for_projects_date", "opco_count", "opco_names", "ministry",
    "pay_under_21", "pay_under_21_bac", "pay_21_25", "pay_21_25_bac", "pay_26_plus",
    "std_contract_min_months", "std_contract_max_months", "aid_26_plus", "aid_45_plus", "employer_aids_period",
    "tutor_max_trainees", "tutor_max_trainees_employer", "tutor_min_experience_years",
    "src_loi", "src_decret", "src_arrete", "src_service_public", "src_travail_emploi", "src_code_travail",
    "src_france_vae", "src_dares", "src_moncompteformation", "src_alternance_public", "src_lemediasocial",
    "src_centre_inffo_afdas",
    # what remains after the experimentation (knowledge `options`)
    "extension_checked", "selected_projects_carriers", "signed_in_window_max_months", "contrat_pro_youth_min_age",
    "contrat_pro_youth_max_age", "contrat_pro_job_seekers_from_age", "contrat_pro_minima", "apprentissage_min_age",
    "apprentissage_max_age", "apprentissage_after_college_age", "vae_cpf_from", "vae_conge_hours",
    "mission_locale_min_age", "mission_locale_max_age", "aid_exceptionnelle_ended",
    "url_contrat_pro", "url_apprentissage", "url_vae", "url_mission_locale", "url_france_travail", "url_cep",
    "url_transitions_pro", "url_cap_emploi",
} | {f"src_{source_id}" for source_id in (
    "decret_article_1", "centre_inffo_lancement", "via_competences", "dares_contrat_pro", "urssaf_contrat_pro",
    "code_travail_apprentissage", "apprentissage_handicap", "urssaf_apprentissage", "france_vae_faq",
    "centre_inffo_cpf_vae", "cep", "ptp", "ash_missions_locales", "france_travail_cap_emploi", "france_travail_afe",
    "decret_aide_2024", "nouveaux_contrats")} | {
    # sentences whose tense follows the experimentation's phase (issue 34: "how to start" while it is open)
    "status_now", "selected_project_rule", "candidate_start", "employer_start"}


def test_placeholders_are_exactly_the_contract_names():
    values = faq_placeholders(load())
    assert set(values) == CONTRACT_PLACEHOLDERS
    assert all(isinstance(value, str) and value for value in values.values())


def test_placeholder_values():
    values = {name: untypeset(value) for name, value in faq_placeholders(load()).items()}
    assert values["min_age"] == "16"
    assert values["annual_cap"] == "9 000 €"
    assert values["parcours_cap"] == "5 000"
    assert values["contracts_from"] == "28 mai 2023"
    assert values["contracts_until"] == "28 février 2026"
    assert values["experimentation_years"] == "trois"
    assert values["opco_count"] == "11"
    assert values["opco_names"].startswith("OPCO 2i, Akto, Atlas")
    assert values["pay_26_plus"] == "le SMIC et au moins 85 % du minimum de la branche"
    assert values["pay_under_21"] == "55 %" and values["pay_21_25_bac"] == "80 %"
    assert values["aid_45_plus"] == "2 000 €"
    assert values["src_decret"] == "décret n°2023-408 du 26 mai 2023"
    assert values["ministry"] == "ministère chargé du Travail"
    assert (values["tutor_max_trainees"], values["tutor_max_trainees_employer"]) == ("trois", "deux")
    assert values["tutor_min_experience_years"] == "deux"


# --------------------------------------------------------------------------- worded for the phase (issue 34)

CLOSED_WORDING = ["aucune prolongation", "on ne peut plus", "ne pouvait pas", "ne pouvaient", "concernait",
                  "couvrait", "relevait", "Plus aucun nouveau contrat", "plus aucun nouveau contrat"]


def _faq_answers(today):
    from bot.core.dialogue import State, Turn
    from bot.core.dialogue.faq import answer_faq
    from tests.unit.test_answer_length import DOMAIN, KEYS

    k = load()
    for key, role in ((key, role) for key in KEYS for role in (None, "employeur")):
        state = State(slots={"role": role, "status_told": True}, today=today, knowledge=k)
        yield key, role, answer_faq(Turn("?", "faq", 0.9), state, key, 0.9, DOMAIN).say[0].text


def test_while_open_no_faq_answer_is_worded_as_if_it_were_over():
    from tests.unit.say_checks import OPEN

    wrong = [(key, role, text) for key, role, text in _faq_answers(OPEN)
             if any(words in text for words in CLOSED_WORDING)]
    assert not wrong, wrong[0]


def test_how_to_start_follows_the_phase():
    from tests.unit.say_checks import CLOSED, OPEN

    opened = {(key, role): text for key, role, text in _faq_answers(OPEN) if key == "how_to_start"}
    closed = {(key, role): text for key, role, text in _faq_answers(CLOSED) if key == "how_to_start"}
    for role in (None, "employeur"):
        assert "Il reste" in opened[("how_to_start", role)] and "Pour commencer" in opened[("how_to_start", role)]
        assert "ne peut pas signer seule" in opened[("how_to_start", role)]
        assert "aucune prolongation" in closed[("how_to_start", role)]
        assert "ne pouvait pas signer seule" in closed[("how_to_start", role)]
