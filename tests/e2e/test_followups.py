"""Issue 33, short follow-ups over the real REST channel: a message that names only a new value asks the last
answer's question again with it, "et après ?" gets the last answer's next step (bot/core/dialogue/followup.py)."""
import pytest

FALLBACK = "je n'ai pas bien compris"


def answer_to(chat, opening: list[str], follow_up: str) -> str:
    for message in opening:
        chat.text(message)
    answer = chat.text(follow_up)
    assert FALLBACK not in answer.lower(), answer
    return answer


OPCO_QUESTION = ["Quel OPCO pour la restauration ?"]
# (what came before, the follow-up, what its answer must say)
VALUES = [
    (OPCO_QUESTION, "et une agence d'intérim ?", ["sécurité privée et intérim", "Akto"]),
    (OPCO_QUESTION, "une boulangerie ?", ["commerces de bouche", "OPCO EP"]),
    (OPCO_QUESTION, "et pour un boulanger ?", ["commerces de bouche", "OPCO EP"]),
    (OPCO_QUESTION, "et l'informatique ça compte ?", ["numérique", "pas exclu", "Atlas"]),
    (["Combien l'OPCO finance pour une formation à 12 000 € sur 12 mois ?"], "et sur 18 mois ?", ["18 mois"]),
    (["J'ai 30 ans, je suis cuisinier, suis-je éligible ?", "Trouver un emploi", "Je suis salarié"],
     "et pour un boulanger ?", ["commerces de bouche", "OPCO EP"]),
]


@pytest.mark.parametrize("opening,follow_up,expected", VALUES, ids=[v[1] for v in VALUES])
def test_a_new_value_asks_the_last_question_again(chat, opening, follow_up, expected):
    answer = answer_to(chat, opening, follow_up)
    for text in expected:
        assert text.lower() in answer.lower(), f"{text!r} missing from the answer to {follow_up!r}: {answer}"


def test_a_new_duration_keeps_the_cost(chat):
    first = answer_to(chat, [], "Combien l'OPCO finance pour une formation à 12 000 € sur 12 mois ?")
    again = answer_to(chat, [], "et sur 18 mois ?")
    assert "12 000" in first and "12 000" in again and again != first


NEXT = {
    "opco": OPCO_QUESTION,
    "funding": ["Combien l'OPCO finance pour une formation à 12 000 € sur 12 mois ?"],
    "verdict": ["J'ai 30 ans, je suis cuisinier, suis-je éligible ?", "Trouver un emploi", "Je suis salarié"],
    "faq": ["C'est quoi la VAE inversée ?"],
}


@pytest.mark.parametrize("kind", NEXT)
def test_what_comes_next_after_each_answer(chat, kind):
    # The servers' day is after the experimentation's end: the next step is what remains possible today.
    answer = answer_to(chat, NEXT[kind], "et après ?")
    assert answer.startswith("La suite : voici ce qui reste possible aujourd'hui."), answer
    assert "Source :" in answer


def test_with_nothing_answered_before_what_comes_next_is_not_guessed(chat):
    answer = chat.text("et après ?")
    assert "La suite" not in answer
