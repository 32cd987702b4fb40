"""A sample of the generated visitors (bot/tools/simulator.py) played over REST against the real servers, and
checked with the in-process runner's own checks (bot/tools/conversations.check): the same expectations and
invariants, through the channel, the action server and the store a visitor goes through."""
from __future__ import annotations

from datetime import date

import pytest

from bot.tools.conversations import Transcript, check
from bot.tools.simulator import visitors
from tests.e2e.recorded import recorded
from tests.support import REFERENCE_DATE, Chat

SAMPLE, SEED = 20, 2026
# Ages said as birth dates are computed for the servers' reference date.
SAMPLE_VISITORS = visitors(SAMPLE, SEED, today=date.fromisoformat(REFERENCE_DATE))


def test_the_sample_has_candidates_and_employers():
    assert {v.outcome for v in SAMPLE_VISITORS} == {"verdict", "plan"}


@pytest.mark.parametrize("visitor", SAMPLE_VISITORS, ids=[v.id for v in SAMPLE_VISITORS])
def test_a_generated_visitor_passes_over_rest(servers, visitor):
    chat = Chat(servers["rest"])
    replies = [[m["text"] for m in chat.say(turn) if m.get("text")] for turn in visitor.turns]
    actions, slots = recorded(servers["db"], chat.sender)
    assert check(visitor, Transcript(replies=replies, actions=actions, slots=slots)) == []
