"""Real processes killed and restarted mid-conversation: the action server (the visitor gets a polite French
message, never silence, and the conversation goes on when it is back) and the Rasa server (the SQLite store
keeps the conversation: the eligibility form resumes with its pending question)."""
from __future__ import annotations

import os
import signal

import pytest

from tests.robustness.conftest import looks_french
from tests.robustness.servers import bot_servers, restart, slot_values, stored_events
from tests.support import Chat


@pytest.fixture(scope="module")
def own_bot(tmp_path_factory):
    with bot_servers(tmp_path_factory.mktemp("faults")) as servers:
        yield servers


def kill(server) -> None:
    """SIGKILL, as a crash: no clean shutdown."""
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(30)


def test_action_server_down_gets_a_polite_answer_and_the_form_goes_on_when_it_is_back(own_bot):
    chat = Chat(own_bot["rest"])
    assert "Quel âge" in chat.text("Suis-je éligible ?")
    assert "secteur" in chat.text("30 ans").lower()

    kill(own_bot["actions"])
    try:
        for message in ("maçon", "Comment est financée la VAE inversée ?"):
            replies = chat.say(message)
            texts = [r.get("text", "") for r in replies]
            assert texts and all(t.strip() and looks_french(t) for t in texts), texts
            assert any("problème technique" in t for t in texts), texts
    finally:
        restart(own_bot["actions"])

    answer = chat.text("maçon")
    assert "objectif" in answer.lower(), answer  # the form asks its next question: the sector was accepted
    assert "situation" in chat.text("Trouver un emploi").lower()
    verdict = chat.text("Je suis salarié")
    assert "remplissez la condition d'âge" in verdict and "Constructys" in verdict
    assert slot_values(stored_events(own_bot["db"], chat.sender), "age")[-1] == 30


def test_rasa_restarted_mid_form_resumes_with_the_pending_question(own_bot):
    chat = Chat(own_bot["rest"])
    assert "Quel âge" in chat.text("Suis-je éligible ?")
    assert "secteur" in chat.text("30 ans").lower()

    own_bot["rasa"].stop()  # SIGTERM; the store file stays
    restart(own_bot["rasa"])

    answer = chat.text("maçon")
    assert "objectif" in answer.lower(), answer  # taken as the sector, the answer to the pending question
    events = stored_events(own_bot["db"], chat.sender)
    assert slot_values(events, "sector")[-1] == "btp"
    assert slot_values(events, "age")[-1] == 30
    assert [e["event"] for e in events].count("session_started") == 1  # the same session, not a new one
    assert "situation" in chat.text("Trouver un emploi").lower()
    assert "Constructys" in chat.text("Je suis salarié")
