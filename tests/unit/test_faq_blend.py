"""The FAQ answer chosen by the ResponseSelector and a linear model together (bot/adapters/faq_blend.py), on real
spaCy documents of fr_core_news_md and Rasa's own message and storage objects."""
from __future__ import annotations

import pytest
import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.adapters.faq_blend import FaqAnswerBlend
from bot.adapters.intents import blend
from bot.adapters.nlu import LINEAR_ANSWERS, LinearIntentClassifier

QUESTIONS = {
    "faq/funding": ["qui finance la formation", "qui paie le parcours", "c'est financé par qui",
                    "le coût est pris en charge par qui", "combien ça coûte et qui paie", "qui règle la facture"],
    "faq/duration": ["ça dure combien de temps", "combien de mois dure le parcours", "quelle est la durée",
                     "le contrat dure longtemps ?", "c'est long ?", "en combien de temps on finit"],
}
RESPONSES = {f"utter_{key}": [{"text": f"réponse {key}"}] for key in QUESTIONS}


def test_blend_is_the_weighted_mean_highest_first():
    merged = blend([("a", 0.6), ("b", 0.4)], [("b", 0.9), ("a", 0.05), ("c", 0.05)], 0.5)
    assert [label for label, _ in merged] == ["b", "a", "c"]
    assert dict(merged) == pytest.approx({"b": 0.65, "a": 0.325, "c": 0.025})
    # A label cut from the first ranking counts 0 there; the weight is the first's share.
    assert dict(blend([("a", 1.0)], [("b", 1.0)], 0.8)) == pytest.approx({"a": 0.8, "b": 0.2})


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("fr_core_news_md", disable=["ner"])


def message(nlp, text: str, **data) -> Message:
    return Message(data={"text": text, SPACY_DOCS["text"]: nlp(text), **data})


def selector_output(ranking: list[tuple[str, float]]) -> dict:
    """What Rasa's ResponseSelector sets for the `faq` retrieval intent."""
    top, confidence = ranking[0]
    return {"all_retrieval_intents": ["faq"], "faq": {
        "response": {"responses": RESPONSES[f"utter_{top}"], "confidence": confidence, "intent_response_key": top,
                     "utter_action": f"utter_{top}"},
        "ranking": [{"id": i, "confidence": c, "intent_response_key": k} for i, (k, c) in enumerate(ranking)]}}


def trained(component_class, nlp, storage, name: str):
    resource, context = Resource(name), ExecutionContext(graph_schema=None, node_name=name)
    config = component_class.get_default_config()
    examples = [message(nlp, text, intent="faq", intent_response_key=key)
                for key, texts in QUESTIONS.items() for text in texts]
    examples += [message(nlp, text, intent="greet") for text in ("bonjour", "salut", "bonsoir", "coucou")]
    component_class.create(config, storage, resource, context).train(
        TrainingData(training_examples=examples, responses=RESPONSES))
    return component_class.load(config, storage, resource, context)


@pytest.fixture(scope="module")
def intents(nlp, tmp_path_factory):
    return trained(LinearIntentClassifier, nlp, LocalModelStorage(tmp_path_factory.mktemp("intents")), "intents")


@pytest.fixture(scope="module")
def component(nlp, tmp_path_factory):
    return trained(FaqAnswerBlend, nlp, LocalModelStorage(tmp_path_factory.mktemp("blend")), "blend")


def test_the_intent_classifier_ranks_the_faq_answers_too(intents, nlp):
    [asked] = intents.process([message(nlp, "qui est-ce qui paie tout ça ?")])
    assert asked.get("intent")["name"] == "faq"
    answers = asked.get(LINEAR_ANSWERS)
    assert [key for key, _ in answers][0] == "faq/funding" and sum(p for _, p in answers) == pytest.approx(1.0)
    assert LINEAR_ANSWERS not in asked.as_dict(only_output_properties=True)  # in-process only


def test_a_close_call_of_the_selector_goes_to_the_answer_both_lean_to(intents, component, nlp):
    # The selector hesitates and leans the wrong way; the linear model knows "qui paie" questions: the mean picks
    # funding, with its own responses and utter action.
    [asked] = intents.process([message(nlp, "qui est-ce qui paie tout ça ?")])
    asked.set("response_selector", selector_output([("faq/duration", 0.52), ("faq/funding", 0.48)]))
    [result] = component.process([asked])
    selected = result.get("response_selector")["faq"]
    assert selected["response"]["intent_response_key"] == "faq/funding"
    assert selected["response"]["utter_action"] == "utter_faq/funding"
    assert selected["response"]["responses"] == RESPONSES["utter_faq/funding"]
    confidences = [r["confidence"] for r in selected["ranking"]]
    assert selected["response"]["confidence"] == confidences[0] > 0.5
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) == pytest.approx(1.0)
    assert [r["intent_response_key"] for r in selected["ranking"]] == ["faq/funding", "faq/duration"]


def test_a_confident_selector_is_not_overturned_by_a_hesitant_model(intents, component, nlp):
    [asked] = intents.process([message(nlp, "et sinon c'est quoi le délai")])
    asked.set("response_selector", selector_output([("faq/duration", 0.99), ("faq/funding", 0.01)]))
    [result] = component.process([asked])
    assert result.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/duration"


def test_a_message_the_selector_did_not_answer_is_left_as_it_is(intents, component, nlp):
    untouched = {"all_retrieval_intents": ["faq"]}  # at serving, any message not taken for a FAQ question
    asked = intents.process([message(nlp, "bonjour", response_selector=dict(untouched)), message(nlp, "salut"),
                             Message(data={"text": "sans document",
                                           "response_selector": selector_output([("faq/funding", 1.0)])})])
    component.process(asked)
    assert asked[0].get("response_selector") == untouched
    assert asked[1].get("response_selector") is None
    assert asked[2].get("response_selector")["faq"]["ranking"][0]["id"] == 0
