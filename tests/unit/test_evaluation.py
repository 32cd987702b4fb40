"""`make eval`: the label the visitor is actually answered with, and the seeds of the held-out spread."""
from __future__ import annotations

import argparse

import pytest
from rasa.shared.utils.io import read_yaml_file

from bot.tools.cli import seed_list
from bot.tools.evaluation import ROOT, SEEDS, full_label, selector_seed, with_selector_seed


def parse(intent: str, selectors: dict) -> dict:
    """The parts of Rasa's parse data that `full_label` reads, shaped as Rasa 3.6 returns them."""
    return {"text": "c'est quoi la vae inversée", "intent": {"name": intent, "confidence": 0.99},
            "response_selector": {"all_retrieval_intents": ["faq"], **selectors}}


def selection(key: str) -> dict:
    return {"response": {"responses": [{"text": "…"}], "confidence": 0.9, "intent_response_key": key,
                         "utter_action": f"utter_{key}"}, "ranking": []}


def test_our_selector_answers_under_the_faq_retrieval_intent():
    assert full_label(parse("faq", {"faq": selection("faq/definition")})) == "faq/definition"


def test_the_default_recipe_selector_answers_under_default():
    # config.default.yml names no retrieval intent: Rasa files the choice under "default".
    assert full_label(parse("faq", {"default": selection("faq/funding")})) == "faq/funding"


def test_a_faq_question_without_a_choice_and_other_intents():
    assert full_label(parse("faq", {})) == "faq"
    assert full_label({"intent": {"name": "faq"}}) == "faq"
    assert full_label(parse("greet", {"faq": selection("faq/definition")})) == "greet"
    assert full_label({"intent": None}) == ""


def test_the_held_out_spread_changes_only_the_selector_seed():
    config = {"language": "fr", "pipeline": [{"name": "SpacyNLP"}, {"name": "ResponseSelector", "epochs": 45,
              "random_seed": 2023}], "policies": [{"name": "TEDPolicy", "random_seed": 2023}]}
    seeded = with_selector_seed(config, 2024)
    assert selector_seed(config) == 2023 and selector_seed(seeded) == 2024
    assert seeded["pipeline"][1] == {"name": "ResponseSelector", "epochs": 45, "random_seed": 2024}
    assert seeded["pipeline"][0] == config["pipeline"][0] and seeded["policies"] == config["policies"]
    assert config["pipeline"][1]["random_seed"] == 2023  # the original is left as it was
    assert with_selector_seed(config, 2023) == config  # its own seed: the same config, not an error


def test_the_project_config_has_a_seeded_selector():
    assert selector_seed(read_yaml_file(str(ROOT / "config.yml"))) == SEEDS[0]


def test_a_config_without_a_selector_has_no_seed_to_change():
    with pytest.raises(ValueError):
        with_selector_seed({"pipeline": [{"name": "SpacyNLP"}]}, 2024)


def test_the_seeds_on_the_command_line():
    assert seed_list("2023,2024, 2025") == (2023, 2024, 2025)
    with pytest.raises(argparse.ArgumentTypeError):
        seed_list("2023,deux")


def test_a_follow_up_is_scored_on_the_intent_the_nlu_found():
    # A held-out message has no answer before it: as a follow-up, it gets what the NLU's own intent gets.
    marked = parse("follow_up", {"faq": selection("faq/sectors")})
    marked["intent_ranking"] = [{"name": "follow_up", "confidence": 1.0}, {"name": "faq", "confidence": 0.7}]
    assert full_label(marked) == "faq/sectors"
    marked["intent_ranking"] = [{"name": "follow_up", "confidence": 1.0}, {"name": "find_opco", "confidence": 0.7}]
    assert full_label(marked) == "find_opco"
