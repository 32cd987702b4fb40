"""The dialogue's decisions on plain values (no tracker): the generic form policy and the eligibility form.

The policy is first checked on a toy form whose readers are trivial, so that each rule is seen alone, then on
the eligibility form's real readers.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from bot.core.dialogue import Decision, Say, State, Turn, eligibility_form, form
from bot.core.dialogue.decision import SURE_INTENT
from bot.core.dialogue.slots import PENDING, returning_employer
from bot.core.knowledge import load
from bot.core.read.reading import Reading
from bot.core.say.buttons import AGE_RANGE_BUTTONS, CLOSED_VERDICT_BUTTONS
from bot.core.say.forms import (
    REWORDED,
    AGE_RANGES_OFFER,
    CHANGE_CONFIRMED,
    NOT_UNDERSTOOD,
    NOTHING_TO_CHANGE,
    QUESTION_SKIPPED,
    SECTOR_PROBLEM,
    WHICH_ANSWER,
)

TODAY = date(2026, 11, 15)
K = load()


def state(form_name: str | None = "eligibility_form", requested: str | None = None, **slots) -> State:
    return State(slots={"requested_slot": requested, **slots}, form=form_name, today=TODAY, knowledge=K)


def texts(decision: Decision) -> list[str | None]:
    return [message.text for message in decision.say]


# --------------------------------------------------------------------------- the policy, on a toy form

COLOURS = ("rouge", "bleu")


def colour_answer(turn: Turn, st: State) -> Reading:
    word = next((c for c in COLOURS if c in turn.text), None)
    if word:
        return Reading(word)
    if turn.text.startswith("couleur "):
        return Reading(turn.text, recognised=False)  # kept as it came, like an unknown job
    return Reading(problem="Quelle couleur ?")


def colour_mention(turn: Turn, st: State) -> Reading:
    return Reading(next((c for c in COLOURS if c in turn.text), None))


def size_answer(turn: Turn, st: State) -> Reading:
    number = re.search(r"\d+", turn.text)
    return Reading(int(number.group()), {"unit": "cm"}) if number else Reading()


TOY = form.FormSpec(
    name="toy_form",
    answer_readers={"colour": colour_answer, "size": size_answer},
    mention_readers={"colour": colour_mention, "size": size_answer},
    changeable={"goal": ("colour",), "situation": ("size", "unit")},
    change_buttons={"goal": {"title": "La couleur", "payload": "changer mon objectif"},
                    "situation": {"title": "La taille", "payload": "corriger ma situation"}},
)
TOY_SLOTS = ["colour", "size"]


def toy(text: str, requested: str | None = "colour", intent: str = "inform", confidence: float = 0.9,
        **slots) -> Decision:
    return form.extract(TOY, Turn(text, intent, confidence), state("toy_form", requested, **slots), TOY_SLOTS)


def test_an_answer_fills_the_requested_slot_and_what_goes_with_it():
    assert toy("42", requested="size").slots == {"size": 42, "unit": "cm"}
    assert toy("rouge").slots == {"colour": "rouge"}
    assert not toy("rouge").say and not toy("rouge").ask_again


def test_a_value_of_another_slot_said_in_passing_is_taken():
    assert toy("rouge, taille 38").slots == {"size": 38, "unit": "cm", "colour": "rouge"}


def test_a_value_said_in_passing_does_not_replace_a_known_one_unless_the_message_corrects():
    assert toy("rouge, taille 38", size=40).slots == {"colour": "rouge"}
    assert toy("en fait rouge, taille 38", size=40).slots == {"size": 38, "unit": "cm", "colour": "rouge"}


def test_a_control_intent_is_no_answer_when_sure():
    assert toy("rouge", intent="stop", confidence=SURE_INTENT) == Decision()
    assert toy("rouge", intent="start_over", confidence=0.9) == Decision()
    assert toy("rouge", intent="stop", confidence=SURE_INTENT - 0.01).slots == {"colour": "rouge"}


def test_a_digression_is_left_to_the_rules_unless_it_holds_a_plain_answer():
    assert toy("c'est quoi une couleur ?", intent="faq") == Decision()
    assert toy("couleur de ciel", intent="faq") == Decision()  # a free-text answer is not enough
    assert toy("rouge", intent="faq").slots == {"colour": "rouge"}  # a recognised answer is
    # Nothing said in passing is taken from a digression either.
    assert toy("rouge, taille 38", intent="chitchat").slots == {"colour": "rouge"}


def test_a_free_text_answer_gives_way_to_another_slot_or_a_skip():
    assert toy("couleur de ciel").slots == {"colour": "couleur de ciel"}
    assert toy("couleur de ciel taille 38").slots == {"size": 38, "unit": "cm"}
    assert toy("couleur de ciel", intent="dont_know").slots == {"colour": None, "skipped_slots": ["colour"]}


@pytest.mark.parametrize("text,intent", [("passer", "inform"), ("je ne sais pas", "inform"), ("bof", "dont_know"),
                                         ("Je préfère ne pas répondre.", "deny")])
def test_a_skip_empties_the_slot_and_lists_it_as_skipped(text, intent):
    decision = toy(text, intent=intent, skipped_slots=["size"])
    assert decision.slots == {"colour": None, "skipped_slots": ["size", "colour"]}
    assert not decision.say


def test_an_unreadable_answer_is_explained_and_counted():
    decision = toy("vert")
    assert decision.slots == {"colour": None, "form_failures": {"colour": 1}}
    assert texts(decision) == ["Quelle couleur ?"]
    again = toy("vert", form_failures={"colour": 1, "size": 3})
    assert again.slots["form_failures"] == {"colour": 2, "size": 3}


def test_an_unreadable_answer_without_an_explanation_gets_the_generic_one():
    decision = toy("beaucoup", requested="size")
    assert texts(decision) == [NOT_UNDERSTOOD] and decision.slots["form_failures"] == {"size": 1}


def test_another_slot_given_instead_is_kept_without_a_failure():
    assert toy("vert, taille 38").slots == {"size": 38, "unit": "cm"}


def test_a_good_answer_resets_its_failures_and_only_when_there_were_some():
    assert toy("rouge", form_failures={"colour": 2, "size": 1}).slots == {
        "colour": "rouge", "form_failures": {"colour": 0, "size": 1}}
    assert "form_failures" not in toy("rouge", form_failures={"size": 1}).slots


def test_outside_the_form_only_mentions_are_read():
    assert toy("rouge taille 38", requested=None).slots == {"colour": "rouge", "size": 38, "unit": "cm"}
    assert toy("rien", requested=None) == Decision()


def test_a_named_change_empties_the_answer_and_asks_it_again():
    decision = toy("je voudrais corriger ma situation", requested=None, size=38, unit="cm", skipped_slots=["colour"])
    assert decision.slots == {"size": None, "unit": None, "skipped_slots": ["colour"]}
    assert texts(decision) == [CHANGE_CONFIRMED]


def test_a_named_change_of_a_skipped_answer_unskips_it_silently():
    decision = toy("je voudrais corriger ma situation", requested="colour", skipped_slots=["size"])
    assert decision.slots == {"size": None, "unit": None, "skipped_slots": []} and not decision.say


def test_a_named_change_that_gives_the_new_value_is_no_change_request():
    assert form.change_request(TOY, Turn("je veux changer mon objectif : bleu", "inform", 0.9),
                               state("toy_form", colour="rouge")) is None
    assert toy("je veux changer mon objectif : bleu", requested=None, colour="rouge").slots == {"colour": "bleu"}


def test_an_unnamed_change_offers_the_answers_given_and_asks_again():
    decision = toy("je voudrais modifier une réponse", requested="size", colour="rouge", skipped_slots=["x"])
    assert decision.ask_again and decision.slots == {"skipped_slots": ["x"]}
    assert decision.say == (Say(text=WHICH_ANSWER, buttons=[{"title": "La couleur", "payload": "changer mon objectif"}]),)


def test_an_unnamed_change_before_any_answer_says_there_is_none():
    decision = toy("je me suis trompé")
    assert decision.ask_again and texts(decision) == [NOTHING_TO_CHANGE] and not decision.say[0].buttons
    assert form.asks_which_answer("je voudrais modifier une réponse")
    assert not form.asks_which_answer("je voudrais modifier mon âge")


def test_required_slots_leave_out_the_skipped():
    assert form.required_slots(["a", "b", "c"], state(skipped_slots=["b"])) == ["a", "c"]


def test_a_form_that_starts_clears_what_was_pending_last():
    decision = form.pending_cleared(Decision({"a": 1}), state(pending_question="opco_sector"))
    assert list(decision.slots.items()) == [("a", 1), (PENDING, None)]
    assert form.pending_cleared(Decision({"a": 1}), state()) == Decision({"a": 1})


@pytest.mark.parametrize("text,requested,form_name,free", [
    ("commis de cuisine", "sector", "eligibility_form", True),
    ("commis de cuisine", "jobs_to_fill", "employer_form", True),
    ("commis de cuisine", "jobs_to_fill", "eligibility_form", False),  # not this form's question
    ("commis de cuisine", "goal", "eligibility_form", False),  # not a free-text question
    ("quelle est la capitale de l'Australie ?", "sector", "eligibility_form", False),  # a question
    ("je voudrais réserver un billet de train pour Lyon demain", "sector", "eligibility_form", False),  # too long
])
def test_a_free_text_answer_taken_for_out_of_scope(text, requested, form_name, free):
    turn, st = Turn(text, "out_of_scope", 0.6), state(form_name, requested)
    assert form.free_text_answer(turn, st) is free
    assert form.out_of_scope_in_form(turn, st) == (
        Decision() if free else Decision(say=(Say(response="utter_out_of_scope"),)))
    assert not form.free_text_answer(Turn(text, "inform", 0.6), st)


# --------------------------------------------------------------------------- the eligibility form

ELIGIBILITY_SLOTS = ["age", "sector", "goal", "situation"]
FULL_PROFILE = {"age": 30, "birth_date": None, "sector": "btp", "sector_raw": "maçon", "goal": "emploi",
                "situation": "salarie"}
EMPLOYER_ANSWERS = {"role": "employeur", "sector": "btp", "sector_raw": "BTP", "jobs_to_fill": "des maçons",
                    "hires": 2, "contract_months": 12}


def eligibility(text: str, requested: str | None = None, intent: str = "inform", confidence: float = 0.95,
                form_name: str | None = "eligibility_form", **slots) -> Decision:
    return eligibility_form.extraction(Turn(text, intent, confidence), state(form_name, requested, **slots),
                                       ELIGIBILITY_SLOTS)


def test_the_readers_return_readings():
    st = state(requested="age")
    assert eligibility_form.age_answer(Turn("née le 12/03/2000"), st) == Reading(26, {"birth_date": "2000-03-12"})
    assert "négatif" in eligibility_form.age_answer(Turn("-3"), st).problem
    assert eligibility_form.sector_answer(Turn("aide-soignante"), st).value == "sante"
    assert eligibility_form.sector_answer(Turn("astronaute"), st) == Reading("autre", {"sector_raw": "astronaute"},
                                                                           recognised=False)
    assert eligibility_form.sector_mention(Turn("je veux être maçon"), st).value == "btp"
    assert eligibility_form.sector_mention(Turn("astronaute"), st) == Reading()
    assert eligibility_form.goal_answer(Turn("blabla"), st).problem.startswith("Je n'ai pas compris votre objectif")
    assert eligibility_form.goal_mention(Turn("blabla"), st) == Reading()


@pytest.mark.parametrize("text,intent,confidence,refused", [
    ("oui", "affirm", 0.9, True), ("non", "deny", 0.9, True), ("12", "inform", 0.9, True),
    ("oui", "affirm", SURE_INTENT - 0.1, False),  # not sure enough: an unknown job
])
def test_no_job_at_the_job_question(text, intent, confidence, refused):
    reading = eligibility_form.sector_answer(Turn(text, intent, confidence), state(requested="sector"))
    assert (reading.problem == SECTOR_PROBLEM) is refused and (reading.value is None) is refused


def test_an_answer_makes_an_unknown_visitor_a_candidate_last():
    decision = eligibility("25", requested="age")
    assert list(decision.slots.items()) == [("age", 25), ("birth_date", None), ("role", "candidat")]
    assert "role" not in eligibility("25", requested="age", role="employeur").slots


def test_the_opening_message_fills_what_it_says():
    decision = eligibility("J'ai 30 ans, je veux être conducteur routier, suis-je éligible ?",
                           intent="check_eligibility", role="candidat")
    assert decision.slots == {"age": 30, "birth_date": None, "sector": "transport",
                              "sector_raw": "J'ai 30 ans, je veux être conducteur routier, suis-je éligible ?"}


@pytest.mark.parametrize("requested", ["age", "sector", "goal"])
def test_asking_for_the_test_during_the_test_asks_again(requested):
    decision = eligibility("Suis-je éligible ?", requested=requested, intent="check_eligibility",
                           role="candidat", skipped_slots=["situation"])
    assert decision.ask_again and decision.slots == {"skipped_slots": ["situation"]} and not decision.say


def test_a_value_said_while_asking_for_the_test_is_taken():
    decision = eligibility("j'ai 30 ans, suis-je éligible ?", requested="age", intent="check_eligibility",
                           role="candidat")
    assert decision.slots == {"age": 30, "birth_date": None} and not decision.ask_again


def test_an_age_correction_at_the_job_question_is_an_age_not_a_job():
    decision = eligibility("non en fait j'ai 19 ans", requested="sector", age=30, role="candidat")
    assert decision.slots == {"age": 19, "birth_date": None}


def test_a_situation_does_not_replace_the_job_unless_it_corrects_it():
    known = {"age": 30, "sector": "artisanat_alimentaire", "sector_raw": "boulangerie", "goal": "emploi",
             "role": "candidat"}
    assert eligibility("je bosse en intérim", requested="situation", **known).slots == {"situation": "salarie"}
    corrected = eligibility("en fait je veux être maçon, et je suis salarié", requested="situation", **known)
    assert corrected.slots["sector"] == "btp" and corrected.slots["situation"] == "salarie"


def test_an_unknown_job_the_nlu_took_for_out_of_scope_is_the_answer():
    decision = eligibility("astronaute en mission", requested="sector", intent="out_of_scope", confidence=0.6,
                           age=30, role="candidat")
    assert decision.slots == {"sector": "autre", "sector_raw": "astronaute en mission"}
    assert eligibility("quelle est la capitale de l'Australie ?", requested="sector", intent="out_of_scope",
                       confidence=0.9, age=30, role="candidat") == Decision()


def test_a_named_change_after_the_verdict():
    decision = eligibility("je voudrais changer mon âge", role="candidat", **FULL_PROFILE)
    assert decision.slots == {"age": None, "birth_date": None, "skipped_slots": []}
    assert texts(decision) == [CHANGE_CONFIRMED]


def test_changing_ones_job_is_a_goal_not_a_change_request():
    decision = eligibility("je veux changer de métier", requested="goal", age=30, sector="btp", role="candidat")
    assert decision.slots == {"goal": "reconversion"}


def test_an_unnamed_change_offers_the_eligibility_answers_given():
    decision = eligibility("je voudrais modifier une réponse", role="candidat",
                           **{**FULL_PROFILE, "situation": None, "skipped_slots": ["situation"]})
    assert [b["title"] for b in decision.say[0].buttons] == ["Mon âge", "Mon métier", "Mon objectif"]
    assert decision.slots == {"skipped_slots": ["situation"]}


def test_a_failure_at_the_age_question_is_counted_and_explained():
    decision = eligibility("j'ai 300 ans", requested="age", role="candidat", form_failures={"age": 1})
    assert decision.slots == {"age": None, "form_failures": {"age": 2}}
    assert "plus de 120 ans" in texts(decision)[0]


@pytest.mark.parametrize("failures,said", [({}, Say(response="utter_ask_age")), ({"age": 1}, Say(response="utter_ask_age")),
                                           ({"age": 2}, Say(text=AGE_RANGES_OFFER, buttons=AGE_RANGE_BUTTONS))])
def test_the_age_question_offers_ranges_after_two_failures(failures, said):
    assert eligibility_form.ask_age(state(requested="age", form_failures=failures)) == Decision(say=(said,))


# --------------------------------------------------------------------------- an employer's answer after the plan


@pytest.mark.parametrize("text,handed_over", [
    ("en fait 24 mois", True), ("2 ans", True), ("je voudrais modifier une réponse", True),
    ("il a 25 ans", False),  # an age: about a candidate
    ("il veut trouver un emploi", False),  # a goal
])
def test_an_employers_answer_after_the_plan_goes_to_the_employer_form(text, handed_over):
    turn, st = Turn(text, "inform", 0.9), state(None, None, **EMPLOYER_ANSWERS)
    assert eligibility_form.employer_answer(turn, st) is handed_over
    assert (eligibility_form.required_slots(ELIGIBILITY_SLOTS, turn, st) == []) is handed_over
    verdict = eligibility_form.eligibility_verdict(turn, st)
    assert (verdict == Decision(followup="employer_form")) is handed_over
    if handed_over:
        assert eligibility_form.extraction(turn, st, ELIGIBILITY_SLOTS) == Decision()


@pytest.mark.parametrize("slots,intent", [
    ({**EMPLOYER_ANSWERS, "role": "candidat"}, "inform"),  # not an employer
    ({**EMPLOYER_ANSWERS, "requested_slot": "age"}, "inform"),  # a form is asking
    (EMPLOYER_ANSWERS, "faq"),  # not an answer
    ({**EMPLOYER_ANSWERS, "age": 25}, "inform"),  # a candidate's answer was given already
    ({**EMPLOYER_ANSWERS, "skipped_slots": ["goal"]}, "inform"),
])
def test_no_hand_over_otherwise(slots, intent):
    assert not eligibility_form.employer_answer(Turn("en fait 24 mois", intent, 0.9), state(None, **slots))


@pytest.mark.parametrize("text,handed_over", [
    ("Des préparateurs en pharmacie.", True),  # a job
    ("trois maçons", True),  # people counted by their job
    ("je voudrais modifier une réponse", False),  # nothing to change yet
    ("elle a 25 ans", False),  # about a candidate
    ("d'accord", False),
])
def test_a_known_employer_naming_whom_they_hire_goes_to_the_employer_form(text, handed_over):
    # Known as an employer (an earlier message was written as one), no form asked yet: "Pharmacienne titulaire
    # d'une officine, comment recruter ?" got the FAQ answer, then the jobs come.
    turn, st = Turn(text, "inform", 0.9), state(None, None, role="employeur")
    assert eligibility_form.employer_answer(turn, st) is handed_over
    assert (eligibility_form.eligibility_verdict(turn, st) == Decision(followup="employer_form")) is handed_over
    assert not eligibility_form.employer_answer(turn, state(None, None, role="candidat"))
    assert not eligibility_form.employer_answer(turn, state(None, None))


def test_a_returning_employer_has_answered_the_employer_form():
    assert returning_employer(EMPLOYER_ANSWERS)
    assert not returning_employer({**EMPLOYER_ANSWERS, "role": "candidat"})
    assert not returning_employer({"role": "employeur", "sector": "btp"})


# --------------------------------------------------------------------------- the verdict and start over


def test_the_verdict_is_said_with_the_next_steps_and_kept():
    decision = eligibility_form.eligibility_verdict(Turn("", "inform", 0.9), state(None, **FULL_PROFILE))
    (said,) = decision.say
    # Once closed (the reference date of these tests), the short verdict offers the rest as buttons (issue 34).
    assert said.buttons == CLOSED_VERDICT_BUTTONS and "Constructys" in said.text
    assert decision.slots["verdict"]["eligible"] is True and decision.followup is None


def test_the_verdict_waits_while_the_visitor_chooses_the_answer_to_change():
    assert eligibility_form.eligibility_verdict(Turn("je voudrais modifier une réponse", "inform", 0.9),
                                                state(None, **FULL_PROFILE)) == Decision()


def test_the_verdict_recalls_a_funding_simulation_when_there_was_one():
    with_funding = state(None, **FULL_PROFILE, funding_cost=12000.0, funding_months=12.0)
    assert eligibility_form.funding_of(with_funding.slots, K) is not None
    assert eligibility_form.funding_of(state(None, funding_cost=-5.0).slots, K) is None  # unusable: no recall
    assert eligibility_form.funding_of(state(None).slots, K) is None


def test_the_profile_flags_a_public_employer_in_the_job():
    profile = eligibility_form.profile_from({"age": 30.0, "birth_date": "1996-01-02",
                                             "sector_raw": "aide soignante a l'hopital public"})
    assert profile.age == 30 and profile.birth_date == date(1996, 1, 2) and profile.public_employer


def test_start_over_forgets_the_profile_not_the_role():
    decision = eligibility_form.start_over()
    assert decision.slots == {**{slot: None for slot in eligibility_form.PROFILE_SLOTS}, "requested_slot": None}
    assert "role" not in decision.slots and decision.say == (Say(response="utter_start_over"),)



@pytest.mark.parametrize("text, sector", [("devenir maçon", "btp"), ("je veux devenir cuisinier", "hotellerie_restauration"),
                                          ("être infirmière", "sante"), ("un métier manuel", None)])
def test_a_job_given_as_the_goal_is_the_goal_of_working_in_it_and_the_job_while_none_is_known(text, sector):
    read = eligibility_form.goal_answer(Turn(text, "inform", 0.9), state(requested="goal"))
    if sector is None:  # no job named: nothing is made up
        assert read.value is None and read.problem
        return
    assert read.value == "emploi" and read.extra["sector"] == sector
    known = eligibility_form.goal_answer(Turn(text, "inform", 0.9), state(requested="goal", sector="sante"))
    assert known.value == "emploi" and not known.extra


def test_the_third_unreadable_answer_skips_the_question():
    decision = toy("vert", form_failures={"colour": 2})
    assert decision.slots == {"colour": None, "skipped_slots": ["colour"], "form_failures": {"colour": 3}}
    assert texts(decision) == ["Quelle couleur ?", QUESTION_SKIPPED]


@pytest.mark.parametrize("text, requested, note", [
    ("en fait j'ai 39 ans", "sector", "C'est noté : 39 ans."),
    ("je suis au chômage", "goal", "C'est noté : situation : en recherche d'emploi."),
    ("aide-soignante, j'ai 30 ans", "goal", "C'est noté : 30 ans et secteur : santé."),
])
def test_an_answer_to_another_question_is_kept_and_said_back(text, requested, note):
    decision = eligibility(text, requested=requested)
    assert decision.slots and texts(decision) == [note]


def test_a_correction_after_the_verdict_is_said_back_before_it_comes_again():
    answers = {"age": 23, "sector": "hotellerie_restauration", "goal": "emploi", "situation": "etudiant"}
    decision = eligibility("Attendez, non : j'ai fini mes études, je suis demandeur d'emploi maintenant.", **answers)
    assert decision.slots["situation"] == "demandeur_emploi"
    assert texts(decision) == ["C'est noté : situation : en recherche d'emploi."]
    assert texts(eligibility("je suis étudiant", **answers)) == []  # the same answer again: nothing to say back


def test_the_second_unreadable_answer_offers_to_skip_the_question():
    first, second = toy("vert"), toy("vert", form_failures={"colour": 1})
    assert first.say[0].buttons is None
    assert second.say[0].text == "Quelle couleur ?" and second.say[0].buttons == [{"title": "Passer", "payload": "passer"}]
    # The age question offers its ranges and "Passer" itself (ask_age): no second "Passer".
    assert eligibility("bof bof", requested="age", form_failures={"age": 1}).say[0].buttons is None


@pytest.mark.parametrize("text, intent", [("je comprends pas la question", "dont_know"), ("?", "faq"),
                                          ("c'est-à-dire ?", "faq"), ("j'ai pas compris", "deny")])
def test_a_visitor_who_does_not_understand_the_question_gets_it_again_nothing_skipped_or_counted(text, intent):
    decision = toy(text, intent=intent)
    assert decision.ask_again and texts(decision) == [REWORDED]
    assert decision.slots == {"skipped_slots": []}


@pytest.mark.parametrize("text", ["c'est quoi des blocs de compétences ?", "Qu'est-ce qu'un diplôme complet ?"])
def test_a_question_on_what_a_word_means_is_answered_not_taken_for_the_goal(text):
    assert "goal" not in eligibility(text, requested="goal", intent="faq", role="candidat").slots
    assert eligibility("des blocs de compétences", requested="goal", intent="faq").slots["goal"] == "blocs"


def test_an_answer_that_also_gives_the_job_is_said_back_and_a_plain_one_is_not():
    decision = eligibility("devenir maçon", requested="goal", role="candidat")
    assert decision.slots["goal"] == "emploi" and decision.slots["sector"] == "btp"
    assert texts(decision) == ["C'est noté : objectif : trouver un emploi et secteur : bâtiment et travaux publics."]
    assert not eligibility("devenir maçon", requested="goal", role="candidat", sector="btp").say


def test_a_job_given_with_the_goal_is_said_back_even_after_the_job_question_was_skipped():
    decision = eligibility("devenir maçon", requested="goal", role="candidat", skipped_slots=["sector"])
    assert decision.slots["sector"] == "btp" and texts(decision)[0].startswith("C'est noté : objectif")


def test_a_skip_or_a_correction_the_nlu_took_for_a_question_is_not_left_to_the_faq():
    skipped = eligibility("Je préfère ne pas répondre.", requested="situation", intent="faq", role="candidat")
    assert skipped.slots["skipped_slots"] == ["situation"]
    corrected = eligibility("Finalement non, je préfère viser le diplôme complet.", requested="situation",
                            intent="faq", role="candidat", goal="blocs")
    assert corrected.slots["goal"] == "certification"


@pytest.mark.parametrize("text, gives", [
    ("J'ai 42 ans, je suis au chômage et je souhaiterais devenir aide-soignante.", True),
    ("j'ai 42 ans, je suis au chômage", False), ("nous voulons recruter 3 maçons sur 12 mois", False)])
def test_a_message_gives_a_profile_when_it_holds_several_answers(text, gives):
    assert eligibility_form.gives_a_profile(text, state(form_name=None)) == gives
