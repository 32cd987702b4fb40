"""`FaqAnswerBlend`, an NLU component of our own (config.yml names it by its import path, right after the
ResponseSelector): the FAQ answer is chosen by two learners that agree on the clear questions and err differently on
the close ones, their probabilities averaged.

- Rasa's ResponseSelector (a small neural network over the sparse and dense features): good at new phrasings, but
  its choice among close answers moves with its random seed and with any change to the training data (four seeds
  on the same data spread over 0.02 of held-out accuracy, docs/evaluation.md);
- the linear model of the intents (bot/adapters/intents.py: character n-grams, lemmas, word vectors), which also
  learns the FAQ questions with their answers as labels, on the features it computes anyway: deterministic,
  better in the cross-validation, worse alone on new phrasings (measured 2026-12-03, docs/evaluation.md).
  LinearIntentClassifier leaves its ranking on the message (`LINEAR_ANSWERS`).

The mean of the two is the answer's probability: the ranking, the chosen answer and its confidence (which the FAQ
decision compares with its threshold, bot/core/dialogue/faq.py) are rewritten from it. A message the
ResponseSelector did not answer (at serving, any message not taken for a FAQ question: bot/adapters/speedups.py)
is left as it is, and so is one without the linear ranking.
"""
from __future__ import annotations

from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.adapters.intents import blend
from bot.adapters.nlu import LINEAR_ANSWERS

RESPONSES_FILE = "faq_responses.joblib"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqAnswerBlend(GraphComponent):
    """Averages the ResponseSelector's answer probabilities for `retrieval_intent` with the linear model's. Its
    training only keeps the answers' responses (what Rasa's selector puts beside the chosen answer)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # weight: the ResponseSelector's share of the mean (an even mean, not tuned).
        return {"retrieval_intent": "faq", "weight": 0.5}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 responses: dict[str, Any] | None = None) -> None:
        self.config, self._storage, self._resource, self.responses = config, model_storage, resource, responses or {}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> FaqAnswerBlend:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        prefix = f"utter_{self.config['retrieval_intent']}/"
        self.responses = {key: value for key, value in training_data.responses.items() if key.startswith(prefix)}
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self.responses, directory / RESPONSES_FILE)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FaqAnswerBlend:
        # Our own file, written by our own training: joblib (pickle) is safe to read back here.
        with model_storage.read_from(resource) as directory:
            return cls(config, model_storage, resource, joblib.load(directory / RESPONSES_FILE))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get(self.config["retrieval_intent"])
            linear = message.get(LINEAR_ANSWERS)
            if not selected or not selected.get(RESPONSE_SELECTOR_RANKING_KEY) or not linear:
                continue
            neural = [(r[INTENT_RESPONSE_KEY], float(r[PREDICTED_CONFIDENCE_KEY]))
                      for r in selected[RESPONSE_SELECTOR_RANKING_KEY]]
            ranking = blend(neural, linear, self.config["weight"])[:len(neural)]
            key, confidence = ranking[0]
            utter = f"utter_{key}"
            selected[RESPONSE_SELECTOR_PREDICTION_KEY] = {
                **selected[RESPONSE_SELECTOR_PREDICTION_KEY], INTENT_RESPONSE_KEY: key,
                PREDICTED_CONFIDENCE_KEY: confidence, RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter,
                RESPONSE_SELECTOR_RESPONSES_KEY: self.responses.get(utter, [{TEXT: key}])}
            selected[RESPONSE_SELECTOR_RANKING_KEY] = [
                {"id": None, INTENT_RESPONSE_KEY: k, PREDICTED_CONFIDENCE_KEY: p} for k, p in ranking]
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
