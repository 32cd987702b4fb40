"""NLU pipeline components of our own (config.yml names them by their import path).

`RoleHint` marks a message written by an employer with a `role` entity ("employeur"); the `role` slot is
filled from it (domain.yml, `from_entity`) before the dialogue predicts anything, in the Rasa process: no
round trip to the action server after each message. That an eligibility check makes an unknown visitor a
candidate is decided by the eligibility form (actions/eligibility.py), which sees the slot's current value.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.employer import writes_as_employer

ROLE_ENTITY, EMPLOYER_ROLE = "role", "employeur"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RoleHint(GraphComponent):
    """Adds the `role` entity to a message whose writer hires (after the intent classifiers: it reads the
    final intent, `nlu_fallback` included)."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> RoleHint:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            confidence = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if writes_as_employer(intent.get(INTENT_NAME_KEY), confidence, text):
                entity = {"entity": ROLE_ENTITY, "value": EMPLOYER_ROLE, "start": 0, "end": len(text),
                          "confidence": 1.0, "extractor": type(self).__name__}
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
