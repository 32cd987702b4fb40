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
def processed(text: str, intent: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": ranking[0][1]}, "entities": [],
                            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
                            "response_selector": {"faq": {"response": {"confidence": 0.9}}}})
    [result] = RoleHint().process([message])
    return result


def test_an_employers_first_sentence_read_as_a_question_becomes_their_introduction():
    text = "On voudrait embaucher deux commis de cuisine pour notre brasserie, en VAE inversée."
    result = processed(text, "faq", [("faq", 0.74), ("employer_intro", 0.26)])
    assert result.get("intent")["name"] == "employer_intro"
    assert [e["value"] for e in result.get("entities")] == ["employeur"]


def test_a_candidates_project_read_as_an_employers_introduction_gets_the_next_intent():
    result = processed("je veux m'occuper des personnes âgées", "employer_intro",
                       [("employer_intro", 0.6), ("inform", 0.3), ("faq", 0.1)])
    assert result.get("intent") == {"name": "inform", "confidence": 0.3}
    assert result.get("entities") == []


def test_a_question_without_figures_keeps_its_intent():
    result = processed("Je recrute : combien ça coûte à l'employeur ?", "faq", [("faq", 0.9), ("employer_intro", 0.1)])
    assert result.get("intent")["name"] == "faq"


def test_a_message_the_classifier_could_not_place_or_took_for_a_question_that_gives_a_profile_is_a_check():
    text = ("Bonjour madame, monsieur, une conseillère m'a parlé de ce dispositif. J'ai 42 ans, je suis au chômage "
            "et je souhaiterais devenir aide-soignante. Je vous remercie par avance.")
    assert processed(text, "nlu_fallback", [("faq", 0.38), ("check_eligibility", 0.36)]).get("intent")["name"] == \
        "check_eligibility"
    assert processed(text, "faq", [("faq", 0.6)]).get("intent")["name"] == "check_eligibility"
    assert processed("j'ai 30 ans et je suis au chômage, qui paie la formation ?", "faq",
                     [("faq", 0.9)]).get("intent")["name"] == "faq"
    assert processed("bla bla, 30 ans", "nlu_fallback", [("faq", 0.3)]).get("intent")["name"] == "nlu_fallback"


def test_an_employers_message_no_faq_answer_fits_is_their_introduction():
    text = ("Nous sommes une fonderie d'aluminium de 80 salariés et nous avons du mal à recruter. "
            "La VAE inversée peut-elle nous aider ?")
    message = Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.65}, "entities": [],
                            "intent_ranking": [{"name": "faq", "confidence": 0.65}],
                            "response_selector": {"faq": {"response": {"confidence": 0.05}}}})
    [result] = RoleHint().process([message])
    assert result.get("intent")["name"] == "employer_intro"
    message.set("intent", {"name": "faq", "confidence": 0.65})
    message.set("response_selector", {"faq": {"response": {"confidence": 0.8}}})  # a FAQ answer fits: kept
    [result] = RoleHint().process([message])
    assert result.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, intent, expected", [
    ("Suis-je éligible à ce dispositif ?", "nlu_fallback", "check_eligibility"),
    ("est-ce que je peux en bénéficier moi ?", "nlu_fallback", "check_eligibility"),
    ("blabla dispositif", "nlu_fallback", "nlu_fallback"),
    ("suis-je éligible si j'ai 60 ans ?", "faq", "faq"),  # a question the classifier placed keeps its intent
])
def test_asking_about_ones_own_eligibility_is_an_eligibility_check_when_the_classifier_hesitates(text, intent, expected):
    assert processed(text, intent, [(intent, 0.4)]).get("intent")["name"] == expected
