"""The domain's responses leave typeset: the generator of bot/adapters/nlg.py, declared in every endpoints file."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.adapters.nlg import TypesetNaturalLanguageGenerator
from bot.core.say.typography import typeset
from bot.tools.cluster import Topology, deploy_endpoints
from bot.tools.serve import endpoints_yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
ENDPOINTS = {
    "endpoints.yml": (ROOT / "endpoints.yml").read_text(),
    "deploy/endpoints.yml": (ROOT / "deploy" / "endpoints.yml").read_text(),
    "generated for the cluster": deploy_endpoints(Topology.standard()),
    "generated for the tests and the bench": endpoints_yaml(5055, "sqlite:///x.db"),
}


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoints_file_declares_the_typesetting_generator(name):
    section = yaml.safe_load(ENDPOINTS[name])["nlg"]
    generator = NaturalLanguageGenerator.create(EndpointConfig.from_dict(section), DOMAIN)
    assert isinstance(generator, TypesetNaturalLanguageGenerator) and generator.responses == DOMAIN.responses


def test_a_response_leaves_typeset_with_its_payloads_untouched():
    generator = TypesetNaturalLanguageGenerator(domain=DOMAIN)
    tracker = DialogueStateTracker.from_events("visitor", [], slots=DOMAIN.slots)
    response = asyncio.run(generator.generate("utter_capabilities", tracker, "rest"))
    (raw,) = DOMAIN.responses["utter_capabilities"]
    assert response["text"] == typeset(raw["text"]) != raw["text"] and "\u202f:" in response["text"]
    assert [b["title"] for b in response["buttons"]] == [typeset(b["title"]) for b in raw["buttons"]]
    assert "Suis-je éligible\u202f?" in [b["title"] for b in response["buttons"]]
    assert [b["payload"] for b in response["buttons"]] == [b["payload"] for b in raw["buttons"]]


def test_an_unknown_response_stays_none():
    generator = TypesetNaturalLanguageGenerator(domain=DOMAIN)
    assert generator.generate_from_slots("utter_nothing_of_the_kind", {}, "rest") is None
