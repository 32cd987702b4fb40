"""Short follow-ups: a message that only names a new value for the question the last answer answered ("et pour
une boulangerie ?", "et sur 18 mois ?", "une crèche ?"), or that asks what comes next ("et après ?").

The values are read by the readers that read them everywhere else (sectors, durations, ages, amounts, employer
kinds); this module only decides whether the rest of the message is a follow-up's few words, not a sentence with a
question of its own ("à 50 ans je peux encore le faire ?"). What the follow-up is about is the dialogue's call
(bot/core/dialogue/followup.py): the words alone do not say which answer came last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.core.knowledge import Knowledge, load
from bot.core.read.age import parse_age
from bot.core.read.durations import find_contract_months_in
from bot.core.read.money import parse_money
from bot.core.read.replies import QUESTION
from bot.core.read.sectors import SectorMatch, find_sector_in
from bot.core.read.speaker import EXCLUDED_KINDS, employer_kind
from bot.core.read.text import normalize

NEXT, VALUE = "next", "value"
# The most words a follow-up is written with ("et pour un cabinet de courtage en assurance ?" has eight).
MAX_WORDS = 8
# The words a follow-up opens with ("et pour…", "dans une crèche ?"): a value alone needs them, or a question mark.
OPENINGS = frozenset("et mais ou pour dans avec sur a au aux en chez".split())
# "Et après ?", "et ensuite on fait quoi ?", "la suite ?" (on normalised text).
_NEXT = re.compile(
    r"^(?:(?:et|mais|ok|bon|d accord) )*(?:apres|ensuite|maintenant|puis|la suite|quelle est la suite"
    r"|c est quoi la suite|la prochaine etape|quelle est la prochaine etape)"
    r"(?: (?:alors|quoi|on fait quoi|je fais quoi|il se passe quoi|que faire|qu est ce qu on fait))?$"
)
# "Ça compte ?", "c'est concerné ?": the value is asked about against the sectors the scheme names.
_CONCERNED = re.compile(r"\b(?:compte|comptent|concernee?s?|eligibles?|fait partie|font partie)\b")
# The follow-up's own few words besides the value ("ça compte aussi ?"), not read as a clause of its own.
_TAIL = re.compile(r"\b(?:ca|cela|c est|est ce que|aussi|alors|pareil|egalement|fait partie|font partie)\b")
# A subject, a verb or a question word of its own: the message is a sentence, not a follow-up ("à 50 ans je peux
# le faire ?", "c'est piloté par quel ministère ?"); the start of a question is replies.QUESTION's.
_CLAUSE = re.compile(r"\b(?:je|j|tu|t|on|il|ils|elle|elles|nous|vous|c|est|sont|y a|faut|peut|peux|dois|doit"
                     r"|quel|quelle|quels|quelles|lequel|laquelle|quand|comment|combien|pourquoi|quoi|qui)\b")


@dataclass(frozen=True)
class FollowUp:
    """A short follow-up: `kind` is NEXT ("et après ?") or VALUE, with the values the message names."""

    kind: str
    sector: SectorMatch | None = None
    months: float | None = None
    age: int | None = None
    amount: float | None = None
    excluded_employer: bool = False  # "et une mairie ?": an employer that may not sign the contract
    concerned: bool = False  # "et l'informatique, ça compte ?"

    @property
    def names_value(self) -> bool:
        return any(v is not None for v in (self.sector, self.months, self.age, self.amount)) or self.excluded_employer


def _few_words(text: str, words: list[str]) -> bool:
    """Whether the message has a follow-up's shape: a few words, opening with "et", "pour"… or ending with a
    question mark, with no question word and no clause of its own."""
    if not words or len(words) > MAX_WORDS:
        return False
    if words[0] not in OPENINGS and not text.rstrip().endswith("?"):
        return False
    rest = " ".join(words[1:] if words[0] in OPENINGS else words)
    rest = _TAIL.sub(" ", _CONCERNED.sub(" ", rest))
    return not QUESTION.search(rest.strip()) and not _CLAUSE.search(rest) and "où" not in text.lower()


def read_followup(text: str, today: date, k: Knowledge | None = None) -> FollowUp | None:
    """The follow-up the message is, or None (see the module docstring)."""
    normalized = normalize(text)
    if _NEXT.match(normalized):
        return FollowUp(NEXT)
    if not _few_words(text, normalized.split()):
        return None
    k = k or load()
    months = find_contract_months_in(text, k)
    money = parse_money(text)
    age = parse_age(text, today, k).age if months is None and money is None else None
    found = FollowUp(VALUE, sector=find_sector_in(text, k), months=months, age=age,
                     amount=money.amount_eur if money else None,
                     excluded_employer=employer_kind(text) in EXCLUDED_KINDS,
                     concerned=bool(_CONCERNED.search(normalized)))
    return found if found.names_value else None
