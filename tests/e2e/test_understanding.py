"""Issue 33's example messages, over REST against the real servers: each is understood for what it is (an answer,
a question, a request to reword, an employer's first sentence, a job seeker's) whatever the intent classifier
makes of it. What the servers stored (tests/e2e/recorded.py) shows what was read.

Covered elsewhere: a question at the job question (test_eligibility.py), employers' details given up front and
their plan (test_employer.py)."""
from __future__ import annotations

import pytest

from bot.core.knowledge import load
from bot.core.knowledge.rome import load_rome
from bot.core.read.jobs import title_forms
from bot.core.read.text import normalize
from tests.e2e.recorded import recorded

GOAL_QUESTION, SITUATION_QUESTION = "Quel est votre objectif ?", "Quelle est votre situation aujourd'hui ?"
JOB_QUESTION = "Dans quel métier ou quel secteur souhaitez-vous travailler ?"
EMPLOYER_WELCOME = "Je vous pose quelques questions sur votre projet"


def slots_of(servers, chat) -> dict:
    return recorded(servers["db"], chat.sender)[1]


def at_the_goal_question(chat, job: str = "passer") -> None:
    chat.say("Suis-je éligible ?")
    chat.say("30")
    assert GOAL_QUESTION in chat.text(job)


@pytest.mark.parametrize("text, sector", [("devenir maçon", "btp"), ("je veux devenir cuisinier", "hotellerie_restauration"),
                                          ("être infirmière", "sante")])
def test_a_wanted_job_at_the_goal_question_is_the_goal_and_the_job(servers, chat, text, sector):
    at_the_goal_question(chat)  # the job question skipped: the job comes with the goal
    answer = chat.text(text)
    assert "C'est noté" in answer and SITUATION_QUESTION in answer
    assert {key: slots_of(servers, chat)[key] for key in ("goal", "sector")} == {"goal": "emploi", "sector": sector}


@pytest.mark.parametrize("text", ["je comprends pas la question", "c'est quoi des blocs de compétences ?"])
def test_not_understanding_the_goal_question_is_no_goal_and_the_form_resumes(servers, chat, text):
    at_the_goal_question(chat, "maçon")
    answer = chat.text(text)
    assert answer.rstrip().endswith(GOAL_QUESTION)  # answered or reworded, then the question again
    assert slots_of(servers, chat).get("goal") is None
    assert SITUATION_QUESTION in chat.text("un diplôme")
    assert slots_of(servers, chat)["goal"] == "certification"


def test_a_bare_question_mark_gets_the_question_again_not_a_definition(chat):
    chat.say("Suis-je éligible ?")
    chat.say("30")
    answer = chat.text("?")
    assert "OPCO" not in answer and "Source :" not in answer
    assert answer.rstrip().endswith(JOB_QUESTION)


def rome_sector(title: str) -> str:
    """The sector of a title's ROME code, from the ROME files (bot/core/knowledge/rome/)."""
    rome = load_rome(load())
    [code] = {entry.code for entry in rome.titles
              if normalize(title) in {normalize(form) for form in title_forms(entry.title)}}
    return rome.sector_of(code)


@pytest.mark.parametrize("title", ["betteravier", "guichetier de banque", "chef de fabrication", "aide-boucher",
                                   "esthéticien à domicile", "expert automobile d'assurance"])
def test_a_job_title_lands_in_the_sector_of_its_rome_code(servers, chat, title):
    chat.say("Suis-je éligible ?")
    chat.say("30")
    assert GOAL_QUESTION in chat.text(title)
    assert slots_of(servers, chat)["sector"] == rome_sector(title)


def test_the_wanted_job_decides_the_sector_not_the_present_one(servers, chat):
    chat.say("Suis-je éligible ?")
    chat.say("30")
    chat.say("Agent de service dans une clinique depuis deux ans, pour devenir aide-soignant")
    assert slots_of(servers, chat)["sector"] == "sante"


@pytest.mark.parametrize("text, situation", [("chui au lycee", "etudiant"), ("jsui au lycee", "etudiant"),
                                             ("je bosse dans un hotel comme femme de chambre", "salarie")])
def test_situations_in_chat_spelling_are_understood(servers, chat, text, situation):
    for message in ["Suis-je éligible ?", "30", "maçon", "un diplôme"]:
        chat.say(message)
    assert "condition d'âge" in chat.text(text)
    assert slots_of(servers, chat)["situation"] == situation


# Polite, about 80 words, every answer in it.
LONG_MESSAGE = (
    "Bonjour madame, monsieur, je me permets de vous écrire car une conseillère m'a parlé de la VAE inversée. "
    "J'ai 42 ans, je suis actuellement au chômage depuis huit mois après un licenciement économique, et je "
    "souhaiterais me reconvertir pour devenir aide-soignante, avec l'objectif d'obtenir le diplôme complet. Ma "
    "famille me soutient beaucoup dans ce projet qui me tient vraiment à cœur depuis longtemps. Pourriez-vous me "
    "dire si je peux bénéficier de ce dispositif et quelles démarches entreprendre ? Je vous remercie par avance "
    "de votre aide précieuse.")


@pytest.mark.parametrize("message, expected", [
    (LONG_MESSAGE, {"age": 42, "situation": "demandeur_emploi", "goal": "reconversion", "sector": "sante"}),
    ("J'ai 35 ans, je suis demandeur d'emploi et je voudrais devenir électricien avec un titre pro complet. "
     "Suis-je éligible ?", {"age": 35, "situation": "demandeur_emploi", "goal": "certification", "sector": "btp"}),
])
def test_a_long_message_is_read_in_full_and_nothing_is_asked_again(servers, chat, message, expected):
    answer = chat.text(message)
    assert "condition d'âge" in answer
    assert not [question for question in ("Quel âge", JOB_QUESTION, GOAL_QUESTION, SITUATION_QUESTION)
                if question in answer]
    assert {key: slots_of(servers, chat)[key] for key in expected} == expected


@pytest.mark.parametrize("message, expected", [
    ("Nous sommes une clinique privée et voudrions embaucher 4 aides-soignantes sur 2 ans",
     {"sector": "sante", "hires": 4, "contract_months": 24}),
    ("une PME du BTP, 3 maçons, 12 mois, c'est possible ?", {"sector": "btp", "hires": 3, "contract_months": 12}),
    ("on voudrait recruter deux commis de cuisine pour un an",
     {"sector": "hotellerie_restauration", "hires": 2, "contract_months": 12}),
])
def test_an_employers_first_sentence_starts_their_path_with_its_figures(servers, chat, message, expected):
    answer = chat.text(message)
    assert EMPLOYER_WELCOME in answer and "Quel âge" not in answer
    actions, slots = recorded(servers["db"], chat.sender)
    assert "action_employer_plan" in actions  # nothing left to ask
    assert slots["role"] == "employeur" and slots["jobs_to_fill"]
    assert {key: slots[key] for key in expected} == expected


@pytest.mark.parametrize("message", ["je veux m'occuper des personnes âgées", "évoluer dans mon entreprise"])
def test_a_job_seekers_first_sentence_is_not_welcomed_as_an_employer(servers, chat, message):
    answer = chat.text(message)
    assert EMPLOYER_WELCOME not in answer and "Quel âge avez-vous" in answer
    assert slots_of(servers, chat)["role"] == "candidat"


def test_an_employer_naming_whom_they_hire_after_a_question_gets_their_path(servers, chat):
    # Known as an employer from their question, they answer it with the jobs: the employer's questions follow,
    # not the candidate's test ("Quel âge a la personne…").
    first = chat.text("Je dirige une boulangerie, comment recruter quelqu'un avec la VAE inversée ?")
    assert "Quel âge" not in first
    answer = chat.text("Des vendeuses en boulangerie-pâtisserie.")
    assert "Quel âge" not in answer and "Combien de personnes" in answer
    slots = slots_of(servers, chat)
    assert slots["role"] == "employeur" and slots["sector"]
    assert slots["jobs_to_fill"] == "Des vendeuses en boulangerie-pâtisserie."
