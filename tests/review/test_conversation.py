"""Reading one conversation from its events (pure): outcome, drop-out question, "not understood", feedback."""
from __future__ import annotations

import random

import pytest

from bot.tools.review.synthetic import Do, Say, Scenario, Set, eligibility, employer, events, faq, misunderstood, with_feedback
from bot.adapters.store.conversation import (ABANDONED, ELIGIBLE, NO_FORM, NOT_ELIGIBLE, UNDETERMINED, read_conversation,
                                    search_key)
from bot.adapters.store.summaries import summary_row

START = 1_767_225_600.0  # 1 January 2026, 01:00 in Paris


def read(scenario: Scenario, **options):
    return read_conversation("visitor", events(scenario, START, **options))


@pytest.mark.parametrize(("scenario", "outcome", "dropped"), [
    (eligibility(random.Random(1), 25, "sante"), ELIGIBLE, None),
    (eligibility(random.Random(1), 14, "btp"), NOT_ELIGIBLE, None),
    (eligibility(random.Random(1), 30, "btp", stop_at="age"), ABANDONED, "age"),
    (eligibility(random.Random(1), 30, "btp", stop_at="goal"), ABANDONED, "goal"),
    (faq(random.Random(1)), NO_FORM, None),
])
def test_outcome_and_drop_out_question(scenario, outcome, dropped):
    conversation = read(scenario)
    assert (conversation.outcome, conversation.dropped_slot) == (outcome, dropped)


def test_verdict_without_age_is_undetermined():
    scenario = Scenario("x", [Set("verdict", {"eligible": None, "sector": "btp"})])
    assert read(scenario).outcome == UNDETERMINED


def test_the_last_verdict_counts_even_after_start_over():
    scenario = eligibility(random.Random(1), 25, "sante")
    scenario.steps += [Say("recommencer", "start_over"), Do("action_start_over", "Reprenons."), Set("verdict", None)]
    assert read(scenario).outcome == ELIGIBLE


def test_sector_role_channel_and_counts():
    conversation = read(eligibility(random.Random(1), 25, "transport"), channel="socketio")
    assert (conversation.sector, conversation.role, conversation.channel) == ("transport", "candidat", "socketio")
    assert len(conversation.user_messages) == 5
    assert conversation.intent_counts() == {"check_eligibility": 1, "inform": 4}
    assert read(employer(random.Random(1))).role == "employeur"


def test_not_understood_by_fallback_intent_low_confidence_or_default_action():
    fallback = read(misunderstood(random.Random(1)))
    assert [m.misunderstood for m in fallback.user_messages] == [True, False]
    low = read(Scenario("low", [Say("bof", "faq", 0.42), Do("action_answer_faq", "…")]))
    assert low.user_messages[0].misunderstood
    confident_but_default = read(Scenario("d", [Say("truc", "faq", 0.9), Do("utter_default", "Je n'ai pas compris.")]))
    assert confident_but_default.user_messages[0].misunderstood
    said_by_an_action = read(Scenario("a", [Say("???", "faq", 1.0), Do("action_answer_faq")]))
    assert not said_by_an_action.user_messages[0].misunderstood
    items = events(Scenario("a", [Say("???", "faq", 1.0), Do("action_answer_faq", "Je n'ai pas compris.")]), START)
    for item in items:
        if item["event"] == "bot":
            item["metadata"] = {"utter_action": "utter_default"}
    assert read_conversation("a", items).user_messages[0].misunderstood
    understood = read(Scenario("ok", [Say("Bonjour", "greet", 0.99), Do("utter_greet", "Bonjour !")]))
    assert understood.misunderstood == []


def test_feedback_is_read_from_the_slot():
    items = with_feedback(events(faq(random.Random(1)), START), "down")
    conversation = read_conversation("v", items)
    assert conversation.feedback_count("down") == 1 and conversation.feedback_count("up") == 0
    assert conversation.feedback[0]["text"].startswith("Avec plaisir")


def test_transcript_keeps_order_and_hides_bookkeeping_slots():
    conversation = read(eligibility(random.Random(1), 25, "sante", stop_at="sector"))
    kinds = [entry.kind for entry in conversation.entries]
    assert kinds[:4] == ["session", "slot", "user", "action"]
    assert not any(entry.kind == "slot" and entry.name == "requested_slot" for entry in conversation.entries)
    assert {"form"} <= set(kinds) and "bot" in kinds


def test_summary_row():
    row = summary_row(read(eligibility(random.Random(1), 25, "sante")), last_event_id=42)
    assert row["day"] == "2026-01-01" and row["last_event_id"] == 42
    assert row["first_message"] == "Suis-je éligible ?"
    assert "suis-je eligible" in row["search_text"]  # accents removed, lower case


def test_search_key():
    assert search_key("Éligible À LA VAE") == "eligible a la vae"


def test_no_events():
    conversation = read_conversation("nobody", [])
    assert conversation.outcome == NO_FORM and conversation.entries == [] and conversation.started_at is None
