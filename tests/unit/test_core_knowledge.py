"""The facts file loads and validates; the knowledge floor stands on its own."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.core.knowledge import DEFAULT_PATH, KnowledgeError, load
from bot.core.say.faq import faq_placeholders

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
        assert fact.status in {"official", "secondary", "seed", "public_other"}, fact.path
    assert k.source_of("experimentation.contracts_until").id == "decret"
    assert k.facts["employer_aids.aid_26_plus_eur"].status == "secondary"


def test_unconfirmed_sub_caps_are_not_loaded():
    k = load()
    assert all("unconfirmed" not in path for path in k.facts)
    rendered = " ".join(faq_placeholders(k).values()) + " ".join(c.label for c in k.funding.covered_categories)
    assert "300" not in rendered and "6 000" not in rendered


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
    assert faq_placeholders(k)["employer_aids_period"] == "2024 et 2025"


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
    assert faq_placeholders(k)["contracts_until"] == "31 décembre 2027"
    assert k.experimentation.extension_known is True


def test_the_knowledge_floor_imports_nothing_above_it():
    """The facts are read without the readers or the sayers (bot.core.read, bot.core.say build on them)."""
    code = ("import sys, bot.core.knowledge\nbot.core.knowledge.load()\n"
            "print(sorted(m for m in sys.modules if m.startswith('bot.') and not m.startswith('bot.core.knowledge')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['bot.core']"


def test_options_after_the_experimentation_are_sourced_and_dated():
    k = load()
    assert {"contrat_pro", "apprentissage", "vae", "mission_locale", "france_travail", "cep", "transitions_pro",
            "cap_emploi", "selected_projects", "signed_in_window"} <= set(k.options)
    for option_id, facts in k.options.items():
        for name in facts:
            fact = k.facts[f"options.{option_id}.{name}"]
            assert fact.source in k.sources and fact.checked is not None, fact.path
    assert k.option("apprentissage", "max_age") == 29
    assert k.option("contrat_pro", "public_employers") is False
    assert "unconfirmed" not in k.options  # never said as certain
