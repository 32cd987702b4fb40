"""`FollowUpHint`, an NLU component of our own (config.yml names it by its import path): a short follow-up ("et
pour une boulangerie ?", "et sur 18 mois ?", "et après ?", bot/core/read/followup.py) gets the intent
`follow_up`, which the dialogue answers from the last answer (bot/core/dialogue/followup.py).

The NLU's own reading stays in the ranking, right after `follow_up`: action_follow_up falls back on it when no
answer before the message fits, and a form reads the message as the answer it may be. Only a message the NLU took
for an answer, a question or nothing it understood is marked (never a greeting, a stop…), and never one written
by an employer with details (RoleHint's `role` entity starts the employer form).
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.adapters.nlu import StatelessComponent
from bot.core.dialogue.followup import INTENT as FOLLOW_UP, routed_by_nlu
from bot.core.knowledge import load
from bot.core.read.followup import read_followup
from bot.core.status import reference_date


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FollowUpHint(StatelessComponent):
    """Sets the intent `follow_up` (confidence 1) on a short follow-up, the NLU's ranking kept after it (put after
    the FallbackClassifier and RoleHint: it reads the final intent and entities)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if not routed_by_nlu(intent.get(INTENT_NAME_KEY)):
                continue
            if any(e.get("entity") == "role" for e in message.get(ENTITIES) or []):
                continue
            if read_followup(message.get(TEXT) or "", reference_date(), load()) is None:
                continue
            marked = {INTENT_NAME_KEY: FOLLOW_UP, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, marked, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [marked, *(message.get(INTENT_RANKING_KEY) or [])], add_to_output=True)
        return messages
