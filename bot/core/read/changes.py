"""Requests to change an answer already given ("je voudrais changer mon âge", "je me suis trompé")."""
from __future__ import annotations

import re

from bot.core.read.text import normalize

_CHANGE = r"(?:changer|modifier|corriger|rectifier|mettre a jour|revoir|revenir sur)"
_CORRECT = r"(?:modifier|corriger|rectifier|mettre a jour)"  # "changer ma situation" may be a wish, not a correction
_DETERMINER = r"(?:mon|ma|mes|le|la|les|l|notre|nos|votre|vos|cette|ce|une|un)"
# A change request that names no answer ("je voudrais modifier une réponse"): the visitor is asked which one.
ANY_ANSWER = "answer"
# What a visitor may ask to change, by the word they use for it, and the verbs that ask it. "Changer de métier"
# (no determiner) is a goal, not a change request; "le métier" is the one given before.
_CHANGE_TARGETS = (
    ("age", _CHANGE, r"age|date de naissance"),
    ("sector", _CHANGE, r"secteur|(?<=le )metier|(?<=de )metier|(?<=la )profession|metier (?:vise|choisi|indique)"),
    ("goal", _CHANGE, r"objectif"),
    ("situation", _CORRECT, r"situation"),
    ("jobs", _CHANGE, r"postes?"),
    ("hires", _CHANGE, r"nombre (?:d embauches?|de recrues|de recrutements?|de personnes|de postes)"),
    ("months", _CHANGE, r"duree|nombre de mois"),
    (ANY_ANSWER, _CHANGE, r"reponses?|informations?|infos?|donnees|choix"),
)
_CHANGE_REQUEST = tuple(
    (key, re.compile(
        rf"\b{verb} (?:une? de )?{_DETERMINER} (?:{target})\b"
        rf"|\bje me suis trompee? (?:d |de |sur |dans )?(?:une? de )?{_DETERMINER}? ?(?:{target})\b"
        rf"|\b(?:mon|ma|le|la|l) (?:{target}) (?:(?:est|etait) (?:faux|fausse|incorrecte?|errone)"
        rf"|n est pas (?:bon|bonne|juste|correcte?))\b"
    ))
    for key, verb, target in _CHANGE_TARGETS
)
# The answer named after an unnamed change ("changer ma réponse sur l'âge").
_NAMED_TARGET = tuple((key, re.compile(rf"\b{_DETERMINER} (?:{target})\b"))
                      for key, _, target in _CHANGE_TARGETS if key != ANY_ANSWER)
# "Je me suis trompé(e)" alone: a mistake in some answer, which one unsaid.
_MISTAKE = re.compile(r"^(?:(?:oups?|ah|zut|mince|pardon|non) )?je me suis trompee?$")


def requested_change(text: str) -> str | None:
    """What the visitor asks to change without giving the new value yet ("je voudrais changer mon âge",
    "je me suis trompé de secteur"): age, sector, goal, situation, jobs, hires or months; ANY_ANSWER for a change
    that names no answer ("je voudrais modifier une réponse", "je me suis trompé"); None otherwise."""
    normalized = normalize(text).strip(" .!")
    if _MISTAKE.match(normalized):
        return ANY_ANSWER
    key = next((key for key, pattern in _CHANGE_REQUEST if pattern.search(normalized)), None)
    if key == ANY_ANSWER:
        return next((named for named, pattern in _NAMED_TARGET if pattern.search(normalized)), ANY_ANSWER)
    return key
