"""The REST routes the widget uses besides the webhook: feedback and erasure, and CORS for the widget's origin."""
from __future__ import annotations

import pytest
import requests

from tests.support import Chat
from tests.browser.widget_page import events, slot_values


@pytest.fixture
def chat(site) -> Chat:
    return Chat(site["rest"])


def feedback_url(site) -> str:
    return site["base"] + "/webhooks/rest/feedback"


def test_answers_carry_the_timestamp_the_widget_sends_back(chat, site):
    answers = chat.say("Bonjour")
    assert answers and all(isinstance(a.get("timestamp"), float) for a in answers)
    reply = requests.post(feedback_url(site), json={"sender": chat.sender, "timestamp": answers[0]["timestamp"],
                                                    "value": "down"}, timeout=10)
    assert reply.status_code == 200, reply.text
    [entries] = slot_values(site["db"], chat.sender, "feedback")
    assert entries == [{"ts": answers[0]["timestamp"], "value": "down", "text": answers[0]["text"][:200]}]


def test_feedback_by_the_visitor_message_id(chat, site):
    chat.say("Bonjour")
    [user] = [e for e in events(site["db"], chat.sender) if e["type"] == "user"]
    reply = requests.post(feedback_url(site), json={"sender": chat.sender, "message_id": user["message_id"],
                                                    "value": "up"}, timeout=10)
    assert reply.status_code == 200, reply.text
    assert reply.json()["feedback"]["value"] == "up"


@pytest.mark.parametrize("body", [
    [], "up", {"sender": "x", "timestamp": 1.5}, {"sender": "", "timestamp": 1.5, "value": "up"},
    {"sender": "x", "timestamp": 1.5, "value": "bof"}, {"sender": "x", "value": "up"},
    {"sender": "x", "timestamp": "hier", "value": "up"}, {"sender": "x" * 129, "timestamp": 1.5, "value": "up"},
])
def test_bad_feedback_bodies_get_a_400(site, body):
    reply = requests.post(feedback_url(site), json=body, timeout=10)
    assert reply.status_code == 400
    assert "Requête invalide" in reply.json()["error"]


def test_feedback_for_an_unknown_conversation_or_answer_gets_a_404(chat, site):
    unknown = requests.post(feedback_url(site), json={"sender": "personne-0", "timestamp": 1.5, "value": "up"},
                            timeout=10)
    assert unknown.status_code == 404
    chat.say("Bonjour")
    wrong = requests.post(feedback_url(site), json={"sender": chat.sender, "timestamp": 1.5, "value": "up"},
                          timeout=10)
    assert wrong.status_code == 404


def test_erasing_a_conversation(chat, site):
    chat.say("Bonjour")
    other = Chat(site["rest"])
    other.say("Bonjour")
    url = f"{site['base']}/webhooks/rest/conversations/{chat.sender}"
    assert requests.delete(url, timeout=10).status_code == 204
    assert events(site["db"], chat.sender) == []
    assert events(site["db"], other.sender), "only that visitor's conversation is erased"
    assert requests.delete(url, timeout=10).status_code == 204, "erasing twice is fine"
    assert chat.say("Bonjour"), "the visitor can start again"


@pytest.mark.parametrize("method, path", [("POST", "webhook"), ("POST", "feedback"),
                                          ("DELETE", "conversations/abc")])
def test_cors_preflight_allows_the_widget_origin(site, method, path):
    reply = requests.options(f"{site['base']}/webhooks/rest/{path}", timeout=10, headers={
        "Origin": site["origin"], "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type",
    })
    assert reply.status_code in (200, 204)
    assert reply.headers.get("Access-Control-Allow-Origin") == site["origin"]
    stranger = requests.options(f"{site['base']}/webhooks/rest/{path}", timeout=10, headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": method})
    assert stranger.headers.get("Access-Control-Allow-Origin") != "http://evil.example"
