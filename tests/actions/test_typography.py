"""What the actions say leaves typeset (actions/context.py): texts and button titles, never the payloads."""
from __future__ import annotations

from actions.context import carry_out
from actions.funding import ActionSimulateFunding
from bot.core.dialogue import Decision, Say
from bot.core.say.typography import typeset
from tests.actions.conftest import make_tracker


def test_a_decision_is_uttered_typeset(dispatcher):
    button = {"title": "Suis-je éligible ?", "payload": "Suis-je éligible ?"}
    decision = Decision(say=(Say(text="Plafond : 9 000 € ?", buttons=[button]), Say(response="utter_greet")))
    carry_out(dispatcher, decision)
    first, second = dispatcher.messages
    assert first["text"] == "Plafond\u202f: 9\u202f000\u202f€\u202f?"
    assert first["buttons"] == [{"title": "Suis-je éligible\u202f?", "payload": "Suis-je éligible ?"}]
    assert second["response"] == "utter_greet" and second["text"] is None  # typeset by bot.adapters.nlg


def test_a_real_answer_carries_its_no_break_spaces(dispatcher, domain):
    ActionSimulateFunding().run(dispatcher, make_tracker("15 000 € sur 18 mois", active_loop=None), domain)
    (message,) = dispatcher.messages
    assert "15\u202f000\u202f€" in message["text"] and message["text"] == typeset(message["text"])
    assert all(b["title"] == typeset(b["title"]) for b in message["buttons"])
    assert any(b["payload"].endswith(" ?") for b in message["buttons"])  # payloads as a visitor types them
