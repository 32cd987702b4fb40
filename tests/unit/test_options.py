"""What remains after the experimentation: the options by profile (bot/core/options.py) and their wording."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dialogue.decision import State, Turn
from bot.core.dialogue.faq import answer_faq, options_profile
from bot.core.eligibility import Profile as EligibilityProfile
from bot.core.eligibility import assess
from bot.core.employer import EmployerRequest, plan
from bot.core.options import (
    APPRENTISSAGE,
    CAP_EMPLOI,
    CEP,
    CONTRAT_PRO,
    FRANCE_TRAVAIL,
    MAX_OPTIONS,
    MISSION_LOCALE,
    TRANSITIONS_PRO,
    VAE,
    Profile,
    options_for,
)
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.audience import CANDIDATE, EMPLOYER
from bot.core.say.employer import employer_plan_message, excluded_employer_message
from bot.core.say.options import OPTION_NAMES, option_line, options_message
from bot.core.say.verdict import verdict_message
from tests.unit.say_checks import CLOSED, K, assert_no_typed_digits, assert_sourced

PROFILES = [
    Profile(age=14), Profile(age=17), Profile(age=20, experienced=True), Profile(age=27),
    Profile(age=27, situation="demandeur_emploi"), Profile(age=45, situation="demandeur_emploi"),
    Profile(age=40, situation="salarie"), Profile(age=35, experienced=True), Profile(handicap=True, age=40),
    Profile(), Profile(employer_kind=PRIVATE), Profile(employer_kind=PUBLIC), Profile(employer_kind=PARTICULIER),
]


@pytest.mark.parametrize("profile", PROFILES)
def test_two_or_three_options_each_held_by_the_knowledge_data(profile):
    ids = options_for(profile, K)
    assert 1 <= len(ids) <= MAX_OPTIONS and len(set(ids)) == len(ids)
    assert set(ids) <= set(K.options)
    message = options_message(profile, K)
    assert_sourced(message)
    assert_no_typed_digits(message)
    assert "28 février 2026" in message and "aucune prolongation" in message


@pytest.mark.parametrize(("profile", "expected", "excluded"), [
    # Under 16: what applies at 16 (apprenticeship, the Mission locale), never a contract "now".
    (Profile(age=14), {APPRENTISSAGE, MISSION_LOCALE}, {VAE}),
    (Profile(age=20), {APPRENTISSAGE, CONTRAT_PRO, MISSION_LOCALE}, set()),
    (Profile(age=45, situation="demandeur_emploi"), {CONTRAT_PRO, FRANCE_TRAVAIL}, {APPRENTISSAGE, MISSION_LOCALE}),
    (Profile(age=40, situation="salarie"), {CEP, TRANSITIONS_PRO}, {MISSION_LOCALE}),
    (Profile(age=35, experienced=True), {VAE}, {MISSION_LOCALE}),
    (Profile(age=40, handicap=True), {APPRENTISSAGE, CAP_EMPLOI}, set()),
    # A public employer may not sign a contrat de professionnalisation; apprenticeship is open to it.
    (Profile(employer_kind=PUBLIC), {APPRENTISSAGE}, {CONTRAT_PRO}),
    (Profile(employer_kind=PRIVATE), {CONTRAT_PRO, APPRENTISSAGE}, set()),
    # A private individual (or someone asking for a relative) is not told to sign a contract.
    (Profile(employer_kind=PARTICULIER), {VAE}, {CONTRAT_PRO, APPRENTISSAGE}),
])
def test_options_follow_the_profile(profile, expected, excluded):
    ids = set(options_for(profile, K))
    assert expected <= ids and not ids & excluded


def _every_rendered_answer() -> list[str]:
    answers = [options_message(profile, K) for profile in PROFILES]
    for age in (None, 14, 20, 30, 50):
        for situation in (None, "salarie", "demandeur_emploi", "etudiant"):
            verdict = assess(EligibilityProfile(age=age, sector_id="btp", situation=situation), CLOSED, K)
            answers += [verdict_message(verdict, None, K, audience) for audience in (CANDIDATE, EMPLOYER)]
    answers.append(employer_plan_message(plan(EmployerRequest(sector_id="btp", hires=2), CLOSED, K), K))
    answers += [excluded_employer_message(kind, K) for kind in (PUBLIC, PARTICULIER)]
    return answers


def test_an_answer_names_only_options_the_data_holds():
    names = {option_id: name.split(" ", 1)[1] if name.startswith(("Le ", "La ")) else name
             for option_id, name in OPTION_NAMES.items()}
    assert set(names) <= set(K.options), "an option named by the answers is missing from the knowledge data"
    for answer in _every_rendered_answer():
        for line in answer.splitlines():
            if line.startswith("- **"):  # an option line: its name is one of the data's options
                named = line[4:].split("**", 1)[0]
                assert named in OPTION_NAMES.values(), line


def test_nothing_unconfirmed_is_said_as_certain():
    for answer in _every_rendered_answer():
        assert "guichet unique" not in answer and "6 000 €" not in answer and "un an d'expérience" not in answer


def test_each_option_says_why_and_where():
    for option_id in OPTION_NAMES:
        line = option_line(option_id, K)
        assert " : " in line and "Où : https://" in line


@pytest.mark.parametrize(("text", "slots", "kind"), [
    ("alors je fais comment pour ma mère ?", {}, PARTICULIER),
    ("je fais quoi maintenant ?", {"employer_kind": "public"}, PUBLIC),
    ("je fais quoi maintenant ?", {"role": "employeur"}, PRIVATE),
    ("je fais quoi maintenant ?", {"age": 20.0}, None),
])
def test_the_options_answer_is_about_who_asks(text, slots, kind):
    state = State(slots=slots, today=date(2026, 12, 5), knowledge=K)
    assert options_profile(Turn(text, "faq"), state).employer_kind == kind
    decision = answer_faq(Turn(text, "faq"), state, "options_now", 0.9, {"responses": {
        "utter_faq/options_now": [{"text": "x"}]}})
    (said,) = decision.say
    assert "aucune prolongation" in said.text and said.buttons
    if kind == PARTICULIER:
        assert "contrat de professionnalisation" not in said.text.split("**Pour la personne concernée")[1]


def test_the_greeting_says_where_the_experimentation_stands_then_offers_a_choice():
    from bot.core.dialogue.greet import greet
    from bot.core.say.buttons import GREETING_BUTTONS_CLOSED

    (said,) = greet(State(today=date(2026, 12, 5), knowledge=K)).say
    assert "28 février 2026" in said.text and "aucune prolongation" in said.text
    checked = K.facts["experimentation.extension_known"].checked
    assert f"au {checked.day} décembre {checked.year}" in said.text  # the facts' last check, from the data
    assert said.buttons == GREETING_BUTTONS_CLOSED
    (before,) = greet(State(today=date(2025, 6, 26), knowledge=K)).say
    assert "couvre les contrats signés jusqu'au 28 février 2026" in before.text and "prolongation" not in before.text


def test_the_first_answer_says_the_status_once():
    domain = {"responses": {"utter_faq/tutor": [{"text": "Le tuteur accompagne la personne.\nSource : {src_decret}"}]}}
    first = answer_faq(Turn("c'est quoi un tuteur ?", "faq"), State(today=date(2026, 12, 5), knowledge=K), "tutor",
                       0.9, domain)
    assert first.say[0].text.startswith("L'expérimentation couvrait les contrats signés jusqu'au 28 février 2026")
    assert first.slots == {"status_told": True, "last_answer": "faq/tutor"}
    told = State(slots={"status_told": True}, today=date(2026, 12, 5), knowledge=K)
    again = answer_faq(Turn("c'est quoi un tuteur ?", "faq"), told, "tutor", 0.9, domain)
    assert again.say[0].text.startswith("Le tuteur")
