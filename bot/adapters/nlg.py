"""Rasa's response generator with French typography: the domain's responses leave typeset (bot.core.say.typography).

Declared in every endpoints file Rasa reads as `nlg: type: bot.adapters.nlg.TypesetNaturalLanguageGenerator`
(endpoints.yml; bot.tools.serve.NLG_YAML for the tests' servers and the cluster's deploy/endpoints.yml); the
in-process runner of bot/tools/conversations.py reads it from endpoints.yml. Rasa stores the generated text in
the tracker, so the stored text is the text sent. The actions' own messages are typeset in actions/context.py.
"""
from __future__ import annotations

from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from bot.core.say.typography import typeset, typeset_buttons


class TypesetNaturalLanguageGenerator(TemplatedNaturalLanguageGenerator):
    """The domain's responses, as Rasa fills them, with their text and button titles typeset."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        # Rasa builds it from `endpoint_config` and the domain, and refreshes `responses` when a model loads.
        super().__init__(domain.responses if domain else {})

    def generate_from_slots(self, utter_action: str, filled_slots: dict[str, Any], output_channel: str,
                            **kwargs: Any) -> dict[str, Any] | None:
        response = super().generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
        if response is None:
            return None
        if response.get("text"):
            response["text"] = typeset(response["text"])
        if response.get("buttons"):
            response["buttons"] = typeset_buttons(response["buttons"])
        return response
