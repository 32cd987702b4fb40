"""Short follow-ups on plain values: the reader (bot/core/read/followup.py) and the decision
(bot/core/dialogue/followup.py) after each kind of answer."""
from __future__ import annotations

import time
from datetime import date

import pytest

from bot.core.dialogue import Decision, Say, State, Turn
from bot.core.dialogue import followup as decisions
from bot.core.dialogue.followup import by_nlu, routed_by_nlu
from bot.core.dialogue.slots import ANSWER_KINDS, LAST_ANSWER, PENDING, PENDING_OPCO_SECTOR
from bot.core.knowledge import load
from bot.core.read.followup import NEXT, VALUE, read_followup
from bot.core.read.sectors import warm_up
from bot.core.say.followup import NEXT_STEPS, NEXT_WHEN_CLOSED

OPEN_DAY, CLOSED_DAY = date(2025, 6, 1), date(2026, 11, 15)
K = load()


def read(text: str, today: date = OPEN_DAY):
    return read_followup(text, today, K)


@pytest.mark.parametrize("text,sector", [
    ("et une agence d'intérim ?", "securite"),
    ("une boulangerie ?", "artisanat_alimentaire"),
    ("Et pour un boulanger ?", "artisanat_alimentaire"),
    ("et pour un cabinet de courtage en assurance ?", "banque_assurance"),
    ("et une salle de sport ?", "culture_loisirs"),
    ("dans le BTP", "btp"),
])
def test_a_new_sector_or_job(text, sector):
    found = read(text)
    assert found.kind == VALUE and found.sector.sector_id == sector and not found.concerned


def test_other_values():
    assert read("et sur 18 mois ?").months == 18
    assert read("Et sur deux ans ?").months == 24
    assert read("Et à 23 ans ?").age == 23
    assert read("et pour 8 000 € ?").amount == 8000
    assert read("et une mairie ?").excluded_employer


@pytest.mark.parametrize("text", ["et l'informatique ça compte ?", "Et l'informatique, c'est concerné ?"])
def test_whether_a_sector_counts(text):
    found = read(text)
    assert found.sector.sector_id == "numerique" and found.concerned


@pytest.mark.parametrize("text", ["et après ?", "Et ensuite ?", "la suite ?", "et maintenant ?",
                                  "et après on fait quoi ?"])
def test_what_comes_next(text):
    assert read(text).kind == NEXT


@pytest.mark.parametrize("text", [
    "Je suis dans le transport routier.",  # a sentence of its own, no follow-up's opening
    "le BTP",  # a bare answer: neither an opening nor a question mark
    "à 50 ans je peux encore le faire ?",  # a question of its own
    "à quel opco est rattachée une agence d'intérim",
    "ça a débuté quand exactement, en 2023 ?",
    "Et il y a une durée minimum ?",  # no value
    "Et les frais de transport et de repas, c'est pris en charge ?",  # too long
    "je fais quoi maintenant ?",
    "et l'apprentissage ?",  # no value a reader knows
])
def test_not_a_follow_up(text):
    assert read(text) is None


def test_the_reader_is_cheap():
    warm_up(K)
    start = time.perf_counter()
    for _ in range(20):
        read("et pour un cabinet de courtage en assurance ?")
        read("Je voudrais savoir combien de temps dure le contrat de professionnalisation")
    assert (time.perf_counter() - start) / 40 < 0.002  # a few hundred µs each, with room for a busy machine


# --------------------------------------------------------------------------- the decision


def state(today: date = OPEN_DAY, **slots) -> State:
    return State(slots=slots, today=today, knowledge=K)


def said(decision) -> str:
    return "\n".join(message.text or "" for message in decision.say)


FAQ_ANSWER = Decision(say=(Say(text="la réponse de la FAQ"),))


def faq(turn: Turn, state: State) -> Decision:
    return FAQ_ANSWER


def follow_up(turn: Turn, state: State) -> Decision:
    return decisions.follow_up(turn, state, faq)


def test_after_an_opco_answer_the_opco_of_the_new_sector():
    decision = follow_up(Turn("Et pour une boulangerie ?", "inform", 0.6),
                         state(last_answer="opco/hotellerie_restauration", sector="sante"))
    assert "OPCO EP" in said(decision) and decision.slots[LAST_ANSWER] == "opco/artisanat_alimentaire"


def test_another_place_of_the_same_sector_gets_a_short_reply():
    decision = follow_up(Turn("et une salle de sport ?", "inform", 0.6), state(last_answer="opco/culture_loisirs"))
    assert said(decision).startswith("C'est aussi le secteur culture, médias, sport et loisirs : l'OPCO est le même")
    assert "Afdas" in said(decision) and "Source :" in said(decision)


def test_whether_a_sector_counts_after_an_opco_answer_or_the_sectors_answer():
    for last in ("opco", "faq/sectors"):
        text = said(follow_up(Turn("et l'informatique ça compte ?", "nlu_fallback", 0.3), state(last_answer=last)))
        assert "numérique" in text and "pas exclu" in text and "Atlas" in text and "Source :" in text
    text = said(follow_up(Turn("et le BTP ?", "faq", 0.5), state(last_answer="faq/sectors")))
    assert text.startswith("Oui : le secteur bâtiment et travaux publics")


def test_after_a_simulation_the_same_cost_over_the_new_duration_or_a_new_cost():
    last = state(last_answer="funding", funding_cost=12000.0, funding_months=24.0, pending_question="funding_figures")
    decision = follow_up(Turn("et sur 18 mois ?", "faq", 0.4), last)
    assert decision.slots["funding_months"] == 18 and decision.slots["funding_cost"] == 12000
    decision = follow_up(Turn("et pour 8 000 € ?", "simulate_funding", 0.8), last)
    assert decision.slots["funding_cost"] == 8000 and decision.slots["funding_months"] == 24


def test_after_a_verdict_or_a_plan_the_form_takes_the_new_value():
    verdict = state(last_answer="verdict", age=30, sector="hotellerie_restauration")
    assert follow_up(Turn("et pour un boulanger ?", "inform", 0.9), verdict).followup == "eligibility_form"
    assert follow_up(Turn("Et à 23 ans ?", "faq", 0.5), verdict).followup == "eligibility_form"
    plan = state(last_answer="plan", sector="sante", contract_months=12.0)
    assert follow_up(Turn("et sur 24 mois ?", "inform", 0.9), plan).followup == "employer_form"


def test_the_value_a_verdict_or_a_plan_had_already_is_no_follow_up():
    # "Même pour un hôpital public ?" after the plan of a public hospital: the NLU's question, not the same plan.
    plan = state(last_answer="plan", sector="sante", contract_months=12.0, employer_kind="public")
    assert follow_up(Turn("Même pour un hôpital public ?", "faq", 0.7), plan) == FAQ_ANSWER
    verdict = state(last_answer="verdict", age=30, sector="hotellerie_restauration")
    assert follow_up(Turn("et à 30 ans ?", "faq", 0.7), verdict) == FAQ_ANSWER


def test_the_opco_finder_question_takes_the_sector():
    decision = follow_up(Turn("et le BTP ?", "inform", 0.9), state(pending_question=PENDING_OPCO_SECTOR))
    assert "Constructys" in said(decision) and decision.slots[PENDING] is None


@pytest.mark.parametrize("last", ["opco/btp", "funding", "verdict", "plan", "faq/definition"])
def test_what_comes_next_after_each_answer(last):
    text = said(follow_up(Turn("et après ?", "nlu_fallback", 0.2), state(last_answer=last)))
    assert text == NEXT_STEPS[last.split("/")[0]]


def test_what_comes_next_once_the_experimentation_is_over():
    text = said(follow_up(Turn("et après ?", "nlu_fallback", 0.2), state(CLOSED_DAY, last_answer="opco/btp")))
    assert text.startswith(NEXT_WHEN_CLOSED) and "contrat de professionnalisation" in text


def test_every_kind_of_answer_has_its_next_step():
    assert set(NEXT_STEPS) == set(ANSWER_KINDS)


@pytest.mark.parametrize("turn,last", [
    (Turn("et après ?", "nlu_fallback", 0.2), None),  # nothing answered yet
    (Turn("et sur 18 mois ?", "inform", 0.9), "opco/btp"),  # a duration says nothing of an OPCO
    (Turn("Et à 23 ans ?", "faq", 0.6), "faq/salary"),  # a FAQ answer is not computed from an age
])
def test_without_an_answer_it_fits_the_nlu_decides(turn, last):
    assert follow_up(turn, state(last_answer=last)) == by_nlu(turn, state(last_answer=last), faq)


def test_what_the_nlu_intent_gets():
    # Decided here, not handed to another action: after it, the rules would not know what comes next.
    assert by_nlu(Turn("dans le BTP", "inform"), state(), faq).followup == "eligibility_form"
    assert "Constructys" in said(by_nlu(Turn("et le BTP ?", "find_opco"), state(), faq))
    assert by_nlu(Turn("et pour 8 000 € ?", "simulate_funding"), state(), faq).slots["funding_cost"] == 8000
    assert by_nlu(Turn("Et à 23 ans ?", "faq"), state(), faq) == FAQ_ANSWER
    assert by_nlu(Turn("et après ?", "nlu_fallback"), state(), faq).say[0].response == "utter_default"
    assert by_nlu(Turn("et une fusée ?", "out_of_scope"), state(), faq).say[0].response == "utter_out_of_scope"


def test_what_the_nlu_intent_gets_after_a_question_of_the_assistant():
    # As the rules of data/rules/funding.yml and employer.yml: the figures or the sector just asked for.
    figures = state(pending_question="funding_figures", last_answer="faq/funding")
    assert follow_up(Turn("et pour 8 000 € ?", "inform", 0.8), figures).slots["funding_cost"] == 8000
    sector = state(pending_question="opco_sector")
    unknown = by_nlu(Turn("et pour un prof de yoga ?", "out_of_scope"), sector, faq)
    assert "Je n'ai pas reconnu ce secteur" in said(unknown)
    assert routed_by_nlu("inform") and not routed_by_nlu("greet") and not routed_by_nlu("stop")
