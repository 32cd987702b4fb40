"""The eligibility form's validation on real rasa_sdk objects: extraction, refusals, digressions, corrections."""
import asyncio

import pytest

from actions.eligibility import ActionAskAge, ActionEligibilityVerdict, ActionStartOver, ValidateEligibilityForm
from actions.forms import ActionOutOfScopeInForm
from tests.actions.conftest import make_tracker, slot_events, texts


def validate(dispatcher, domain, **tracker_args) -> dict:
    events = asyncio.run(ValidateEligibilityForm().run(dispatcher, make_tracker(**tracker_args), domain))
    return slot_events(events)


def test_opening_message_fills_age_and_sector(dispatcher, domain):
    slots = validate(dispatcher, domain, intent="check_eligibility",
                           text="J'ai 30 ans, je veux être conducteur routier, suis-je éligible ?")
    assert slots["age"] == 30
    assert slots["sector"] == "transport"
    assert slots["requested_slot"] == "goal"
    assert not dispatcher.messages


def test_opening_message_without_details_asks_age_first(dispatcher, domain):
    slots = validate(dispatcher, domain, intent="check_eligibility", text="Suis-je éligible ?")
    assert slots == {"requested_slot": "age", "role": "candidat"}


@pytest.mark.parametrize("answer,age", [("25", 25), ("j'ai 19 ans", 19), ("dix-neuf ans", 19),
                                        ("vingt et un", 21), ("née en 1988", 37)])
def test_age_answers(dispatcher, domain, answer, age):
    slots = validate(dispatcher, domain, text=answer, requested="age")
    assert slots["age"] == age
    assert slots["requested_slot"] == "sector"


@pytest.mark.parametrize("answer,why", [("trois cents ans", "pas possible"), ("j'ai 300 ans", "plus de 120 ans"),
                                        ("-3", "négatif"), ("2", "faute de frappe"), ("beaucoup", "pas compris")])
def test_impossible_or_unclear_age_is_asked_again_with_an_explanation(dispatcher, domain, answer, why):
    slots = validate(dispatcher, domain, text=answer, requested="age")
    assert slots["age"] is None
    assert slots["form_failures"] == {"age": 1}
    assert slots["requested_slot"] == "age"
    assert why in texts(dispatcher)


def test_after_repeated_failures_age_ranges_are_offered(dispatcher, domain):
    tracker = make_tracker(requested="age", slots={"form_failures": {"age": 2}})
    ActionAskAge().run(dispatcher, tracker, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "Passer" in titles and "Moins de 16 ans" in titles


def test_skip_removes_the_question(dispatcher, domain):
    slots = validate(dispatcher, domain, text="passer", requested="age")
    assert slots["skipped_slots"] == ["age"]
    assert slots["requested_slot"] == "sector"


def test_a_question_mid_form_is_left_to_the_rules(dispatcher, domain):
    slots = validate(dispatcher, domain, text="attendez, qui finance ?", intent="faq", requested="goal",
                           slots={"age": 30, "sector": "sante"})
    assert "goal" not in slots and "age" not in slots
    assert not dispatcher.messages


def test_stop_is_not_read_as_an_answer(dispatcher, domain):
    slots = validate(dispatcher, domain, text="laisse tomber", intent="stop", requested="sector",
                           slots={"age": 30})
    assert "sector" not in slots


def test_correction_replaces_the_age(dispatcher, domain):
    slots = validate(dispatcher, domain, text="en fait j'ai 15 ans", requested=None,
                           slots={"age": 30, "sector": "btp", "goal": "emploi", "situation": "salarie"})
    assert slots["age"] == 15


def test_unknown_sector_is_kept_as_autre(dispatcher, domain):
    slots = validate(dispatcher, domain, text="astronaute", requested="sector", slots={"age": 30})
    assert slots["sector"] == "autre"
    assert slots["sector_raw"] == "astronaute"


def test_verdict_for_an_adult_after_the_window_is_eligible_and_dated(dispatcher, domain):
    tracker = make_tracker(slots={"age": 25, "sector": "sante", "goal": "emploi", "situation": "demandeur_emploi"})
    events = ActionEligibilityVerdict().run(dispatcher, tracker, domain)
    message = texts(dispatcher)
    assert "28 février 2026" in message
    assert "pas éligible" not in message.lower()
    assert "OPCO Santé" in message
    assert slot_events(events)["verdict"]["eligible"] is True


def test_verdict_under_16_says_not_yet(dispatcher, domain):
    tracker = make_tracker(slots={"age": 15, "birth_date": "2011-03-03", "sector": "btp", "goal": "emploi",
                                  "situation": "etudiant"})
    events = ActionEligibilityVerdict().run(dispatcher, tracker, domain)
    assert slot_events(events)["verdict"]["eligible"] is False
    assert "3 mars 2027" in texts(dispatcher)


def test_start_over_forgets_the_profile(dispatcher, domain):
    events = ActionStartOver().run(dispatcher, make_tracker(slots={"age": 30, "sector": "btp"}), domain)
    slots = slot_events(events)
    assert slots["age"] is None and slots["sector"] is None and slots["requested_slot"] is None


@pytest.mark.parametrize("text,intent", [("quels secteurs sont concernés ?", "faq"), ("c'est quoi un OPCO ?", "faq"),
                                         ("t'es un robot ?", "bot_challenge"), ("merci", "thank"),
                                         ("pfff c long", "interjection")])
def test_a_question_at_the_job_question_is_not_taken_for_a_job(dispatcher, domain, text, intent):
    # Any text was kept as an unknown job ("autre"): the question went unanswered and the form moved on.
    slots = validate(dispatcher, domain, text=text, intent=intent, requested="sector", slots={"age": 30})
    assert "sector" not in slots and "sector_raw" not in slots
    assert slots["requested_slot"] == "sector"


def test_an_age_correction_at_the_job_question_is_an_age_not_a_job(dispatcher, domain):
    slots = validate(dispatcher, domain, text="non en fait j'ai 19 ans", requested="sector", slots={"age": 30})
    assert slots["age"] == 19
    assert slots.get("sector") is None and "sector_raw" not in slots
    assert slots["requested_slot"] == "sector"


def test_an_unknown_job_is_still_taken_as_it_comes(dispatcher, domain):
    slots = validate(dispatcher, domain, text="astronaute", requested="sector", slots={"age": 30})
    assert slots["sector"] == "autre" and slots["sector_raw"] == "astronaute"
    assert slots["requested_slot"] == "goal"


@pytest.mark.parametrize("text", ["je bosse en intérim", "au chomage, avant j'etais chauffeur"])
def test_answering_the_situation_does_not_replace_the_sector_chosen_before(dispatcher, domain, text):
    slots = validate(dispatcher, domain, text=text, requested="situation",
                     slots={"age": 30, "sector": "artisanat_alimentaire", "sector_raw": "boulangerie", "goal": "emploi"})
    assert "sector" not in slots
    assert slots["situation"] in ("salarie", "demandeur_emploi")


def test_a_marked_correction_still_replaces_an_earlier_answer(dispatcher, domain):
    slots = validate(dispatcher, domain, text="en fait je veux être maçon, et je suis salarié", requested="situation",
                     slots={"age": 30, "sector": "artisanat_alimentaire", "sector_raw": "boulangerie", "goal": "emploi"})
    assert slots["sector"] == "btp" and slots["situation"] == "salarie"



def test_a_public_employer_in_the_job_is_flagged_in_the_verdict(dispatcher, domain):
    tracker = make_tracker(active_loop=None, slots={"age": 30, "sector": "sante",
                                                    "sector_raw": "aide soignante a l'hopital public"})
    ActionEligibilityVerdict().run(dispatcher, tracker, domain)
    assert "ne peut pas signer ce contrat" in texts(dispatcher)


FULL_PROFILE = {"age": 30, "birth_date": None, "sector": "btp", "sector_raw": "maçon", "goal": "emploi",
                "situation": "salarie"}


@pytest.mark.parametrize("text,cleared,asked", [
    ("je voudrais changer mon âge", ("age", "birth_date"), "age"),
    ("je me suis trompé de secteur", ("sector", "sector_raw"), "sector"),
    ("je dois corriger ma situation", ("situation",), "situation"),
])
def test_asking_to_change_an_answer_after_the_verdict_asks_it_again(dispatcher, domain, text, cleared, asked):
    slots = validate(dispatcher, domain, text=text, requested=None, slots=FULL_PROFILE)
    assert all(slots[slot] is None for slot in cleared)
    assert slots["requested_slot"] == asked
    assert "modifions" in texts(dispatcher)
    assert set(slots) - {"requested_slot", "skipped_slots", *cleared} <= {"role"}


def test_a_change_that_gives_the_new_value_takes_it_at_once(dispatcher, domain):
    slots = validate(dispatcher, domain, text="je me suis trompé d'âge, j'ai 31 ans", requested=None, slots=FULL_PROFILE)
    assert slots["age"] == 31 and slots["requested_slot"] is None


def test_asking_to_change_a_skipped_answer_asks_it(dispatcher, domain):
    slots = validate(dispatcher, domain, text="finalement je veux modifier mon âge", requested="goal",
                     slots={**FULL_PROFILE, "age": None, "goal": None, "skipped_slots": ["age"]})
    assert slots["skipped_slots"] == [] and slots["requested_slot"] == "age"
    assert not dispatcher.messages  # nothing was given, so nothing is "modified"


def test_changing_ones_job_is_a_goal_not_a_change_request(dispatcher, domain):
    slots = validate(dispatcher, domain, text="je veux changer de métier", requested="goal",
                     slots={"age": 30, "sector": "btp", "sector_raw": "maçon"})
    assert slots["goal"] == "reconversion" and "sector" not in slots


def test_an_unknown_job_the_nlu_took_for_out_of_scope_is_still_the_answer(dispatcher, domain):
    slots = validate(dispatcher, domain, text="astronaute en mission", intent="out_of_scope", confidence=0.6,
                     requested="sector", slots={"age": 30})
    assert slots["sector"] == "autre" and slots["sector_raw"] == "astronaute en mission"


def test_a_real_out_of_scope_question_at_the_job_question_is_not_taken_for_a_job(dispatcher, domain):
    slots = validate(dispatcher, domain, text="quelle est la capitale de l'Australie ?", intent="out_of_scope",
                     confidence=0.9, requested="sector", slots={"age": 30})
    assert "sector" not in slots


@pytest.mark.parametrize("text,requested,answered", [
    ("commis de cuisine", "sector", False),  # a job, said in a form that asks for one
    ("quelle est la capitale de l'Australie ?", "sector", True),
    ("je voudrais réserver un billet de train pour Lyon demain matin", "sector", True),  # too long for an answer
    ("commis de cuisine", "goal", True),  # the goal question is not free text
])
def test_the_out_of_scope_answer_in_a_form_spares_a_free_text_answer(dispatcher, domain, text, requested, answered):
    tracker = make_tracker(text, intent="out_of_scope", requested=requested, slots={"age": 30})
    ActionOutOfScopeInForm().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == (["utter_out_of_scope"] if answered else [])


def buttons(dispatcher) -> list[str]:
    return [b["title"] for m in dispatcher.messages for b in m.get("buttons") or []]


def test_asking_to_change_an_unnamed_answer_after_the_verdict_offers_the_answers(dispatcher, domain):
    slots = validate(dispatcher, domain, text="je voudrais modifier une réponse", requested=None,
                     slots={**FULL_PROFILE, "situation": None, "skipped_slots": ["situation"]})
    assert "Quelle réponse" in texts(dispatcher)
    assert buttons(dispatcher) == ["Mon âge", "Mon métier", "Mon objectif"]  # the skipped one was not given
    assert slots["skipped_slots"] == ["situation"] and all(slots.get(s) is None for s in ("age", "sector", "goal"))
    assert slots["requested_slot"] is None  # nothing is asked until the visitor chooses
    verdict = ActionEligibilityVerdict().run(dispatcher, make_tracker("je voudrais modifier une réponse",
                                                                      active_loop=None, slots=FULL_PROFILE), domain)
    assert verdict == [] and len(dispatcher.messages) == 1  # and the verdict is not sent again meanwhile


def test_asking_to_change_an_unnamed_answer_mid_form_offers_those_given_then_asks_again(dispatcher, domain):
    slots = validate(dispatcher, domain, text="je me suis trompé", requested="goal",
                     slots={"age": 30, "sector": "btp", "sector_raw": "maçon"})
    assert buttons(dispatcher) == ["Mon âge", "Mon métier"]
    assert slots["requested_slot"] == "goal" and "age" not in slots


def test_asking_to_change_an_answer_before_any_is_given_says_so(dispatcher, domain):
    validate(dispatcher, domain, text="je veux modifier ma réponse", requested="age")
    assert "aucune réponse" in texts(dispatcher) and not buttons(dispatcher)


@pytest.mark.parametrize("form,validator_slots", [
    ("eligibility", FULL_PROFILE),
    ("employer", {"sector": "btp", "jobs_to_fill": "des maçons", "hires": 2, "contract_months": 12}),
])
def test_each_button_offered_asks_its_answer_again(dispatcher, domain, form, validator_slots):
    from actions.employer import ValidateEmployerForm
    validator = ValidateEligibilityForm if form == "eligibility" else ValidateEmployerForm
    for key, button in validator.change_buttons.items():
        collected = type(dispatcher)()
        tracker = make_tracker(button["payload"], requested=None, slots=validator_slots, active_loop=f"{form}_form")
        slots = slot_events(asyncio.run(validator().run(collected, tracker, domain)))
        assert slots["requested_slot"] == validator.changeable[key][0], button


def test_an_employer_checking_a_candidate_after_the_plan_stays_in_this_form(dispatcher, domain):
    employer = {"role": "employeur", "sector": "btp", "jobs_to_fill": "des maçons", "hires": 2,
                "contract_months": 12}
    slots = validate(dispatcher, domain, text="il a 25 ans", requested=None, active_loop=None, slots=employer)
    assert slots["age"] == 25 and slots["requested_slot"] == "goal"


@pytest.mark.parametrize("requested,slots", [("age", {}), ("sector", {"age": 30}), ("goal", {"age": 30, "sector": "btp"})])
@pytest.mark.parametrize("text", ["Suis-je éligible ?", "continuer le test"])
def test_asking_for_the_test_during_the_test_asks_the_question_again(dispatcher, domain, requested, slots, text):
    # The "Suis-je éligible ?" button of some answers got "Je n'ai pas compris votre âge", or became the job.
    got = validate(dispatcher, domain, text=text, intent="check_eligibility", requested=requested, slots=slots)
    assert got["requested_slot"] == requested and requested not in got
    assert not dispatcher.messages


def test_a_value_said_while_asking_for_the_test_is_taken(dispatcher, domain):
    got = validate(dispatcher, domain, text="j'ai 30 ans, suis-je éligible ?", intent="check_eligibility",
                   requested="age")
    assert got["age"] == 30 and got["requested_slot"] == "sector"


def test_a_birth_date_given_at_the_job_question_corrects_the_age(dispatcher, domain):
    # It was kept as the job, and the verdict said "Vous remplissez la condition d'âge" to an 11-year-old.
    slots = validate(dispatcher, domain, text="né le 12/03/2015", requested="sector", slots={"age": 25})
    assert slots["age"] == 11 and slots["requested_slot"] == "sector" and "sector" not in slots


@pytest.mark.parametrize("text,intent", [("oui", "affirm"), ("non", "deny")])
def test_yes_or_no_at_the_job_question_is_no_job(dispatcher, domain, text, intent):
    slots = validate(dispatcher, domain, text=text, intent=intent, requested="sector", slots={"age": 30})
    assert slots["sector"] is None and slots["requested_slot"] == "sector"
    assert "métier ou un secteur" in texts(dispatcher)
