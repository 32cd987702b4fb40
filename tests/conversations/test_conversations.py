"""The whole-conversation runner (bot/tools/conversations.py) and the held-out conversations it measures."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.adapters.training import ensure_model
from bot.core.say.typography import typeset
from bot.tools.conversations import (
    HELDOUT_CONVERSATIONS,
    Conversation,
    ConversationRunner,
    Transcript,
    check,
    invariant_breaches,
    load_conversations,
)

REGISTERS = {"formal", "colloquial", "sms", "long", "typos", "employer", "correction", "question", "followup", "mixed"}


def test_the_heldout_conversations_are_well_formed():
    conversations = load_conversations(HELDOUT_CONVERSATIONS)
    assert len(conversations) >= 100
    assert {c.register for c in conversations} <= REGISTERS
    assert {"sms", "employer", "correction", "question"} <= {c.register for c in conversations}
    assert all(c.outcome or c.slots or c.said or c.role for c in conversations), "a conversation expects nothing"


def test_a_bad_outcome_is_refused(tmp_path: Path):
    (tmp_path / "c.yml").write_text("conversations:\n  - id: x\n    turns: [bonjour]\n    expect: {outcome: maybe}\n")
    with pytest.raises(ValueError, match="unknown outcome"):
        load_conversations(tmp_path / "c.yml")


def test_expectations_are_checked():
    conversation = Conversation(id="c", turns=("a", "b"), outcome="verdict", role="candidat",
                                slots={"age": 25, "sector": "sante"}, said=("VAE",))
    good = Transcript(replies=[["Quel âge avez-vous ?"], ["La VAE inversée vous est ouverte."]],
                      actions=["action_eligibility_verdict"], slots={"age": 25.0, "sector": "sante", "role": "candidat"})
    assert check(conversation, good) == []
    bad = Transcript(replies=[["Quel âge avez-vous ?"], ["Dans quel métier ?"]], actions=[],
                     slots={"age": 52.0, "sector": "btp", "role": "employeur"})
    assert check(conversation, bad) == ["no verdict", "role 'employeur', expected 'candidat'",
                                        "age 52.0, expected 25", "sector 'btp', expected 'sante'",
                                        "nothing said matches 'VAE'"]


def test_said_patterns_are_typed_with_ordinary_spaces():
    conversation = Conversation(id="c", turns=("a",), said=("9 000 €", "éligible ?"))
    assert check(conversation, Transcript(replies=[["Plafond de 9\u202f000\u202f€. Suis-je éligible\u202f?"]])) == []


def test_invariants_are_checked_whatever_the_expectations():
    assert invariant_breaches(Transcript(replies=[["Quel est votre objectif ?"], ["Quel est votre objectif ?"]])) == [
        "same reply twice in a row (turn 2)"]
    asked = [["Quel âge avez-vous ?"], ["Noté."]] * 4
    assert invariant_breaches(Transcript(replies=asked)) == ["asked more than 3 times: 'Quel âge avez-vous ?'"]
    assert invariant_breaches(Transcript(actions=["utter_default"])) == ["fallback"]
    assert invariant_breaches(Transcript(actions=["utter_default"]), allow_fallback=True) == []


@pytest.fixture(scope="module")
def runner() -> ConversationRunner:
    return ConversationRunner(ensure_model())


def test_the_runner_plays_a_conversation_with_the_model_and_the_actions(runner):
    conversation = Conversation(id="runner", turns=("Suis-je éligible ?", "25 ans", "aide-soignante",
                                                    "obtenir un diplôme", "je suis salariée"),
                                outcome="verdict", role="candidat",
                                slots={"age": 25, "sector": "sante", "goal": "certification", "situation": "salarie"})
    wrong = Conversation(id="wrong", turns=conversation.turns, slots={"sector": "btp"})

    async def both() -> tuple[Transcript, Transcript]:
        return await runner.run(conversation), await runner.run(wrong)

    transcript, wrong_transcript = asyncio.run(both())
    assert transcript.replies[0] and transcript.replies[0][0].startswith("Quel âge")
    assert "action_eligibility_verdict" in transcript.actions
    assert check(conversation, transcript) == []
    # Typeset as the server sends them: the actions' messages, and the domain's responses (endpoints.yml's nlg).
    texts = [text for reply in transcript.replies for text in reply]
    assert "Quel est votre objectif\u202f?" in texts and all(text == typeset(text) for text in texts)
    assert check(wrong, wrong_transcript) == ["sector 'sante', expected 'btp'"]
