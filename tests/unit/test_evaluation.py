"""`make eval`'s reading of a parse: the label the visitor is actually answered with."""
from __future__ import annotations

from bot.evaluation import full_label


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
