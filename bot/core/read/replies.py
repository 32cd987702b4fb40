"""Read the shape of a reply to a form's question: a question back, a skip, a correction, a short answer.

These look at the visitor's words only (no intent, no slot): the dialogue floor (bot/core/dialogue/) combines them
with the intent the NLU found and the form's state.
"""
from __future__ import annotations

import re

from bot.core.read.text import normalize

# A question asked back ("quel est mon OPCO ?", "c'est quoi un tuteur"): a question mark at the end or a question
# word at the start.
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:quel(?:le)?s?|comment|combien|pourquoi|qui|quoi|quand|o[uù]|est-ce|c'est quoi|puis-je"
    r"|peut-on|dois-je|faut-il)\b",
    re.IGNORECASE,
)
# The most words an answer to a question is written with ("un commis de cuisine").
ANSWER_MAX_WORDS = 6
# "Passer", "je ne sais pas": the question is skipped.
SKIP_WORDS = re.compile(
    r"^\s*(passer|je passe|suivant|je ne sais pas|je sais pas|j'?sais pas|aucune id[ée]e|ne sais pas"
    # A visitor who would rather not say: the question is skipped too, never asked again.
    r"|(?:je )?(?:ne )?(?:pr[ée]f[èe]re|veux|souhaite|tiens) (?:pas|ne pas|ne rien|rien) (?:r[ée]pondre|dire|le dire)"
    r"|pas envie de (?:r[ée]pondre|le dire)|sans r[ée]ponse)\b",
    re.I,
)
# A message that corrects an earlier answer: only then may a value mentioned in passing replace one already given
# ("je bosse en intérim", an answer about one's situation, must not replace the sector chosen before).
CORRECTION = re.compile(
    r"\b(en fait|non|plut[oô]t|finalement|pardon|je me suis tromp[ée]+|je voulais dire|correction|erreur|"
    r"je rectifie|au final|enfin)\b",
    re.I,
)


# "Je comprends pas la question", "c'est-à-dire ?", "quoi ?", a bare "?": the visitor asks for the question in other
# words (read on `normalize`d text, a bare question mark apart).
REWORD = re.compile(
    r"\b(?:je |j )?(?:ne |n )?(?:comprends?|capte|pige) (?:pas|rien)\b|\bpas (?:compris|capte|pige)\b"
    r"|\bc est a dire\b|\b(?:ca|cela) veut dire quoi\b|\bque voulez vous dire\b|^(?:quoi|hein)$"
)
# "C'est quoi des blocs de compétences ?": a question on what a word means never answers with that word.
DEFINITION = re.compile(
    r"^(?:c est quoi|qu est ce que c est|qu est ce qu|que (?:veut dire|signifie)|(?:ca|cela) (?:veut dire|signifie))\b"
)


def asks_to_reword(text: str) -> bool:
    """Whether the visitor says they do not understand the question ("je comprends pas la question", "?")."""
    return bool(re.fullmatch(r"[?\s]+", text) or REWORD.search(normalize(text)))


def asks_a_definition(text: str) -> bool:
    """Whether the message asks what something means ("c'est quoi des blocs de compétences ?")."""
    return bool(DEFINITION.search(normalize(text)))


def asks_a_question(text: str) -> bool:
    """Whether the message is written as a question."""
    return bool(QUESTION.search(text))


def skips(text: str) -> bool:
    """Whether the message skips the question ("passer", "je ne sais pas")."""
    return bool(SKIP_WORDS.match(text))


def corrects(text: str) -> bool:
    """Whether the message corrects an earlier answer ("en fait", "finalement", "je me suis trompé")."""
    return bool(CORRECTION.search(text))


def has_letters(text: str) -> bool:
    """Whether the message holds any letter (a job or a sector is written with some; "12", "?" are not)."""
    return any(char.isalpha() for char in text)


def answer_shaped(text: str) -> bool:
    """A few words that ask nothing ("un commis de cuisine"), as an answer to a question is written."""
    return len(text.split()) <= ANSWER_MAX_WORDS and not QUESTION.search(text)
