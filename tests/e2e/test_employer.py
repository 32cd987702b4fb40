"""Employers talk to the real servers (reference date: 15 November 2026, after the end of the window)."""
import pytest

from bot.core.say.typography import untypeset

# Each employer: the messages they send, what the last answer must say, and what it must not say.
EMPLOYERS = [
    pytest.param(
        ["Je dirige une entreprise du BTP", "des maçons", "trois", "12 mois"],
        ["Constructys", "https://www.constructys.fr", "Recrutements : 3", "28 février 2026", "projet retenu"],
        ["n'est pas ouverte", "€"], id="BTP, one answer at a time"),
    pytest.param(
        # Every answer is in the first sentence: the plan comes at once.
        ["Je gère une entreprise de transport routier, nous voulons recruter deux chauffeurs sur dix-huit mois"],
        ["OPCO Mobilités", "https://www.opcomobilites.fr", "Durée des contrats : 18 mois", "Postes : deux chauffeurs"],
        ["n'est pas ouverte"], id="transport, details up front"),
    pytest.param(
        ["Je suis DRH d'une clinique privée", "des aides-soignantes de nuit", "quatre", "un an et demi"],
        ["OPCO Santé", "Recrutements : 4", "Durée des contrats : 18 mois", "aides-soignantes de nuit"],
        ["n'est pas ouverte"], id="private health care, four hires"),
    pytest.param(
        ["Je suis DRH d'un hôpital public, nous voulons recruter"],
        ["n'est pas ouverte aux employeurs publics", "contrat d'apprentissage", "France VAE"],
        ["€", "Constructys", "Je vous pose quelques questions"], id="public hospital"),
    pytest.param(
        # Classified inform (details, no introduction): it started the candidate's test ("Quel âge avez-vous ?").
        ["Je dirige une entreprise de transport, je veux recruter 3 chauffeurs poids lourd pendant 12 mois"],
        ["OPCO Mobilités", "Postes : 3 chauffeurs poids lourd", "Recrutements : 3", "Durée des contrats : 12 mois"],
        ["Quel âge", "n'est pas ouverte"], id="transport, the details are the first message"),
    pytest.param(
        ["Je suis gérant d'un restaurant", "un commis de cuisine", "6 mois"],
        ["Akto", "https://www.akto.fr", "Durée des contrats : 6 mois"],
        ["n'est pas ouverte", "en tout ("], id="restaurant, one hire"),
]


@pytest.mark.parametrize("messages,expected,forbidden", EMPLOYERS)
def test_employer_reaches_their_plan(chat, messages, expected, forbidden):
    for message in messages[:-1]:
        chat.say(message)
    plan = chat.text(messages[-1])
    for text in expected:
        assert text in plan, f"{text!r} missing from: {plan}"
    for text in forbidden:
        assert text not in plan, f"{text!r} present in: {plan}"
    # Issue 34: the plan opens short, the rest is on demand.
    assert len([line for line in plan.split("Source :")[0].splitlines() if line.strip()]) <= 6, plan


# Each detail button of the plan (after the end of the window), what its answer must say and must not say.
PLAN_DETAILS = [
    ("Ce qui reste possible", ["contrat de professionnalisation", "apprentissage", "Où :"], ["Quel âge"]),
    ("Le financement", ["Votre **OPCO**", "9 000 €", "28 février 2026"], ["l'employeur qui vous recrute"]),
    ("Votre OPCO", ["Constructys", "votre convention collective"], ["L'employeur le trouve", "Lequel est-ce"]),
    ("Le rôle du tuteur", ["tuteur"], ["Quel âge"]),
    ("Un contrat déjà signé", ["date de signature", "votre OPCO"], ["Quel âge"]),
]


@pytest.mark.parametrize("title,expected,forbidden", PLAN_DETAILS, ids=[title for title, _, _ in PLAN_DETAILS])
def test_each_detail_button_of_the_plan_gets_its_detail(chat, title, expected, forbidden):
    plan_then_detail(chat, title, expected, forbidden)


def plan_then_detail(chat, title: str, expected, forbidden) -> dict:
    """An employer's plan for 3 maçons over 12 months, then its `title` button: the detail answers with its
    `expected` words and none of the `forbidden` ones. Returns the plan's message."""
    for message in ["Je dirige une entreprise du BTP", "des maçons", "trois"]:
        chat.say(message)
    (plan, *_) = chat.say("12 mois")
    payload = next(button["payload"] for button in plan["buttons"] if untypeset(button["title"]) == title)
    answer = chat.text(payload)
    assert "Source :" in answer and "je n'ai pas bien compris" not in answer.lower(), answer
    for text in expected:
        assert text in answer, f"{text!r} missing from the answer to {payload!r}: {answer}"
    for text in forbidden:
        assert text not in answer, f"{text!r} in the answer to {payload!r}: {answer}"
    return plan


def test_the_form_asks_only_what_is_missing(chat):
    opening = chat.text("Je gère une entreprise de transport routier, nous avons deux postes à pourvoir "
                        "sur dix-huit mois")
    assert "Quels postes" in opening
    assert "secteur" not in opening.lower() and "Combien de personnes" not in opening


def test_a_question_during_the_form_is_answered_then_the_form_resumes(chat):
    chat.say("Je suis gérant d'un restaurant")
    answer = chat.text("Qui finance la VAE inversée ?")
    assert "OPCO" in answer and "Source :" in answer
    assert "Quels postes" in answer  # the form asks its question again


def test_a_sigh_during_the_form_is_not_taken_for_the_jobs(chat):
    chat.say("Je suis gérant d'un restaurant")
    answer = chat.text("pfff")
    assert "toujours là" in answer
    assert "Quels postes" in answer  # neither an answer nor a goodbye: the question again


def test_an_employer_keeps_the_role_and_gets_employer_answers(chat):
    chat.say("Je dirige une entreprise du BTP")
    chat.say("stop")
    answer = chat.text("Combien ça coûte à l'employeur ?")
    assert "Vous versez le **salaire**" in answer


def test_an_employer_recognised_from_the_question_itself(chat):
    answer = chat.text("Je recrute : combien ça coûte à l'employeur ?")
    assert "Vous versez le **salaire**" in answer


def test_an_employer_stays_an_employer_after_checking_a_candidate(chat):
    chat.say("Je dirige une entreprise du BTP")
    chat.say("stop")
    chat.say("Suis-je éligible ?")
    chat.say("stop")
    answer = chat.text("Qui finance la VAE inversée ?")
    assert "Votre **OPCO**" in answer


def test_a_job_seeker_gets_the_candidate_answer(chat):
    answer = chat.text("Combien ça coûte à l'employeur ?")
    assert "L'employeur verse le **salaire**" in answer


def test_opco_finder_for_anyone(chat):
    answer = chat.text("mon OPCO c'est lequel, je suis dans le transport")
    assert "OPCO Mobilités" in answer and "IDCC" in answer


def test_the_sector_asked_for_by_the_opco_finder_gets_its_opco(chat):
    assert "Lequel est-ce" in chat.text("Quel est mon OPCO ?")
    answer = chat.text("le BTP")  # it started the eligibility test
    assert "Constructys" in answer and "Quel âge" not in answer
    assert "Quel âge" in chat.text("Suis-je éligible ?")  # the question is no longer pending


def test_a_job_the_nlu_does_not_know_given_to_the_opco_finder_gets_the_list(chat):
    chat.say("Quel est mon OPCO ?")
    answer = chat.text("prof de yoga")
    assert "Je n'ai pas reconnu ce secteur" in answer and "Afdas" in answer



def test_a_visitor_who_clicked_employer_by_mistake_gets_the_eligibility_questions(chat):
    chat.say("Je suis employeur")
    answer = chat.text("non je suis pas employeur, je cherche un emploi")  # the company's sector was asked again
    assert "vous cherchez pour vous-même" in answer and "Quel âge" in answer
    for message in ["30", "aide-soignante", "Trouver un emploi"]:
        chat.say(message)
    verdict = chat.text("Je suis demandeur d'emploi")
    assert "Vous remplissez la condition d'âge" in verdict and "Cette personne" not in verdict


def test_a_public_employer_asking_for_its_opco_is_told_it_may_not_sign(chat):
    answer = chat.text("quel opco pour un EHPAD public ?")  # OPCO Santé with no caveat before
    assert "OPCO Santé" in answer and "ne peut pas signer" in answer


def test_a_very_large_request_is_flagged_and_the_duration_can_be_changed_after_the_plan(chat):
    for message in ["Je suis employeur dans le BTP", "des maçons", "5000"]:
        chat.say(message)
    plan = chat.text("12 mois")
    assert "Recrutements : " in plan and "Durée des contrats : 12 mois" in plan
    # Before: the eligibility form took over and asked the employer's age.
    answer = chat.text("je voudrais changer la durée")
    assert "modifions" in answer and "Combien de mois" in answer
    assert "Quel âge" not in answer and "Je vous pose quelques questions" not in answer
    assert "Durée des contrats : 24 mois" in chat.text("24 mois")


@pytest.mark.parametrize("jobs", ["un commis de cuisine", "commis de cuisine"])
def test_jobs_the_nlu_finds_out_of_scope_are_taken_as_the_answer(chat, jobs):
    # The NLU calls these out of scope: they got "je ne peux pas répondre" and the jobs question again.
    chat.say("Je suis gérant d'un restaurant")
    answer = chat.text(jobs)
    assert "ne peux pas répondre" not in answer and "Quels postes" not in answer


def test_an_employer_who_gives_a_new_duration_after_the_plan_gets_a_new_plan(chat):
    for message in ["Je suis employeur dans le BTP", "des maçons", "3"]:
        chat.say(message)
    assert "Durée des contrats : 12 mois" in chat.text("12 mois")
    # Before: the eligibility form took the message and asked the employer's age.
    answer = chat.text("en fait 24 mois")
    assert "Durée des contrats : 24 mois" in answer and "Quel âge" not in answer


def test_an_employer_who_asks_to_change_an_unnamed_answer_is_offered_theirs(chat):
    for message in ["Je suis employeur dans le BTP", "des maçons", "2", "12 mois"]:
        chat.say(message)
    replies = chat.say("je veux modifier une réponse")
    titles = [button["title"] for reply in replies for button in reply.get("buttons") or []]
    assert titles == ["Le secteur", "Les postes", "Le nombre d'embauches", "La durée des contrats"]
    payload = next(button["payload"] for reply in replies for button in reply["buttons"]
                   if button["title"] == "Le nombre d'embauches")
    assert "modifions" in chat.text(payload)
    assert "Recrutements : 3" in chat.text("3")


@pytest.mark.parametrize("correction,expected", [("finalement 5 personnes", "Recrutements : 5"),
                                                 ("2 ans", "Durée des contrats : 24 mois")])
def test_a_short_correction_after_the_plan_gets_a_new_plan(chat, correction, expected):
    # Before: the same plan came back, with the old figure.
    for message in ["Je suis employeur dans le BTP", "des maçons", "2"]:
        chat.say(message)
    chat.say("6 mois")
    assert expected in chat.text(correction)


def test_a_cost_question_with_a_head_count_is_no_cost_of_two_euros(chat):
    answer = chat.text("ca me coute combien pour 2 serveurs sur 1 an")
    assert "Coût du parcours : 2 €" not in answer and "9 000 €" in answer


def test_an_employer_asking_for_an_adviser_is_pointed_to_who_helps_employers(chat):
    for message in ["Je suis employeur dans le BTP", "des maçons", "2", "12 mois"]:
        chat.say(message)
    answer = chat.text("Je veux parler à un conseiller")
    assert "OPCO de votre branche" in answer and "si vous cherchez un emploi" not in answer


def test_an_employer_checking_a_candidate_is_asked_about_that_person(chat):
    for message in ["Je suis employeur dans le BTP", "des maçons", "2", "12 mois"]:
        chat.say(message)
    # Before: "Quel âge avez-vous ?", "Quel est votre objectif ?" with a "Me reconvertir" button.
    assert "Quel âge a la personne" in chat.text("est-ce que mon candidat est éligible ?")
    replies = chat.say("il a 25 ans")  # the company's sector is known: the job question is not asked
    assert "son objectif" in str(replies) and "Se reconvertir" in str(replies)
    assert "sa situation" in chat.text("Se reconvertir")
    assert "Cette personne" in chat.text("Demandeur d'emploi")


# While the experimentation is open (the date the bench and cluster scenarios use): the plan's own buttons.
OPEN_PLAN_DETAILS = [
    ("Les étapes", ["Dans ce cadre", "ne peut pas signer seule", "Il reste"], ["pouvait", "aucune prolongation"]),
    ("Quels frais sont couverts ?", ["frais pédagogiques"], ["aucune prolongation"]),
    ("Votre OPCO", ["Constructys", "votre convention collective"], ["L'employeur le trouve"]),
    ("Le rôle du tuteur", ["tuteur"], ["aucune prolongation"]),
]


@pytest.fixture(scope="module")
def open_chat(tmp_path_factory):
    from tests.support import Chat, running_bot

    with running_bot(tmp_path_factory.mktemp("open"), reference_date="2025-06-26") as running:
        yield lambda: Chat(running["rest"])


def test_while_open_each_detail_button_of_the_plan_gets_its_detail(open_chat):
    for title, expected, forbidden in OPEN_PLAN_DETAILS:
        plan = plan_then_detail(open_chat(), title, expected, forbidden)
        assert "27 000 €" in untypeset(plan["text"]) and "Il reste" in plan["text"], plan["text"]


def test_while_open_how_to_start_after_a_verdict_is_worded_for_the_open_window(open_chat):
    chat = open_chat()
    for message in ["J'ai 30 ans, je veux être maçon, suis-je éligible ?", "Trouver un emploi"]:
        chat.say(message)
    (verdict, *_) = chat.say("Je suis salarié")
    assert "Bonne nouvelle" in untypeset(verdict["text"]) and "Il reste" in verdict["text"]
    payload = next(button["payload"] for button in verdict["buttons"]
                   if untypeset(button["title"]) == "Comment commencer ?")
    answer = chat.text(payload)
    assert "Pour commencer" in answer and "Il reste" in answer, answer
    assert "on ne peut plus" not in answer and "aucune prolongation" not in answer, answer
