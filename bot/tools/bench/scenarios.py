"""What a simulated visitor says: a greeting, two or three FAQ questions, a full eligibility dialogue with the
action server, and a funding question (pure data and a seeded choice).

Each turn names a few words the answer should contain; an answer without them is counted "off script"
(a sanity check that the load really exercised the dialogue, not an error: the two set-ups' NLU differs).
The phrasings are those the end-to-end tests check (tests/e2e/test_faq.py, test_eligibility.py).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from bot.core.say.typography import untypeset


@dataclass(frozen=True)
class Turn:
    message: str
    expect: tuple[str, ...] = ()  # lower-case substrings the joined answer texts should all contain


def _dialogue(messages: list[str], verdict: tuple[str, ...]) -> tuple[Turn, ...]:
    return tuple(Turn(m) for m in messages[:-1]) + (Turn(messages[-1], verdict),)


GREETINGS = (Turn("Bonjour"), Turn("Bonjour, j'ai une question"), Turn("Salut"))

FAQ = (
    # The same answer: the second one drawn comes back short (issue 34), its first line.
    Turn("C'est quoi la VAE inversée ?", ("tout en travaillant",)),
    Turn("vae inversee c koi", ("tout en travaillant",)),
    Turn("Que contient le parcours ?", ("accompagnement",)),
    Turn("Jusqu'à quand dure l'expérimentation ?", ("28 février 2026",)),
    Turn("Combien de parcours sont prévus ?", ("5 000",)),
    Turn("Quels secteurs sont concernés ?", ("santé",)),
    Turn("Qui peut en bénéficier ?", ("16",)),
    Turn("Quels frais sont pris en charge ?", ("pédagogiques",)),
    Turn("C'est quoi un OPCO ?", ("opérateur",)),
    Turn("Quel salaire pendant le contrat de professionnalisation ?", ("smic",)),
    Turn("Je suis en CDI, je peux en profiter ?", ("avenant",)),
    # Worded for the period (issue 34): the first steps while open, France VAE once closed; a selected project
    # in both.
    Turn("Comment commencer les démarches ?", ("projet retenu",)),
)

ELIGIBILITY = (
    _dialogue(["J'ai 30 ans, je veux être conducteur routier, suis-je éligible ?", "Trouver un emploi",
               "Je suis demandeur d'emploi"], ("bonne nouvelle", "opco mobilités")),
    _dialogue(["Suis-je éligible ?", "25", "aide-soignante", "Obtenir une certification complète",
               "Je suis salarié"], ("bonne nouvelle", "opco santé")),
    _dialogue(["est-ce que je peux faire une vae inversée", "j'ai quinze ans", "boulanger", "Trouver un emploi",
               "Je suis étudiant"], ("pas encore",)),
    _dialogue(["Suis-je éligible ?", "19", "cuisinier", "Valider des blocs de compétences",
               "Je suis demandeur d'emploi"], ("bonne nouvelle", "akto")),
    _dialogue(["Je voudrais savoir si je suis éligible", "45", "astronaute", "Me reconvertir", "Autre situation"],
              ("bonne nouvelle",)),
)

FUNDING = (
    Turn("Combien l'OPCO prend en charge pour 15 000 € sur 18 mois ?", ("13 500 €", "1 500 €")),
    Turn("Comment est financée la VAE inversée ?", ("9 000 €",)),
)


def conversation(rng: random.Random) -> list[Turn]:
    """One visitor's conversation, drawn with `rng` (the same seed gives the same conversation)."""
    turns = [rng.choice(GREETINGS)]
    turns += rng.sample(FAQ, rng.choice((2, 3)))
    turns += rng.choice(ELIGIBILITY)
    turns.append(rng.choice(FUNDING))
    return turns


def all_messages() -> list[str]:
    """Every distinct message a visitor may send, in a stable order (for the NLU and spaCy floor)."""
    seen: dict[str, None] = {}
    for turn in [*GREETINGS, *FAQ, *(t for d in ELIGIBILITY for t in d), *FUNDING]:
        seen.setdefault(turn.message)
    return list(seen)


def on_script(turn: Turn, texts: list[str]) -> bool:
    """Whether the answer carries what this turn expects."""
    joined = untypeset("\n".join(texts)).lower()  # "9 000 €" as typed here matches the answer's no-break spaces
    return all(word in joined for word in turn.expect)
