"""`FaqAnswerBlend`, an NLU component of our own (config.yml names it by its import path, right after the
ResponseSelector): the FAQ answer is chosen by two learners that agree on the clear questions and err differently on
the close ones, their probabilities averaged.

- Rasa's ResponseSelector (a small neural network over the sparse and dense features): good at new phrasings, but
  its choice among close answers moves with its random seed and with any change to the training data (four seeds
  on the same data spread over 0.02 of held-out accuracy, docs/evaluation.md);
- the linear model of the intents (bot/adapters/intents.py: character n-grams, lemmas, word vectors), trained on
  the FAQ questions with their answers as labels: deterministic, better in the cross-validation, worse alone on
  new phrasings (measured 2026-12-03, docs/evaluation.md).

The mean of the two is the answer's probability: the ranking, the chosen answer and its confidence (which the FAQ
decision compares with its threshold, bot/core/dialogue/faq.py) are rewritten from it. A message the
ResponseSelector did not answer (at serving, any message not taken for a FAQ question: bot/adapters/speedups.py)
is left as it is.
"""
from __future__ import annotations

from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
    SPACY_DOCS,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.adapters.intents import DEFAULTS, IntentModel, blend
from bot.adapters.nlu import LinearModelComponent

MODEL_FILE = "faq_answer_model.joblib"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqAnswerBlend(LinearModelComponent):
    """Averages the ResponseSelector's answer probabilities for `retrieval_intent` with a linear model's."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # weight: the ResponseSelector's share of the mean (an even mean, not tuned).
        return {**DEFAULTS, "retrieval_intent": "faq", "weight": 0.5}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: IntentModel | None = None, responses: dict[str, Any] | None = None) -> None:
        self.config, self._storage, self._resource = config, model_storage, resource
        self.model, self.responses = model, responses or {}

    def train(self, training_data: TrainingData) -> Resource:
        retrieval = self.config["retrieval_intent"]
        examples = [e for e in training_data.intent_examples
                    if e.get(INTENT) == retrieval and e.get(INTENT_RESPONSE_KEY) and e.get(TEXT)]
        self.model = IntentModel(**{**self.model_config(), "ranking_length": None}).fit(
            [e.get(SPACY_DOCS[TEXT]) for e in examples], [e.get(INTENT_RESPONSE_KEY) for e in examples])
        # The answers' responses, for the chosen answer's `responses` (what Rasa's selector puts there).
        self.responses = {key: value for key, value in training_data.responses.items()
                          if key.startswith(f"utter_{retrieval}/")}
        with self._storage.write_to(self._resource) as directory:
            joblib.dump((self.model, self.responses), directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FaqAnswerBlend:
        # Our own model file, written by our own training: joblib (pickle) is safe to read back here.
        with model_storage.read_from(resource) as directory:
            model, responses = joblib.load(directory / MODEL_FILE)
        return cls(config, model_storage, resource, model, responses)

    def process(self, messages: list[Message]) -> list[Message]:
        retrieval = self.config["retrieval_intent"]
        answered = [(m, (m.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(retrieval)) for m in messages]
        answered = [(m, s) for m, s in answered if s and s.get(RESPONSE_SELECTOR_RANKING_KEY)
                    and m.get(SPACY_DOCS[TEXT]) is not None]
        if not self.model or not answered:
            return messages
        linear = self.model.rank([m.get(SPACY_DOCS[TEXT]) for m, _ in answered])
        for (message, selected), own in zip(answered, linear):
            neural = [(r[INTENT_RESPONSE_KEY], float(r[PREDICTED_CONFIDENCE_KEY]))
                      for r in selected[RESPONSE_SELECTOR_RANKING_KEY]]
            ranking = blend(neural, own, self.config["weight"])[:len(neural)]
            key, confidence = ranking[0]
            utter = f"utter_{key}"
            response = {**selected[RESPONSE_SELECTOR_PREDICTION_KEY], INTENT_RESPONSE_KEY: key,
                        PREDICTED_CONFIDENCE_KEY: confidence, RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter,
                        RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(utter, [{TEXT: key}])}
            selected[RESPONSE_SELECTOR_PREDICTION_KEY] = response
            selected[RESPONSE_SELECTOR_RANKING_KEY] = [
                {"id": None, INTENT_RESPONSE_KEY: k, PREDICTED_CONFIDENCE_KEY: p} for k, p in ranking]
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
