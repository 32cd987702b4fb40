"""Our NLU component on Rasa's own Message objects: who writes as an employer gets the `role` entity."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.adapters.nlu import RoleHint


def role_entities(text: str, intent: str, confidence: float = 0.9, entities: list | None = None) -> list[dict]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                            "entities": list(entities or [])})
    [processed] = RoleHint().process([message])
    return [e for e in processed.get("entities") if e["entity"] == "role"]


@pytest.mark.parametrize("text,intent", [
    ("Je suis employeur", "employer_intro"),
    ("je dirige une entreprise du BTP", "employer_intro"),
    ("En tant que recruteur, combien ça me coûte ?", "faq"),
    ("on cherche des salariés, qui paie la formation ?", "faq"),
    ("je suis DRH, mon futur salarié de dix-sept ans est-il éligible ?", "check_eligibility"),
    ("nous voulons recruter", "nlu_fallback"),
    ("je voudrais changer la durée", "inform"),  # only the employer form asks for a duration
])
def test_an_employer_is_recognised_from_what_they_write(text, intent):
    [entity] = role_entities(text, intent)
    assert entity["value"] == "employeur" and entity["extractor"] == "RoleHint"
    assert (entity["start"], entity["end"]) == (0, len(text))


@pytest.mark.parametrize("text,intent,confidence", [
    ("Suis-je éligible ?", "check_eligibility", 0.99),
    ("je cherche un employeur", "inform", 0.9),
    ("c'est quoi la vae inversée", "faq", 0.99),
    ("bof", "employer_intro", 0.3),  # an unsure employer_intro is not enough
    ("je voudrais changer mon âge", "inform", 0.9),  # a change the eligibility form asks for
    # Says the word, and that it is not theirs: tagged before, which brought the employer's phrasing back.
    ("non je suis pas employeur, je cherche un emploi", "employer_intro", 0.9),
])
def test_other_messages_get_no_role(text, intent, confidence):
    assert role_entities(text, intent, confidence) == []


def test_other_entities_are_kept():
    sector = {"entity": "sector", "value": "btp", "start": 30, "end": 33, "extractor": "DIETClassifier"}
    message = Message(data={"text": "je dirige une entreprise du BTP", "entities": [sector],
                            "intent": {"name": "employer_intro", "confidence": 0.9}})
    [processed] = RoleHint().process([message])
    assert [e["entity"] for e in processed.get("entities")] == ["sector", "role"]


# --------------------------------------------------------------------------- FollowUpHint

def hinted(text: str, intent: str, entities: list | None = None) -> Message:
    from bot.adapters.followup import FollowUpHint

    ranking = [{"name": intent, "confidence": 0.6}, {"name": "faq", "confidence": 0.3}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking,
                            "entities": list(entities or [])})
    [processed] = FollowUpHint().process([message])
    return processed


@pytest.mark.parametrize("text,intent", [
    ("et pour une boulangerie ?", "inform"), ("et sur 18 mois ?", "faq"), ("et après ?", "nlu_fallback"),
    ("et une salle de sport ?", "find_opco"),
])
def test_a_short_follow_up_is_marked_with_the_nlu_ranking_kept(text, intent):
    processed = hinted(text, intent)
    assert processed.get("intent") == {"name": "follow_up", "confidence": 1.0}
    assert [i["name"] for i in processed.get("intent_ranking")] == ["follow_up", intent, "faq"]


@pytest.mark.parametrize("text,intent,entities", [
    ("et après ?", "greet", []),  # a greeting, a stop, a thank-you are never follow-ups
    ("Quel OPCO pour la restauration ?", "find_opco", []),  # a question of its own
    ("et pour 3 chauffeurs ?", "inform", [{"entity": "role", "value": "employeur"}]),  # an employer's details
])
def test_other_messages_keep_their_intent(text, intent, entities):
    assert hinted(text, intent, entities).get("intent")["name"] == intent
