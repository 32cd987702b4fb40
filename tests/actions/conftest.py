"""Real rasa_sdk Tracker / CollectingDispatcher objects and the project's full domain."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.core.say.typography import untypeset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict:
    """The domain as the action server receives it: domain.yml plus the FAQ responses of data/."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"), training_data_paths=[str(ROOT / "data")]
    )
    return importer.get_domain().as_dict()


@pytest.fixture(autouse=True)
def pinned_date(monkeypatch):
    monkeypatch.setenv("VAE_REFERENCE_DATE", "2026-11-15")


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(text: str = "", intent: str = "inform", confidence: float = 0.95, slots: dict | None = None,
                 requested: str | None = None, active_loop: str | None = "eligibility_form",
                 response_key: str | None = None, response_confidence: float = 0.9) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    if response_key:
        latest["response_selector"] = {"faq": {"response": {
            "intent_response_key": response_key, "confidence": response_confidence,
            "utter_action": f"utter_{response_key}", "responses": []}}}
    all_slots = {"requested_slot": requested, **(slots or {})}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker("visitor", all_slots, latest, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def texts(dispatcher: CollectingDispatcher) -> str:
    """What the actions said, no-break spaces read as spaces (their typography: tests/actions/test_typography.py)."""
    return untypeset("\n".join(m.get("text") or "" for m in dispatcher.messages))


def slot_events(events: list) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
