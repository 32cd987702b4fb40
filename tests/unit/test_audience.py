"""Issue 34: an employer never gets a sentence written for the candidate ("Le vôtre dépend de la branche de
l'employeur qui vous recrute"), nor the candidate one written for an employer. Every verdict, plan, OPCO and
funding answer is enumerated for both audiences, on every phase of the experimentation."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from bot.core.dialogue import State, Turn
from bot.core.dialogue.faq import answer_faq
from bot.core.dialogue.opco import find_opco
from bot.core.eligibility import Profile, assess
from bot.core.employer import EmployerRequest, plan
from bot.core.funding import coverage
from bot.core.read.sectors import parse_sector
from bot.core.say.audience import CANDIDATE, EMPLOYER
from bot.core.say.employer import employer_plan_message
from bot.core.say.funding import REMAINDER, rule_text, split_text
from bot.core.say.opco import IDCC_CAVEAT, opco_message
from bot.core.say.verdict import GOAL_ADVICE, SITUATION_ADVICE, verdict_message
from tests.unit.say_checks import CLOSED, OPEN, K
from tests.unit.test_answer_length import DOMAIN, KEYS

DAYS = [date(2023, 1, 1), OPEN, CLOSED]
# Sentences that speak to the candidate about their future employer, or to an employer about their own company.
FOR_CANDIDATE = [IDCC_CAVEAT[CANDIDATE], *REMAINDER[CANDIDATE], *GOAL_ADVICE.values(), *SITUATION_ADVICE.values(),
                 "l'employeur qui vous recrute", "vous remplissez", "Vous remplirez", "votre âge"]
FOR_EMPLOYER = [IDCC_CAVEAT[EMPLOYER], *REMAINDER[EMPLOYER], "cette personne", "Cette personne", "vos recrutements",
                "votre convention collective", "de la personne"]
COVER = coverage(15000, 18, K)
PROFILES = [Profile(age=30, sector_id="btp", goal="blocs", situation="salarie"), Profile(age=20),
            Profile(age=40, sector_id="autre"), Profile(birth_date=date(2011, 3, 12)), Profile(),
            Profile(age=30, sector_id="sante", public_employer=True, situation="demandeur_emploi")]


def _answers(audience: str) -> list[str]:
    role = "employeur" if audience == EMPLOYER else None
    answers = [verdict_message(assess(profile, today, K), cover, K, audience)
               for profile, today, cover in itertools.product(PROFILES, DAYS, [None, COVER])]
    answers += [rule_text(K, audience), split_text(COVER, K, audience), split_text(coverage(4000, 6, K), K, audience)]
    answers += [opco_message(parse_sector(text, K), K, public_employer=public, audience=audience)
                for text, public in [("maçon", False), ("astronaute", False), ("EHPAD public", True)]]
    for today, sector in itertools.product(DAYS, ["btp", "transport"]):
        state = State(slots={"role": role, "sector": sector}, today=today, knowledge=K)
        answers.append(find_opco(Turn("quel est mon opco ?", "find_opco", 0.9), state).say[0].text)
    if audience == EMPLOYER:
        answers += [employer_plan_message(plan(EmployerRequest(sector_id=sector, hires=hires, months=12), today, K), K)
                    for sector, hires, today in itertools.product(["btp", "autre", None], [1, 4], DAYS)]
    return answers


def _employer_faq_answers() -> list[str]:
    """The FAQ answers that have an employer variant, as an employer gets them."""
    keyed = [key for key in KEYS if any(v.get("condition") for v in DOMAIN["responses"][f"utter_faq/{key}"])]
    assert len(keyed) >= 10
    state = State(slots={"role": "employeur", "status_told": True}, today=CLOSED, knowledge=K)
    return [answer_faq(Turn("?", "faq", 0.9), state, key, 0.9, DOMAIN).say[0].text for key in keyed]


@pytest.mark.parametrize("audience,forbidden", [(EMPLOYER, FOR_CANDIDATE), (CANDIDATE, FOR_EMPLOYER)])
def test_no_answer_speaks_to_the_other_audience(audience, forbidden):
    answers = _answers(audience) + (_employer_faq_answers() if audience == EMPLOYER else [])
    wrong = [(sentence, answer) for answer in answers for sentence in forbidden if sentence in answer]
    assert not wrong, f"{len(wrong)} answers, e.g. {wrong[0][0]!r} in:\n{wrong[0][1]}"


def test_the_employers_opco_answer_says_how_they_find_theirs():
    state = State(slots={"role": "employeur", "sector": "btp"}, today=CLOSED, knowledge=K)
    answer = find_opco(Turn("quel est mon opco ?", "find_opco", 0.9), state).say[0].text
    assert "Constructys" in answer and IDCC_CAVEAT[EMPLOYER] in answer
