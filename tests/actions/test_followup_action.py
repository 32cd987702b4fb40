"""action_follow_up on real rasa_sdk objects: the NLU's own intent is read from the ranking after `follow_up`."""
from rasa_sdk.executor import CollectingDispatcher

from actions.followup import ActionFollowUp, nlu_turn
from tests.actions.conftest import make_tracker, slot_events, texts


def follow_up_tracker(text: str, nlu_intent: str, slots: dict):
    tracker = make_tracker(text, intent="follow_up", confidence=1.0, slots=slots, active_loop=None)
    tracker.latest_message["intent_ranking"] = [{"name": "follow_up", "confidence": 1.0},
                                                {"name": nlu_intent, "confidence": 0.42}]
    return tracker


def test_the_turn_has_the_intent_the_nlu_found():
    turn = nlu_turn(follow_up_tracker("une boulangerie ?", "inform", {}))
    assert (turn.text, turn.intent, turn.confidence) == ("une boulangerie ?", "inform", 0.42)


def test_after_an_opco_answer(dispatcher: CollectingDispatcher, domain):
    tracker = follow_up_tracker("et une salle de sport ?", "nlu_fallback", {"last_answer": "opco/btp"})
    events = ActionFollowUp().run(dispatcher, tracker, domain)
    assert "Afdas" in texts(dispatcher) and slot_events(events) == {"last_answer": "opco/culture_loisirs"}


def test_a_faq_question_that_fits_no_answer_before_gets_its_faq_answer(dispatcher: CollectingDispatcher, domain):
    tracker = follow_up_tracker("Et à 23 ans ?", "faq", {"last_answer": "faq/pay"})
    tracker.latest_message["response_selector"] = {"faq": {"response": {
        "intent_response_key": "faq/pay", "confidence": 0.8, "utter_action": "utter_faq/pay", "responses": []}}}
    events = ActionFollowUp().run(dispatcher, tracker, domain)
    assert "SMIC" in texts(dispatcher) and slot_events(events)["last_answer"] == "faq/pay"


def test_without_a_last_answer_the_nlu_intent_decides(dispatcher: CollectingDispatcher, domain):
    events = ActionFollowUp().run(dispatcher, follow_up_tracker("dans le BTP", "inform", {}), domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "eligibility_form"}]
    assert dispatcher.messages == []
