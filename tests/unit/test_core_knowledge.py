"""The facts file loads, validates, and gives the placeholders of the contract."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge import DEFAULT_PATH, KnowledgeError, format_date, format_eur, format_number, load

CONTRACT_PLACEHOLDERS = {
    "min_age", "annual_cap", "parcours_cap", "max_contract_months", "contracts_from", "contracts_until",
    "experimentation_years", "arrete_date", "call_for_projects_date", "opco_count", "opco_names", "ministry",
    "pay_under_21", "pay_under_21_bac", "pay_21_25", "pay_21_25_bac", "pay_26_plus",
    "std_contract_min_months", "std_contract_max_months", "aid_26_plus", "aid_45_plus", "employer_aids_period",
    "src_loi", "src_decret", "src_arrete", "src_service_public", "src_travail_emploi", "src_code_travail",
    "src_france_vae", "src_dares", "src_moncompteformation", "src_alternance_public", "src_lemediasocial",
    "src_centre_inffo_afdas",
}
OPCO_IDS = {
    "opco_2i", "akto", "atlas", "constructys", "ocapiat", "cohesion_sociale", "opco_ep", "opco_mobilites",
    "opco_sante", "opcommerce", "afdas",
}


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_load_is_cached():
    assert load() is load()


def test_key_facts():
    k = load()
    exp = k.experimentation
    assert (exp.contracts_from, exp.contracts_until) == (date(2023, 5, 28), date(2026, 2, 28))
    assert exp.extension_known is False
    assert (exp.duration_years, exp.parcours_cap) == (3, 5000)
    assert (exp.arrete_date, exp.call_for_projects_date) == (date(2023, 6, 26), date(2023, 6, 30))
    assert k.min_age == 16
    assert (k.funding.annual_cap_eur, k.funding.prorated) == (9000, True)
    assert len(k.funding.covered_categories) == 4
    assert (k.contract.max_months, k.contract.min_months) == (36, None)
    assert k.contract.private_employers_only is True
    assert k.reviewed == date(2026, 12, 3)


def test_every_fact_has_a_known_source_and_status():
    k = load()
    assert k.facts, "provenance is recorded"
    for fact in k.facts.values():
        assert fact.source in k.sources, fact.path
        assert fact.status in {"official", "secondary", "seed"}, fact.path
    assert k.source_of("experimentation.contracts_until").id == "decret"
    assert k.facts["employer_aids.aid_26_plus_eur"].status == "secondary"


def test_unconfirmed_sub_caps_are_not_loaded():
    k = load()
    assert all("unconfirmed" not in path for path in k.facts)
    rendered = " ".join(k.placeholders().values()) + " ".join(c.label for c in k.funding.covered_categories)
    assert "300" not in rendered and "6 000" not in rendered


def test_placeholders_are_exactly_the_contract_names():
    values = load().placeholders()
    assert set(values) == CONTRACT_PLACEHOLDERS
    assert all(isinstance(value, str) and value for value in values.values())


def test_placeholder_values():
    values = load().placeholders()
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


@pytest.mark.parametrize(
    ("value", "expected"),
    [(9000, "9 000 €"), (6750.5, "6 750,50 €"), (0, "0 €"), (1234567, "1 234 567 €"), (13500.004, "13 500 €")],
)
def test_format_eur(value, expected):
    assert format_eur(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2026, 2, 28), "28 février 2026"), (date(2026, 3, 1), "1er mars 2026"), (date(2023, 8, 15), "15 août 2023")],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


def test_format_number():
    assert (format_number(5000), format_number(1.5), format_number(18.0)) == ("5 000", "1,5", "18")


def test_lookups():
    k = load()
    assert k.opco("akto").website == "https://www.akto.fr"
    assert k.sector("btp").opco_id == "constructys"
    assert k.source("france_vae").url == "https://vae.gouv.fr"
    with pytest.raises(KeyError):
        k.opco("nope")


def test_all_eleven_opcos_are_reachable_from_a_sector():
    k = load()
    assert {opco.id for opco in k.opcos} == OPCO_IDS
    assert {sector.opco_id for sector in k.sectors} == OPCO_IDS


def test_sectors_have_both_tension_values():
    tensions = {sector.id: sector.tension for sector in load().sectors}
    assert tensions["sante"] and tensions["transport"] and tensions["btp"]
    assert not tensions["banque_assurance"] and not tensions["numerique"]
    # Named by the ministry (a secondary source), while the rest of retail is not.
    assert tensions["grande_distribution"] and not tensions["commerce"]
    # Not named by any of our sources: not called a priority.
    assert not any(tensions[sector] for sector in ("automobile", "securite", "agriculture", "artisanat_alimentaire"))


def test_employer_aids_are_dated():
    k = load()
    assert k.employer_aids.years == (2024, 2025)
    assert k.placeholders()["employer_aids_period"] == "2024 et 2025"


def mutate_unknown_opco(data):
    data["sectors"][0]["opco"] = "opco_lune"


def mutate_unknown_source(data):
    data["funding"]["annual_cap_eur"]["source"] = "blog"


def mutate_bad_date(data):
    data["experimentation"]["contracts_until"]["value"] = "2026-02-30"


def mutate_unused_opco(data):
    data["sectors"] = [sector for sector in data["sectors"] if sector["opco"] != "afdas"]


def mutate_bad_status(data):
    data["eligibility"]["min_age"]["status"] = "rumour"


def mutate_end_before_start(data):
    data["experimentation"]["contracts_until"]["value"] = date(2022, 1, 1)


def mutate_duplicate_sector(data):
    data["sectors"].append(copy.deepcopy(data["sectors"][0]))


def mutate_aid_years_as_text(data):
    data["employer_aids"]["years"]["value"] = ["2024-2025"]


def mutate_number_as_bool(data):
    data["eligibility"]["min_age"]["value"] = True


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (mutate_unknown_opco, "unknown opco 'opco_lune'"),
        (mutate_unknown_source, "unknown source 'blog'"),
        (mutate_bad_date, "expected date"),
        (mutate_unused_opco, "used by no sector: afdas"),
        (mutate_bad_status, "status must be one of"),
        (mutate_end_before_start, "before contracts_from"),
        (mutate_duplicate_sector, "duplicate id"),
        (mutate_number_as_bool, "expected int"),
        (mutate_aid_years_as_text, "expected a list of years"),
    ],
)
def test_invalid_facts_are_refused_with_a_clear_error(raw, tmp_path, mutate, message):
    data = copy.deepcopy(raw)
    mutate(data)
    with pytest.raises(KnowledgeError, match=message):
        load(write(tmp_path, data))


def test_missing_file_is_a_knowledge_error(tmp_path):
    with pytest.raises(KnowledgeError, match="cannot read"):
        load(tmp_path / "absent.yml")


def test_extension_is_a_data_change(raw, tmp_path):
    data = copy.deepcopy(raw)
    data["experimentation"]["contracts_until"]["value"] = date(2027, 12, 31)
    data["experimentation"]["extension_known"]["value"] = True
    k = load(write(tmp_path, data))
    assert k.placeholders()["contracts_until"] == "31 décembre 2027"
    assert k.experimentation.extension_known is True
