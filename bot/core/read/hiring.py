"""What an employer says of their hiring: how many people, which jobs, the company's own size."""
from __future__ import annotations

import re

from bot.core.knowledge import Knowledge, load
from bot.core.read.durations import DURATION, parse_contract_months
from bot.core.read.numbers import digits
from bot.core.read.reading import NOT_POSITIVE, TOO_MANY, UNCLEAR, Reading
from bot.core.read.sectors import parse_sector
from bot.core.read.text import normalize

# "une dizaine" of people: read as the round figure (the visitor can correct it).
_ROUND_COUNTS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                 "cinquantaine": 50, "centaine": 100}
_ROUND = re.compile(rf"(?:(\d+) )?({'|'.join(_ROUND_COUNTS)})s?\b")
_RANGE = re.compile(r"\b(?:entre )?(\d+) (?:a|ou|et) (\d+)\b")
# Numbers that are not a head count: durations, amounts, percentages, ages.
_UNITS = r"(?:mois|ans?|annees?|semaines?|jours?|heures?|h|euros?|eur|k|%|pourcents?)"
_NOT_A_COUNT = re.compile(rf"\b\d+(?: \d+)? ?{_UNITS}\b")
_COUNT = re.compile(r"\b(\d+)\b")
_COMPANY_SIZE = (
    re.compile(
        r"\b(?:de|sommes|(?<!\bc )est|compte|comptons|emploie|employons|avons|avec|effectif(?: de)?|fait)"
        r" (?:environ |pres de |plus de )?(\d+) (?:salaries?|employes?|collaborateurs?|personnes?|agents?)\b"
    ),
    re.compile(r"\b(?:nous sommes|on est) (?:environ )?(\d+)(?= dans\b| au sein\b| en tout\b|$)"),
)
_HIRES_MENTION = re.compile(
    r"\b(?:recrut\w*|embauch\w*|former|accueillir|engager|pourvoir|cherch\w*|besoin d\w*|manque d\w*)"
    r" (?:de |d )?(?:environ |pres de |au moins )?(\d+)\b"
    r"|\b(\d+) (?:postes?|recrues?|embauches?|recrutements?|places?|personnes? a (?:recruter|former|embaucher))\b"
)


class CountParse(Reading):
    """A head count read from text: `value` when `problem` is None."""

    def __init__(self, value: int | None = None, problem: str | None = None):
        super().__init__(value, problem=problem)


def _checked_hires(value: int, k: Knowledge) -> CountParse:
    if value <= 0:
        return CountParse(None, NOT_POSITIVE)
    if value > k.experimentation.parcours_cap:
        return CountParse(None, TOO_MANY)
    return CountParse(value)


def parse_hires(text: str, k: Knowledge | None = None) -> CountParse:
    """Read an answer to "combien de personnes ?": "3", "trois", "deux chauffeurs et un mécanicien", "3 ou 4"."""
    k = k or load()
    converted = _NOT_A_COUNT.sub(" ", digits(text))
    found = _ROUND.search(converted)
    if found:
        return _checked_hires(int(found.group(1) or 1) * _ROUND_COUNTS[found.group(2)], k)
    found = _RANGE.search(converted)
    if found:
        return _checked_hires(max(int(found.group(1)), int(found.group(2))), k)  # plan for the upper figure
    numbers = [int(number) for number in _COUNT.findall(converted)]
    if not numbers:
        return CountParse(None, UNCLEAR)
    return _checked_hires(sum(numbers), k)  # "2 chauffeurs et 1 mécanicien" is three hires


def find_hires_in(text: str, k: Knowledge | None = None) -> int | None:
    """A number of hires mentioned in a sentence ("nous voulons recruter trois maçons", "une PME du BTP, 3 maçons,
    12 mois"), or None."""
    k = k or load()
    found = _HIRES_MENTION.search(digits(text))
    counted = None if found else counted_jobs_in(text, k)
    if not found and not counted:
        return None
    parsed = _checked_hires(int(found.group(1) or found.group(2)) if found else counted[0], k)
    return parsed.value


# A clause that counts people by their job, with no hiring verb: "une PME du BTP, 3 maçons, 12 mois" (not its
# article: "une PME du BTP" counts no one).
_CLAUSES = re.compile(r"[^,.;:!?()]+")
_ARTICLES = ("un", "une")
_COUNTED = re.compile(rf"^(\d+) (?!{_UNITS}\b)[a-z]")


def counted_jobs_in(text: str, k: Knowledge | None = None) -> tuple[int, str] | None:
    """(count, the clause as written) for a clause of its own that counts people by a job the sector reader knows
    ("3 agents de sécurité cynophiles"), not by a duration or an amount; None when there is none."""
    for clause in _CLAUSES.findall(text):
        found = _COUNTED.match(digits(clause))
        if found and normalize(clause).split()[0] not in _ARTICLES and parse_sector(clause, k).matched:
            return int(found.group(1)), " ".join(clause.split())
    return None


# The jobs named after a hiring verb, up to a duration, a reason or the end of the clause: "on veut recruter
# 4 aides-soignantes sur 2 ans" -> "4 aides-soignantes". Read on the visitor's own text (kept as they wrote it).
_JOBS_MENTION = re.compile(
    r"\b(?:recruter|embaucher|engager|former)\s+(?P<jobs>[^,.;:!?()]+?)"
    r"(?=\s+(?:sur|pendant|pour|durant|d'ici|dans|avec|à partir|en (?:cdd|cdi|contrat|alternance|vae))\b|[,.;:!?()]|$)",
    re.IGNORECASE,
)
# What follows a hiring verb without naming a job.
_NOT_JOBS = re.compile(
    r"^(?:en|avec|dans|par|via|gr[aâ]ce|quelqu|du monde|des gens|des personnes?\b|une personne\b|des salari|"
    r"des candidats?\b|un candidat|du personnel|\d+ personnes?\b|plusieurs personnes|des jeunes\b|"
    r"(?:mes|nos|ses|leurs|vos) )",
    re.IGNORECASE,
)


def find_jobs_in(text: str, k: Knowledge | None = None) -> str | None:
    """The jobs an employer names in a sentence ("nous voulons recruter trois chauffeurs poids lourd", "une PME du
    BTP, 3 maçons, 12 mois"), or None."""
    found = _JOBS_MENTION.search(text)
    if not found:
        counted = counted_jobs_in(text, k)
        return counted[1] if counted else None
    jobs = " ".join(found.group("jobs").split())
    if _NOT_JOBS.match(jobs) or not any(char.isalpha() for char in jobs):
        return None
    return jobs


# A count of people or a duration said on its own, as a short correction is written ("finalement 5 personnes",
# "2 ans", "je me suis trompé, c'est 4 personnes"): read only in a short message, where nothing else is meant.
_PEOPLE = re.compile(r"\b(\d+) (?:personnes?|salaries?|recrues?|embauches?|recrutements?|postes?|candidats?)\b")
SHORT_MESSAGE_WORDS = 8


def find_short_correction_in(text: str, k: Knowledge | None = None) -> dict[str, float]:
    """{"hires": n} or {"contract_months": m} for a short message that gives only that ("5 personnes",
    "2 ans"); {} for anything longer, ambiguous, or the company's own head count."""
    k = k or load()
    converted = digits(text)
    if len(converted.split()) > SHORT_MESSAGE_WORDS or find_company_size_in(text):
        return {}
    people, duration = _PEOPLE.search(converted), DURATION.search(converted)
    if people and not duration:
        hires = _checked_hires(int(people.group(1)), k)
        return {"hires": hires.value} if hires.ok else {}
    if duration and not people:
        months = parse_contract_months(text, k)
        return {"contract_months": months.months} if months.ok else {}
    return {}


def names_people_not_a_duration(text: str) -> bool:
    """"C'est 4 personnes" answers how many, not how long, even at the duration question."""
    converted = digits(text)
    return bool(_PEOPLE.search(converted)) and not DURATION.search(converted)


# People named in the plural or counted ("des déménageurs", "deux soudeurs", "3 maçons"): people to hire.
_PEOPLE_NAMED = re.compile(r"^(?:des|\d+|plusieurs|quelques) [a-z]")


def names_people(text: str) -> bool:
    """Whether a short answer names people in the plural or with a count ("des déménageurs", "deux soudeurs")."""
    return bool(_PEOPLE_NAMED.match(digits(text)))


def find_company_size_in(text: str) -> int | None:
    """The company's head count when the sentence gives it ("une PME de 20 salariés", "nous sommes 12")."""
    converted = digits(text)
    found = next((hit for hit in (pattern.search(converted) for pattern in _COMPANY_SIZE) if hit), None)
    size = int(found.group(1)) if found else 0
    return size or None
