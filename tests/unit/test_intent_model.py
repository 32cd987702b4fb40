"""The intent classifier (bot/adapters/intents.py) and its Rasa component, on real spaCy documents of fr_core_news_md."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.adapters.intents import IntentModel, probabilities, rank_texts
from bot.adapters.nlu import LinearIntentClassifier, has_words

EXAMPLES = {
    "greet": ["bonjour", "salut", "bonsoir", "coucou", "hello", "bonjour à vous"],
    "faq": ["c'est quoi la vae inversée", "qui finance la vae inversée", "la vae inversée dure combien de temps",
            "comment marche la vae inversée", "qu'est-ce que le contrat de professionnalisation",
            "quel opco paie la formation"],
    "out_of_scope": ["quelle est la capitale de l'Australie", "qui a gagné le match de foot",
                     "donne-moi une recette de gâteau", "quel temps fera-t-il demain",
                     "comment réparer mon vélo", "quel film regarder ce soir"],
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("fr_core_news_md", disable=["ner"])


def fitted(nlp, **config) -> IntentModel:
    texts = [text for texts in EXAMPLES.values() for text in texts]
    labels = [label for label, texts in EXAMPLES.items() for _ in texts]
    return IntentModel(**config).fit(list(nlp.pipe(texts)), labels)


@pytest.fixture(scope="module")
def model(nlp):
    return fitted(nlp)


def test_unseen_messages_get_the_intent_of_their_kind(model, nlp):
    rankings = rank_texts(model, nlp, ["bonjour madame", "c koi la vae inversee", "qui a écrit les Misérables"])
    assert [ranking[0][0] for ranking in rankings] == ["greet", "faq", "out_of_scope"]


def test_a_ranking_holds_every_intent_once_by_decreasing_probability(model, nlp):
    [ranking] = rank_texts(model, nlp, ["qui paie la vae inversée ?"])
    assert sorted(name for name, _ in ranking) == sorted(EXAMPLES)
    confidences = [confidence for _, confidence in ranking]
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) == pytest.approx(1.0)
    assert all(type(confidence) is float for confidence in confidences)  # JSON-ready, not numpy


def test_the_ranking_is_cut_at_its_length(nlp):
    short = fitted(nlp, ranking_length=2)
    assert [len(ranking) for ranking in rank_texts(short, nlp, ["salut", "asdkjh"])] == [2, 2]


def test_one_intent_is_not_enough(nlp):
    with pytest.raises(ValueError):
        IntentModel().fit(list(nlp.pipe(["bonjour", "salut"])), ["greet", "greet"])


def test_no_document_no_ranking(model):
    assert model.rank([]) == []


@pytest.mark.parametrize("text", ["@+", "?", ":)", "25", "ok 👍", "bonjour 🙂", "é"])
def test_text_beside_emoji_is_classified(text):
    assert has_words(text)


@pytest.mark.parametrize("text", ["", "  \n", "🙂🙂🙂", "👍🏽", "👩‍💻", "❤️", "🇫🇷", "☀️ 🌧"])
def test_blank_or_emoji_only_is_not(text):
    assert not has_words(text)


def message(nlp, text: str, intent: str | None = None) -> Message:
    data = {"text": text, SPACY_DOCS["text"]: nlp(text)}
    if intent:
        data["intent"] = intent
    return Message(data=data)


def test_the_rasa_component_trains_persists_and_loads(tmp_path, nlp):
    storage, resource = LocalModelStorage(tmp_path), Resource("intents")
    context = ExecutionContext(graph_schema=None, node_name="intents")
    config = LinearIntentClassifier.get_default_config()
    component = LinearIntentClassifier.create(config, storage, resource, context)
    examples = [message(nlp, text, label) for label, texts in EXAMPLES.items() for text in texts]
    component.train(TrainingData(training_examples=examples))

    loaded = LinearIntentClassifier.load(config, storage, resource, context)
    asked = [message(nlp, "bonsoir à tous"), message(nlp, ""), Message(data={"text": "sans document"}),
             message(nlp, "🙂🙂🙂"), message(nlp, " 👍🏽 "), message(nlp, "👩‍💻❤️")]
    loaded.process(asked)
    assert asked[0].get("intent")["name"] == "greet"
    assert asked[0].get("intent_ranking")[0] == asked[0].get("intent")
    # No text, no spaCy document, or emoji only: no intent, confidence 0, for the FallbackClassifier to answer.
    for unparsed in asked[1:]:
        assert unparsed.get("intent") == {"name": None, "confidence": 0.0}
        assert unparsed.get("intent_ranking") == []
    assert "intent" in asked[0].as_dict(only_output_properties=True)


def test_probabilities_are_scikit_learns_own(model, nlp):
    features = model._features(list(nlp.pipe(["qui paie la vae inversée ?", "bonjour", "le match de foot"])))
    assert np.allclose(probabilities(model.classifier, features), model.classifier.predict_proba(features),
                       rtol=0, atol=1e-12)


def test_the_answers_of_a_retrieval_intent_are_learnt_on_the_same_features(nlp):
    texts = [text for texts in EXAMPLES.values() for text in texts]
    labels = [label for label, texts in EXAMPLES.items() for _ in texts]
    answers = [("faq/funding" if "finance" in text or "paie" in text else "faq/other") if label == "faq" else None
               for label, text in zip(labels, texts)]
    fitted_model = IntentModel().fit(list(nlp.pipe(texts)), labels, answers)
    intents, ranked = fitted_model.rank_with_answers([nlp("qui paie la formation ?")])
    assert intents == fitted_model.rank([nlp("qui paie la formation ?")])
    assert ranked[0][0][0] == "faq/funding" and {key for key, _ in ranked[0]} == {"faq/funding", "faq/other"}
    assert IntentModel().fit(list(nlp.pipe(texts)), labels).rank_with_answers([nlp("salut")])[1] is None
