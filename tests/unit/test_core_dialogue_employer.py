"""The employer form's decisions on plain values (no tracker), and those of the actions outside the forms."""
from __future__ import annotations

from datetime import date

import pytest

from bot.core.dialogue import Decision, Say, State, Turn, employer_form
from bot.core.dialogue.decision import SURE_INTENT
from bot.core.dialogue.faq import answer_faq, faq_response, render
from bot.core.dialogue.funding import follow_up_money, simulate_funding
from bot.core.dialogue.opco import answer_opco_sector, find_opco
from bot.core.knowledge import load
from bot.core.read.reading import Reading
from bot.core.say.buttons import (
    EMPLOYER_BUTTONS,
    EMPLOYER_CLOSED_BUTTONS,
    EXCLUDED_BUTTONS,
    FUNDING_BUTTONS,
    RESULT_BUTTONS,
    SECTOR_EXAMPLES,
)
from bot.core.say.forms import (
    COMPANY_SECTOR_PROBLEM,
    JOBS_PROBLEM,
    JOBS_WITHOUT_WORDS_PROBLEM,
    NOT_AN_EMPLOYER_TEXT,
    OPCO_SECTOR_QUESTION,
)
from bot.core.say.typography import untypeset

TODAY = date(2026, 11, 15)
K = load()
SLOTS = ["sector", "jobs_to_fill", "hires", "contract_months"]
EMPLOYER_ANSWERS = {"role": "employeur", "sector": "btp", "sector_raw": "BTP", "jobs_to_fill": "des maçons",
                    "hires": 2, "contract_months": 12}


def state(form_name: str | None = "employer_form", requested: str | None = None, **slots) -> State:
    return State(slots={"requested_slot": requested, **slots}, form=form_name, today=TODAY, knowledge=K)


def employer(text: str, requested: str | None = None, intent: str = "inform", confidence: float = 0.95,
             **slots) -> Decision:
    return employer_form.extraction(Turn(text, intent, confidence), state("employer_form", requested, **slots), SLOTS)


# --------------------------------------------------------------------------- readers


@pytest.mark.parametrize("text,value", [("La restauration", "hotellerie_restauration"), ("astrophysique", "autre")])
def test_the_company_sector_is_taken_even_unknown(text, value):
    assert employer_form.sector_answer(Turn(text), state(requested="sector")) == Reading(value, {"sector_raw": text})


@pytest.mark.parametrize("text", ["12 mois", "3 recrues", "passer", "c'est quoi un OPCO ?"])
def test_what_answers_another_question_is_no_sector(text):
    assert employer_form.sector_answer(Turn(text), state(requested="sector")) == Reading()


def test_a_sector_without_letters_is_explained():
    assert employer_form.sector_answer(Turn("42 !"), state(requested="sector")) == Reading(problem=COMPANY_SECTOR_PROBLEM)


def test_a_sector_in_passing_only_while_none_is_known():
    assert employer_form.sector_mention(Turn("des chauffeurs de camion"), state()).value == "transport"
    assert employer_form.sector_mention(Turn("des chauffeurs de camion"), state(sector="btp")) == Reading()


def test_the_jobs_with_a_count_answer_the_next_question_too():
    st = state(requested="jobs_to_fill")
    assert employer_form.jobs_answer(Turn("deux  chauffeurs"), st) == Reading("deux chauffeurs", {"hires": 2})
    assert employer_form.jobs_answer(Turn("des maçons"), st) == Reading("des maçons", {})
    assert employer_form.jobs_answer(Turn("trois maçons"), state(requested="jobs_to_fill", hires=5)).extra == {}
    assert employer_form.jobs_answer(Turn("12"), st) == Reading(problem=JOBS_WITHOUT_WORDS_PROBLEM)
    assert employer_form.jobs_answer(Turn("bof", "dont_know", 0.9), st) == Reading(problem=JOBS_PROBLEM)


@pytest.mark.parametrize("text,intent,is_question", [
    ("c'est quoi un tuteur ?", "faq", True), ("combien ça coûte", "inform", True),
    ("merci", "thank", True), ("merci", "thank", False),  # the second one not sure enough
    ("des chauffeurs poids lourd", "find_opco", False),  # FAQ-like intents are no refusal
])
def test_is_question(text, intent, is_question):
    confidence = 0.9 if is_question or intent != "thank" else SURE_INTENT - 0.1
    assert employer_form.is_question(Turn(text, intent, confidence), state(requested="jobs_to_fill")) is is_question


@pytest.mark.parametrize("text,requested,reading", [
    ("3 ?", "hires", Reading(3)), ("une dizaine ?", "hires", Reading(10)),
    ("c'est quoi un tuteur ?", "hires", Reading()),  # a question holding "un"
    ("18 mois ?", "contract_months", Reading(18)), ("un an et demi", "contract_months", Reading(18)),
    ("je me suis trompé, c'est 4 personnes", "contract_months", Reading()),  # the count, not a duration
])
def test_numbers(text, requested, reading):
    reader = employer_form.FORM.answer_readers[requested]
    assert reader(Turn(text, "inform", 0.9), state(requested=requested)) == reading


def test_unusable_numbers_are_explained():
    assert "36 mois" in employer_form.months_answer(Turn("48 mois"), state(requested="contract_months")).problem
    assert employer_form.hires_answer(Turn("0"), state(requested="hires")).problem


@pytest.mark.parametrize("text,hires,months", [("finalement 5 personnes", 5, None), ("2 ans", None, 24),
                                               ("on veut recruter 4 aides-soignantes sur 2 ans", 4, 24)])
def test_numbers_in_passing(text, hires, months):
    assert employer_form.hires_mention(Turn(text), state()).value == hires
    assert employer_form.months_mention(Turn(text), state()).value == months


# --------------------------------------------------------------------------- the form


def test_the_opening_sentence_fills_what_it_says():
    decision = employer("Je dirige une entreprise du BTP de 20 salariés, nous voulons recruter trois maçons",
                        intent="employer_intro")
    assert decision.slots == {"sector": "btp", "sector_raw": decision.slots["sector_raw"], "jobs_to_fill": "trois maçons",
                              "hires": 3, "employer_kind": "prive", "company_size": 20}
    assert not decision.say


def test_the_opening_intent_is_a_remark_elsewhere():
    # The same sentence classified otherwise is a digression: only the kind and the size are read in passing.
    decision = employer("Je dirige une entreprise du BTP de 20 salariés", intent="faq")
    assert decision.slots == {"employer_kind": "prive", "company_size": 20}


def test_an_answer_of_another_question_at_the_sector_question_is_kept():
    assert employer("12 mois", requested="sector").slots == {"contract_months": 12}


def test_a_job_title_does_not_replace_the_company_sector():
    assert employer("des chauffeurs de camion", requested="jobs_to_fill", sector="btp").slots == {
        "jobs_to_fill": "des chauffeurs de camion"}


def test_jobs_the_nlu_took_for_out_of_scope_are_still_the_answer():
    decision = employer("un commis de cuisine", requested="jobs_to_fill", intent="out_of_scope", confidence=0.6,
                        sector="hotellerie_restauration")
    assert decision.slots == {"jobs_to_fill": "un commis de cuisine", "hires": 1}


def test_a_count_at_the_duration_question_corrects_the_count():
    decision = employer("je me suis trompé, c'est 4 personnes", requested="contract_months", sector="btp",
                        jobs_to_fill="des maçons", hires=3)
    assert decision.slots == {"hires": 4}


@pytest.mark.parametrize("text", ["non je suis pas employeur, je cherche un emploi", "je ne cherche pas à recruter"])
def test_a_visitor_who_is_not_hiring_ends_the_form(text):
    assert employer(text, requested="sector") == Decision({"employer_kind": "pas_employeur"})


@pytest.mark.parametrize("kind", ["public", "particulier", "pas_employeur"])
def test_no_more_questions_for_who_may_not_sign(kind):
    assert employer_form.required_slots(SLOTS, state(employer_kind=kind)) == []
    assert employer_form.required_slots(SLOTS, state(employer_kind="prive", skipped_slots=["hires"])) == [
        "sector", "jobs_to_fill", "contract_months"]


@pytest.mark.parametrize("text,kind", [("Je suis DRH à la mairie", "public"),
                                       ("je suis particulier employeur", "particulier")])
def test_an_excluded_kind_is_read_in_passing_and_not_welcomed(text, kind):
    assert employer(text, intent="employer_intro").slots["employer_kind"] == kind
    assert employer_form.employer_welcome(Turn(text, "employer_intro", 0.9), state(None)) == Decision()


def test_the_welcome():
    welcome = Decision(say=(Say(response="utter_employer_welcome"),))
    assert employer_form.employer_welcome(Turn("Je suis employeur dans le BTP", "employer_intro", 0.9),
                                          state(None)) == welcome
    # An employer back to change an answer is not welcomed again.
    assert employer_form.employer_welcome(Turn("je voudrais changer la durée", "inform", 0.9),
                                          state(None, **EMPLOYER_ANSWERS)) == Decision()


def test_a_named_change_after_the_plan():
    decision = employer("je voudrais changer la durée", **EMPLOYER_ANSWERS)
    assert decision.slots == {"contract_months": None, "skipped_slots": []}
    assert decision.say[0].text == "D'accord, modifions cette réponse."


def test_an_unnamed_change_after_the_plan_offers_the_employers_answers():
    decision = employer("je voudrais modifier une réponse", **EMPLOYER_ANSWERS)
    assert decision.ask_again
    assert [b["title"] for b in decision.say[0].buttons] == [
        "Le secteur", "Les postes", "Le nombre d'embauches", "La durée des contrats"]


def test_the_contract_months_question():
    (said,) = employer_form.ask_contract_months(state(requested="contract_months")).say
    assert "au plus 36 mois" in said.text
    assert [b["title"] for b in said.buttons] == ["6 mois", "12 mois", "36 mois", "Je ne sais pas encore"]


# --------------------------------------------------------------------------- the plan


def test_the_plan_for_an_employer_who_may_sign():
    decision = employer_form.employer_plan(Turn("", "inform", 0.9), state(None, sector="btp", jobs_to_fill="maçons",
                                                                           hires=3.0, contract_months=12.0))
    (said,) = decision.say
    assert "Recrutements : 3" in untypeset(said.text) and said.buttons == EMPLOYER_CLOSED_BUTTONS  # after the end
    assert decision.slots == {"role": "employeur", "employer_kind": "prive", "last_answer": "plan"}
    assert decision.followup is None


def test_while_open_the_plan_offers_the_steps_and_the_detail():
    open_state = State(slots={"sector": "btp", "jobs_to_fill": "maçons", "hires": 3.0, "contract_months": 12.0},
                       today=date(2025, 6, 26), knowledge=K)
    (said,) = employer_form.employer_plan(Turn("", "inform", 0.9), open_state).say
    assert "27 000 €" in untypeset(said.text) and said.buttons == EMPLOYER_BUTTONS


def test_the_plan_for_a_public_employer():
    decision = employer_form.employer_plan(Turn("", "inform", 0.9), state(None, employer_kind="public", sector="sante"))
    assert decision.say[0].buttons == EXCLUDED_BUTTONS and "€" not in decision.say[0].text
    assert decision.slots == {"role": "employeur", "employer_kind": "public", "last_answer": "plan"}


def test_the_plan_of_who_is_not_hiring_is_the_eligibility_test():
    decision = employer_form.employer_plan(Turn("non", "deny", 0.9),
                                           state(None, employer_kind="pas_employeur", role="employeur"))
    assert decision == Decision({"role": "candidat", "employer_kind": None}, say=(Say(text=NOT_AN_EMPLOYER_TEXT),),
                                followup="eligibility_form")


def test_the_plan_waits_while_the_visitor_chooses_the_answer_to_change():
    assert employer_form.employer_plan(Turn("je voudrais modifier une réponse", "inform", 0.9),
                                       state(None, **EMPLOYER_ANSWERS)) == Decision()


def test_the_request_takes_the_kind_from_the_message_when_unknown():
    request = employer_form.request_from(Turn("pour la mairie"), state(None, hires=2.0, contract_months=12))
    assert request.kind == "public" and request.hires == 2 and request.months == 12.0


# --------------------------------------------------------------------------- funding, OPCO, FAQ


def test_funding_without_figures_gives_the_rule_and_awaits_them():
    decision = simulate_funding(Turn("je veux simuler le financement"), state(None))
    assert decision.slots == {"pending_question": "funding_figures"} and decision.say[0].buttons == FUNDING_BUTTONS


def test_funding_with_figures_gives_the_result_and_keeps_them():
    decision = simulate_funding(Turn("15 000 € sur 18 mois"), state(None))
    assert decision.slots == {"funding_cost": 15000.0, "funding_months": 18.0, "pending_question": "funding_figures",
                              "last_answer": "funding"}
    assert decision.say[0].buttons == RESULT_BUTTONS


def test_a_new_duration_reuses_the_last_cost_and_no_figures_goes_to_the_eligibility_form():
    awaiting = state(None, pending_question="funding_figures", funding_cost=12000.0)
    assert follow_up_money("et sur 24 mois ?", awaiting).amount_eur == 12000.0
    assert follow_up_money("et sur 24 mois ?", state(None)) is None
    assert simulate_funding(Turn("j'ai 30 ans"), awaiting) == Decision({"pending_question": None},
                                                                      followup="eligibility_form")


def test_unusable_figures_are_explained_with_the_examples():
    decision = simulate_funding(Turn("0 € sur 12 mois"), state(None))
    assert decision.say[0].buttons == FUNDING_BUTTONS and decision.slots == {"pending_question": "funding_figures"}


def test_the_opco_finder():
    assert "OCAPIAT" in find_opco(Turn("quel est mon opco ?"), state(None, sector="agriculture")).say[0].text
    asked = find_opco(Turn("quel est mon opco ?"), state(None, sector="autre"))
    assert asked == Decision({"pending_question": "opco_sector"},
                             say=(Say(text=OPCO_SECTOR_QUESTION, buttons=SECTOR_EXAMPLES),))
    answered = answer_opco_sector(Turn("prof de yoga"), state(None, pending_question="opco_sector"))
    assert answered.slots == {"pending_question": None, "last_answer": "opco"} and "Afdas" in answered.say[0].text


DOMAIN = {"responses": {"utter_faq/employer_cost": [
    {"text": "Pour un employeur : {max_contract_months}.", "condition": [{"type": "slot", "name": "role", "value": "employeur"}],
     "buttons": [{"title": "b", "payload": "p"}]},
    {"text": "Par défaut {nope}."},
]}}


def test_faq_variants_by_role():
    assert faq_response(DOMAIN, "employer_cost", {"role": "employeur"})["text"].startswith("Pour un employeur")
    assert faq_response(DOMAIN, "employer_cost", {"role": "candidat"})["text"].startswith("Par défaut")
    assert faq_response(DOMAIN, "unknown") is None
    assert render("{a} et {b}", {"a": "1"}) == "1 et {b}"


def test_faq_answer():
    employer_state = state(None, role="employeur")
    decision = answer_faq(Turn("?", "faq", 0.9), employer_state, "employer_cost", 0.9, DOMAIN)
    assert decision.say[0].text.startswith("Pour un employeur : 36.\n\nÀ noter") and decision.say[0].buttons == [
        {"title": "b", "payload": "p"}]
    unsure = answer_faq(Turn("?", "faq", 0.9), employer_state, "employer_cost", 0.1, DOMAIN)
    assert unsure == Decision(say=(Say(response="utter_default"),))
    assert answer_faq(Turn("?", "faq", 0.9), employer_state, None, 0.9, DOMAIN) == unsure
    follow_up = state(None, pending_question="funding_figures", funding_cost=12000.0)
    assert answer_faq(Turn("et pour 6 mois ?", "faq", 0.9), follow_up, "employer_cost", 0.9, DOMAIN) == \
        simulate_funding(Turn("et pour 6 mois ?", "faq", 0.9), follow_up)


@pytest.mark.parametrize("text, sector, jobs", [
    ("Des déménageurs.", "transport", "Des déménageurs."), ("deux ouvriers viticoles", "agriculture", "deux ouvriers viticoles"),
    ("le BTP", "btp", None), ("une boulangerie", "artisanat_alimentaire", None), ("maçon", "btp", None)])
def test_people_to_hire_given_for_the_sector_are_the_jobs_too(text, sector, jobs):
    decision = employer(text, requested="sector")
    assert decision.slots["sector"] == sector and decision.slots.get("jobs_to_fill") == jobs


@pytest.mark.parametrize("text,jobs", [
    ("Des préparateurs en pharmacie.", "Des préparateurs en pharmacie."),  # people named by their job
    ("des maçons", "des maçons"),
    ("nous sommes une pharmacie", None),  # a workplace, nobody to hire named
])
def test_people_named_by_their_job_in_passing_are_the_jobs_too(text, jobs):
    # The employer form entered from outside (an employer naming whom they hire after a FAQ answer): no question
    # asked yet, the message read in passing.
    slots = employer(text, role="employeur").slots
    assert slots.get("jobs_to_fill") == jobs and slots["sector"]
    assert "jobs_to_fill" not in employer(text, role="employeur", jobs_to_fill="des vendeurs").slots
