"""NLU pipeline components of our own (config.yml names them by their import path).

`LinearIntentClassifier` classifies intents with bot/adapters/intents.py (a linear model over character n-grams,
lemmas and the spaCy document's word vectors), in place of Rasa's DIETClassifier.

`RoleHint` marks a message written by an employer with a `role` entity ("employeur"); the `role` slot is
filled from it (domain.yml, `from_entity`) before the dialogue predicts anything, in the Rasa process: no
round trip to the action server after each message. That an eligibility check makes an unknown visitor a
candidate is decided by the eligibility form (bot/core/dialogue/eligibility_form.py), which sees the slot's current value.
"""
from __future__ import annotations

import unicodedata
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.adapters.intents import DEFAULTS, IntentModel
from bot.core.dialogue.decision import State
from bot.core.dialogue.eligibility_form import gives_a_profile
from bot.core.dialogue.faq import MIN_KEY_CONFIDENCE
from bot.core.read.speaker import (
    EMPLOYER_INTENT,
    asks_own_eligibility,
    opens_employer_path,
    speaks_of_own_project,
    writes_as_employer,
)

ROLE_ENTITY, EMPLOYER_ROLE = "role", "employeur"
ELIGIBILITY_INTENT, FALLBACK_INTENT = "check_eligibility", "nlu_fallback"
PROFILE_INTENTS = frozenset({FALLBACK_INTENT, "faq"})
MODEL_FILE = "intent_model.joblib"
# The message attribute where the intent classifier leaves its ranking of the FAQ answers (bot/adapters/faq_blend.py).
LINEAR_ANSWERS = "linear_answer_ranking"
# Emoji and other pictographs, their skin tones, variation selectors and joiners: nothing a classifier
# trained on words can read ("🙂🙂🙂" was read as a goodbye).
PICTOGRAPH_CATEGORIES = {"So", "Sk", "Mn", "Me", "Cf"}


def has_words(text: str) -> bool:
    """Whether a message holds anything to classify: not blank, not only emoji ("@+" and "?" count)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in PICTOGRAPH_CATEGORIES for ch in text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Sets the intent and the intent ranking of each message from bot.adapters.intents.IntentModel, reading the spaCy
    document SpacyNLP made. A message without text, or with emoji only, gets no intent (confidence 0: the
    FallbackClassifier answers it). The same model ranks the FAQ answers, left on the message for FaqAnswerBlend."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # answers_of: the retrieval intent whose answers the model learns too, for FaqAnswerBlend (None: none).
        return {**DEFAULTS, "answers_of": "faq"}

    @classmethod
    def required_components(cls) -> list[type]:
        return [SpacyNLP]

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn", "spacy"]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: IntentModel | None = None) -> None:
        self.config, self._storage, self._resource, self.model = config, model_storage, resource, model

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        retrieval = self.config.get("answers_of")
        answers = [e.get(INTENT_RESPONSE_KEY) if retrieval and e.get(INTENT) == retrieval else None
                   for e in examples]
        model_config = {key: self.config[key] for key in DEFAULTS if key in self.config}
        self.model = IntentModel(**model_config).fit([e.get(SPACY_DOCS[TEXT]) for e in examples],
                                                     [e.get(INTENT) for e in examples], answers)
        # Our own model files, written by our own training: joblib (pickle) is safe to read back here.
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentClassifier:
        with model_storage.read_from(resource) as directory:
            return cls(config, model_storage, resource, joblib.load(directory / MODEL_FILE))

    def process(self, messages: list[Message]) -> list[Message]:
        docs = [m.get(SPACY_DOCS[TEXT]) if has_words(m.get(TEXT) or "") else None for m in messages]
        parsed = [doc for doc in docs if doc is not None]
        intents, answers = self.model.rank_with_answers(parsed) if self.model and parsed else ([], None)
        rankings, answer_rankings = iter(intents), iter(answers or [])
        for message, doc in zip(messages, docs):
            ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
                       for name, confidence in (next(rankings, []) if doc is not None else [])]
            if answers is not None and doc is not None:
                message.set(LINEAR_ANSWERS, next(answer_rankings))  # in-process only, for FaqAnswerBlend
            message.set(INTENT, ranking[0] if ranking else {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                        add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def unsure_reading(message: Message, intent: str | None) -> bool:
    """Whether the classifiers give the message no answer: not understood, or a FAQ question the ResponseSelector
    cannot place (the FAQ decision would ask to rephrase, bot/core/dialogue/faq.py)."""
    selected = ((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}
    return intent == FALLBACK_INTENT or (intent == "faq" and float(selected.get("confidence") or 0.0) < MIN_KEY_CONFIDENCE)


class StatelessComponent(GraphComponent):
    """A pipeline component with nothing to train or store: it only reads each message (the hints below)."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> StatelessComponent:
        return cls()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RoleHint(StatelessComponent):
    """Adds the `role` entity to a message whose writer hires (after the intent classifiers: it reads the
    final intent, `nlu_fallback` included). It also decides what the intent alone may not: an employer's first
    sentence with their figures that the classifier took for a question (or could not decide on) becomes the
    employer's introduction, a candidate's own project that it took for one ("je veux m'occuper des
    personnes âgées") gets the message's next intent, and a message it could not place or took for a question
    that gives most of the candidate's answers is an eligibility check."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            name, confidence = intent.get(INTENT_NAME_KEY), float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if ((name in PROFILE_INTENTS and gives_a_profile(text, State()))
                    or (name == FALLBACK_INTENT and asks_own_eligibility(text))):
                # A long message giving the candidate's answers, which the classifier could not place or took for
                # a question, or "suis-je éligible ?" it could not place: an eligibility check, which reads every
                # answer given (bot/core/dialogue/eligibility_form.py).
                name = ELIGIBILITY_INTENT
            elif opens_employer_path(name, text, unsure=unsure_reading(message, name)):
                # An employer's first sentence with their figures, read by the classifier as a question: the
                # employer's path answers it (bot/core/read/speaker.py).
                name = EMPLOYER_INTENT
            elif name == EMPLOYER_INTENT and speaks_of_own_project(text):
                # A candidate's project ("je veux m'occuper des personnes âgées"): the next reading of the message.
                ranking = message.get(INTENT_RANKING_KEY) or []
                name, confidence = next(((r[INTENT_NAME_KEY], r[PREDICTED_CONFIDENCE_KEY]) for r in ranking
                                         if r[INTENT_NAME_KEY] != EMPLOYER_INTENT), (None, 0.0))
            if name != intent.get(INTENT_NAME_KEY):
                message.set(INTENT, {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}, add_to_output=True)
            if writes_as_employer(name, confidence, text):
                entity = {"entity": ROLE_ENTITY, "value": EMPLOYER_ROLE, "start": 0, "end": len(text),
                          "confidence": 1.0, "extractor": type(self).__name__}
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
