"""Visitors typing Rasa's internal syntax (`/restart`, `/inform{"age": 200}`, `/session_start`…) do not drive
the dialogue: the channels hand such a message over as not understood (kept as typed), and an active form
validates it like any answer. HTML tags are handed over the same way. Checked in the store (the events Rasa
recorded) over REST and over socket.io."""
from __future__ import annotations

import threading
import time
import uuid

import pytest
import socketio

from tests.robustness.conftest import looks_french
from tests.robustness.servers import slot_values, stored_events
from tests.support import Chat

COMMANDS = ["/restart", "/session_start", '/inform{"age": 200}', "/check_eligibility", "/faq", "/nlu_fallback",
            "/stop", '/inform{"age": 30, "sector": "sante"}']


def user_events(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event"] == "user"]


def assert_not_understood(event: dict, typed: str) -> None:
    """The message was recorded as typed, as not understood and without entities (Rasa's own reading would
    give the typed intent and entities)."""
    assert event["text"] == typed
    assert event["parse_data"]["intent"]["name"] == "nlu_fallback", event["parse_data"]
    assert event["parse_data"]["entities"] == []


@pytest.mark.parametrize("typed", COMMANDS)
def test_typed_command_is_not_understood(shared_bot, typed):
    chat = Chat(shared_bot["rest"])
    replies = chat.say(typed)
    assert replies and all(looks_french(r["text"]) for r in replies if "text" in r)
    events = stored_events(shared_bot["db"], chat.sender)
    [message] = user_events(events)
    assert_not_understood(message, typed)
    assert [e["event"] for e in events].count("session_started") == 1
    assert "restart" not in [e["event"] for e in events]
    assert all(v is None for v in slot_values(events, "age"))  # no form was asked for, nothing passed validation


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "<img src=x onerror=alert(document.cookie)>",
                                   "bonjour <b>toi</b>"])
def test_html_is_kept_as_typed_and_not_understood(shared_bot, typed):
    chat = Chat(shared_bot["rest"])
    assert "pas bien compris" in chat.text(typed)
    [message] = user_events(stored_events(shared_bot["db"], chat.sender))
    assert_not_understood(message, typed)


def test_text_with_angle_brackets_but_no_tag_is_read(shared_bot):
    chat = Chat(shared_bot["rest"])
    chat.say("j'ai <26 ans, je peux en profiter ?")
    [message] = user_events(stored_events(shared_bot["db"], chat.sender))
    assert message["parse_data"]["intent"]["name"] not in ("nlu_fallback", "out_of_scope")


def test_typed_age_of_200_never_reaches_the_age_slot(shared_bot):
    chat = Chat(shared_bot["rest"])
    assert "Quel âge" in chat.text("Suis-je éligible ?")
    answer = chat.text('/inform{"age": 200}')
    assert "âge" in answer.lower()  # the form explains and asks again
    chat.say('/inform{"age": 200, "sector": "sante"}')
    events = stored_events(shared_bot["db"], chat.sender)
    assert 200 not in slot_values(events, "age") and 200.0 not in slot_values(events, "age")
    assert all(v is None for v in slot_values(events, "age"))
    assert "Quel âge" not in chat.text("30 ans")  # the form goes on with a real answer
    assert slot_values(stored_events(shared_bot["db"], chat.sender), "age")[-1] == 30


def test_typed_restart_does_not_reset_the_conversation(shared_bot):
    chat = Chat(shared_bot["rest"])
    chat.say("Suis-je éligible ?")
    assert "secteur" in chat.text("30 ans").lower()
    chat.say("/restart")
    answer = chat.text("/session_start")
    assert "Quel âge" not in answer and "Reprenons" not in answer  # neither Rasa's restart nor ours
    events = stored_events(shared_bot["db"], chat.sender)
    kinds = [e["event"] for e in events]
    assert "restart" not in kinds and kinds.count("session_started") == 1
    assert "action_start_over" not in [e.get("name") for e in events]
    assert slot_values(events, "age")[-1] == 30  # the profile is still there


def test_socketio_channel_reads_typed_commands_as_text(shared_bot):
    """The socket.io channel (credentials.yml: bot.adapters.channels.SafeSocketIOInput) applies the same rules."""
    client = socketio.Client(reconnection=False)
    answers: list[dict] = []
    lock = threading.Lock()

    @client.on("bot_uttered")
    def on_answer(data):
        with lock:
            answers.append(data)

    def say(text: str, expected: str = "") -> list[dict]:
        """Send, then wait for an answer containing `expected` and for the channel to fall quiet."""
        with lock:
            answers.clear()
        client.emit("user_uttered", {"message": text, "session_id": session})
        deadline, seen, quiet_since = time.monotonic() + 60, 0, time.monotonic()
        while time.monotonic() < deadline:
            with lock:
                got = list(answers)
            if len(got) != seen:
                seen, quiet_since = len(got), time.monotonic()
            done = any(expected.lower() in a.get("text", "").lower() for a in got)
            if done and time.monotonic() - quiet_since > 1.5:
                return got
            time.sleep(0.1)
        raise AssertionError(f"no answer with {expected!r} to {text!r}: {got}")

    session = f"sio-{uuid.uuid4().hex[:12]}"
    client.connect(shared_bot["base"], transports=["polling"], socketio_path="socket.io")
    try:
        client.emit("session_request", {"session_id": session})
        say("Suis-je éligible ?", "Quel âge")
        say('/inform{"age": 200}', "âge")  # the form explains and asks again
        say("/restart")
        say("   ", "vide")
        say("a" * 5000, "trop long")
    finally:
        client.disconnect()
    events = stored_events(shared_bot["db"], session)
    texts = [e["text"] for e in user_events(events)]
    assert texts == ["Suis-je éligible ?", '/inform{"age": 200}', "/restart"]
    assert_not_understood(user_events(events)[1], '/inform{"age": 200}')
    assert all(v is None for v in slot_values(events, "age"))
    assert "restart" not in [e["event"] for e in events]
