"""Goals, situations and amounts written in French."""

from __future__ import annotations

import pytest

from bot.core.read.changes import requested_change
from bot.core.read.money import MoneyParse, parse_money
from bot.core.read.profile import parse_goal, parse_situation, situation_in_passing


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("le diplôme complet", "certification"),
        ("le diplome en entier", "certification"),
        ("obtenir un CAP", "certification"),
        ("une certification", "certification"),
        ("quelques blocs", "blocs"),
        ("des blocs de compétences", "blocs"),
        ("une partie du diplôme", "blocs"),
        ("trouver un emploi", "emploi"),
        ("décrocher un job", "emploi"),
        ("être embauchée", "emploi"),
        ("me reconvertir", "reconversion"),
        ("une reconversion", "reconversion"),
        ("changer de métier", "reconversion"),
        ("autre", "autre"),
        ("autre chose", "autre"),
        ("je ne sais pas", None),
        ("bonjour", None),
    ],
)
def test_goal(text, goal):
    assert parse_goal(text) == goal


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("je suis salarié", "salarie"),
        ("salariée", "salarie"),
        ("salarie", "salarie"),
        ("en CDI", "salarie"),
        ("j'ai un CDD", "salarie"),
        ("je travaille", "salarie"),
        ("employée", "salarie"),
        ("intérimaire", "salarie"),
        ("demandeur d'emploi", "demandeur_emploi"),
        ("demandeuse d'emploi", "demandeur_emploi"),
        ("demandeur d emploi", "demandeur_emploi"),
        ("au chômage", "demandeur_emploi"),
        ("chomeuse", "demandeur_emploi"),
        ("je ne travaille pas", "demandeur_emploi"),
        ("je travaille pas", "demandeur_emploi"),
        ("je cherche du travail", "demandeur_emploi"),
        ("inscrite à France Travail", "demandeur_emploi"),
        ("étudiant", "etudiant"),
        ("etudiante", "etudiant"),
        ("lycéenne", "etudiant"),
        ("élève", "etudiant"),
        ("retraitée", "autre"),
        ("auto-entrepreneur", "autre"),
        ("autre", "autre"),
        ("je suis employeur", None),
        ("bof", None),
    ],
)
def test_situation(text, situation):
    assert parse_situation(text) == situation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 000 € par an", MoneyParse(12000, None, True)),
        ("12 000 €/an", MoneyParse(12000, None, True)),
        ("8 000 € l'an", MoneyParse(8000, None, True)),
        ("8 000 euros annuels", MoneyParse(8000, None, True)),
        ("combien l'OPCO prend en charge pour 12 000 € par an", MoneyParse(12000, None, True)),
        ("15 000 € sur 18 mois", MoneyParse(15000, 18, False)),
        ("6 500 €", MoneyParse(6500, None, False)),
        ("6500 euros", MoneyParse(6500, None, False)),
        ("9k€", MoneyParse(9000, None, False)),
        ("9 k", MoneyParse(9000, None, False)),
        ("15 000 euros pour 2 ans", MoneyParse(15000, 24, False)),
        ("dix mille euros", MoneyParse(10000, None, False)),
        ("quinze mille euros sur dix-huit mois", MoneyParse(15000, 18, False)),
        ("20 000 € sur un an et demi", MoneyParse(20000, 18, False)),
        ("7 500,50 €", MoneyParse(7500.5, None, False)),
        ("12.000 €", MoneyParse(12000, None, False)),
        ("12000", MoneyParse(12000, None, False)),
        ("0 €", MoneyParse(0, None, False)),  # read, so that the simulation explains the cost must be above zero
        ("1 000 € par mois", MoneyParse(12000, None, True)),
        ("1 000 € par mois sur 18 mois", MoneyParse(18000, 18, False)),
    ],
)
def test_money(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["rien", "j'ai 25 ans", "sur 18 mois", "", "je voudrais modifier une réponse", "50"])
def test_no_money(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(
    "text,key",
    [
        ("je voudrais changer mon âge", "age"),
        ("je me suis trompé d'âge", "age"),
        ("Modifier ma date de naissance", "age"),
        ("mon âge n'est pas bon", "age"),
        ("je me suis trompée de secteur", "sector"),
        ("corriger le métier", "sector"),
        ("je me suis trompé de métier", "sector"),
        ("changer mon objectif", "goal"),
        ("corriger ma situation", "situation"),
        ("on veut changer nos postes", "jobs"),
        ("changer le nombre d'embauches", "hires"),
        ("modifier la durée", "months"),
        # a change that names no answer: the visitor is asked which one
        ("je veux modifier ma réponse", "answer"),
        ("Je voudrais modifier une réponse", "answer"),
        ("je me suis trompé", "answer"),
        ("Oups, je me suis trompée !", "answer"),
        ("je me suis trompé dans mes réponses", "answer"),
        ("ma réponse est fausse", "answer"),
        ("corriger mes informations", "answer"),
        ("je voudrais revenir sur une de mes réponses", "answer"),
        ("je me suis trompé dans une réponse", "answer"),
        ("changer ma réponse sur l'âge", "age"),
        ("modifier une réponse : la durée", "months"),
        # wishes and questions, not change requests
        ("je veux changer de métier", None),
        ("je voudrais changer ma situation", None),
        ("mon âge est bon ?", None),
        ("quel âge faut-il avoir ?", None),
        ("je me suis trompé de route dans la vie", None),
        ("vos réponses sont claires", None),
    ],
)
def test_requested_change(text, key):
    assert requested_change(text) == key


@pytest.mark.parametrize("text, expected", [
    ("chui au lycee", "etudiant"), ("jsui au lycee", "etudiant"), ("je suis en terminale", "etudiant"),
    ("en troisième", "etudiant"), ("jsui en bac pro", "etudiant"), ("au chomdu", "demandeur_emploi"),
    ("chommeuse", "demandeur_emploi"), ("je bosse dans un hotel comme femme de chambre", "salarie"),
    ("je taffe en intérim", "salarie"), ("au RSA", "demandeur_emploi"), ("auto-entrepreneuse", "autre"),
    ("retraitée", "autre"), ("combien de salaire ?", None),
])
def test_situation_in_chat_and_colloquial_french(text, expected):
    assert parse_situation(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("trouver un taf", "emploi"), ("bosser", "emploi"), ("trouvé un emploie", "emploi"),
    ("certfication", "certification"), ("un diplom", "certification"),
])
def test_goal_in_chat_spelling_or_with_a_typo(text, expected):
    assert parse_goal(text) == expected


@pytest.mark.parametrize("text, goal, situation", [
    ("je suis salariée à temps partiel et j'aimerais obtenir le diplôme", "certification", "salarie"),
    ("manager en terminal de cuisson", None, None),  # "terminal" is a word of its own, not "terminale" mistyped
    ("je n'ai pas d'activité", None, "demandeur_emploi"),
])
def test_goal_and_situation_are_not_read_from_other_words(text, goal, situation):
    assert (parse_goal(text), parse_situation(text)) == (goal, situation)


@pytest.mark.parametrize("text, situation", [("je suis ouvrier viticole", None), ("employé de rayon", None),
                                             ("conductrice transport scolaire", None),
                                             ("aérodynamicienne en études, recherche et développement", None),
                                             ("agent technique en études et développement", None),
                                             ("ouvrière en CDI", "salarie"), ("en terminale", "etudiant")])
def test_a_job_title_said_in_passing_is_no_situation(text, situation):
    assert situation_in_passing(text) == situation
    assert parse_situation("ouvrière") == "salarie"  # the answer to the situation question
