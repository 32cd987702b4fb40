"""Questions a visitor asks, over the real REST channel: each answer carries the right fact and a source."""
import pytest

# (question, facts the answer must contain); the answers' figures come from the knowledge data.
QUESTIONS = [
    ("C'est quoi la VAE inversée ?", ["contrat de professionnalisation"]),
    ("vae inversee c koi", ["contrat de professionnalisation"]),
    ("Quelle différence avec la VAE classique ?", ["expérience"]),
    ("Que contient le parcours ?", ["accompagnement", "formation"]),
    ("Qu'est-ce qu'on peut valider avec ?", ["blocs de compétences"]),
    ("Combien de temps dure le contrat allégé ?", ["36"]),
    ("Quel texte de loi a créé la VAE inversée ?", ["2022-1598"]),
    ("Quel décret encadre l'expérimentation ?", ["2023-408"]),
    ("Quel ministère s'occupe de la VAE inversée ?", ["ministère chargé du Travail"]),
    ("Jusqu'à quand dure l'expérimentation ?", ["28 février 2026"]),
    ("C'est encore possible de signer un contrat ?", ["28 février 2026", "apprentissage"]),
    ("Combien de parcours sont prévus ?", ["5 000"]),
    ("Pourquoi la VAE inversée a été créée ?", ["métiers en tension"]),
    ("Quels secteurs sont concernés ?", ["santé"]),
    ("Qui peut en bénéficier ?", ["16"]),
    ("Faut-il un diplôme pour en bénéficier ?", ["16"]),
    ("Comment est financée la VAE inversée ?", ["9 000 €", "OPCO"]),
    ("financement ?", ["9 000 €"]),
    ("Quels frais sont pris en charge ?", ["pédagogiques", "annexes", "accompagnement"]),
    ("C'est quoi un OPCO ?", ["opérateur"]),
    ("Quelle est la liste des OPCO ?", ["Constructys", "Akto", "Afdas"]),
    ("C'est quoi un contrat de professionnalisation ?", ["contrat"]),
    ("Quel salaire pendant le contrat de professionnalisation ?", ["SMIC"]),
    ("Une mairie peut-elle signer ce contrat ?", ["privé"]),
    ("Comment recruter avec la VAE inversée ?", ["OPCO"]),
    ("Quel intérêt pour mon entreprise ?", ["recrut"]),
    ("Qui paie pour l'employeur ?", ["OPCO"]),
    ("Quel est le rôle du tuteur ?", ["tuteur"]),
    ("Je suis en CDI, je peux en profiter ?", ["avenant"]),
    ("Comment commencer les démarches ?", ["projet retenu", "apprentissage"]),
    ("Qui contacter pour la VAE inversée ?", ["France Travail"]),
    ("Je vais perdre mon chômage si je signe ?", ["salaire", "France Travail"]),
    ("Vous gardez mes réponses ?", ["Vos données", "16 ans"]),
]


@pytest.mark.parametrize("question,facts", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_faq_answer_carries_fact_and_source(chat, question, facts):
    answer = chat.text(question)
    for fact in facts:
        assert fact.lower() in answer.lower(), f"{fact!r} missing from the answer to {question!r}: {answer}"
    assert "Source :" in answer, answer


def test_status_never_claims_the_scheme_is_open(chat):
    answer = chat.text("La VAE inversée est-elle toujours ouverte ?")
    assert "28 février 2026" in answer
    assert "prolongation" in answer.lower() or "prolong" in answer.lower()


def test_out_of_scope_is_declined_politely(chat):
    answer = chat.text("Quelle est la capitale de l'Australie ?")
    assert "VAE inversée" in answer
    assert "Canberra" not in answer


def test_a_compliment_is_not_taken_for_an_insult(chat):
    answer = chat.text("t'es fort toi")
    assert "agacer" not in answer and "gentil" in answer
