"""The employer's path: who may sign the contract, what they plan, and what their OPCO can fund for it.

Pure functions on plain data, no Rasa import. Readers (`parse_*`, `find_*_in`) never raise on what a
visitor types: they return a value or a `problem` code, and the caller decides what to ask next (the French
sentences are in `bot.core.say`). The sector is read by `bot.core.read`, the same way as for candidates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from text_to_num import alpha2digit

from bot.core.funding import MONTHS_PER_YEAR, coverage
from bot.core.knowledge import Knowledge, Opco, Sector, load
from bot.core.read import SectorMatch, normalize, requested_change, strip_accents
from bot.core.status import Status, experimentation_status

# Kinds of employer. Only a private employer may sign the contrat de professionnalisation.
PRIVATE = "prive"
PUBLIC = "public"
PARTICULIER = "particulier"
EXCLUDED_KINDS = (PUBLIC, PARTICULIER)
NOT_AN_EMPLOYER = "pas_employeur"  # the visitor said they are not hiring: the employer form hands over

# problem codes of CountParse / MonthsParse
UNCLEAR = "unclear"
NOT_POSITIVE = "not_positive"
TOO_MANY = "too_many"  # more hires than parcours in the whole experimentation
# From this share of the experimentation's parcours, the plan says how much of them the hires would take.
LARGE_SHARE_OF_PARCOURS = 0.1
TOO_LONG = "too_long"  # longer than the allégé contract's maximum

# --------------------------------------------------------------------------- who is speaking

# Matched on `normalize(text)`: lowercase, no accents, punctuation as spaces ("l'État" -> "l etat").
_PUBLIC = re.compile(
    r"\bmairies?\b|\bcollectivites?\b|\bconseil (?:departemental|regional|general)\b|\bfonction publique\b"
    r"|\bhopita(?:l|ux) publics?\b|\bcentres? hospitaliers?\b|\bchu\b|\bassistance publique\b"
    r"|\b(?:employeur|secteur|service|etablissement|organisme|structure|ecole|lycee|college|ehpad|hopital"
    r"|creche|administration|residence)s? publi(?:c|cs|que|ques)\b"
    r"|\b(?:une|l|notre|d|en|dans l|dans une) administration\b|\bministeres?\b|\bprefectures?\b"
    r"|\bl etat\b(?! (?:de|des|du|d)\b)|\bintercommuna\w*|\bcommunaute (?:de communes|d agglomeration|urbaine)\b"
    r"|\bccas\b|\bsdis\b|\brectorat\b|\beducation nationale\b|\b(?:ma|notre|la|une) commune\b"
    # Jobs only a public employer offers (a private school's teachers are paid by the State too).
    r"|\bpolicier(?:e|s|es)?\b|\bgendarmes?\b|\bmilitaires?\b|\bprofesseure?s? des ecoles\b|\binstituteur\w*"
    r"|\bmagistrat\w*|\bdouanier\w*|\bgardien\w* de la paix\b|\bsurveillant\w* penitentiaire\w*"
)
_PARTICULIER = re.compile(
    r"\bparticuliers? employeurs?\b|\b(?:je suis|en tant que|comme|simple) (?:un |une )?particulier(?:e|s)?\b"
    r"|\ba titre (?:personnel|prive)\b|\bcesu\b|\bchez moi\b|\ba (?:mon|notre) domicile\b|\bnounou\b"
    r"|\bemploi direct\b|\b(?:garder|garde de|s occuper de) mes enfants\b"
    r"|\bpour (?:ma mere|mon pere|mes parents|ma grand mere|mon grand pere|mes grands parents)\b"
)
_EMPLOYER_ROLE_WORDS = (
    r"employeu\w*|recruteu\w*|drh|rh|dirigeant\w*|chef\w* d entreprise|patron\w*|gerant\w*|directeu\w*"
    r"|directrice\w*|responsable (?:rh|des ressources humaines|du personnel|du recrutement|recrutement|d agence"
    r"|de site|d etablissement)|charge\w* (?:de|du) recrutement|boss"
)
_EMPLOYER = re.compile(
    rf"\bje (?:suis|serai) (?:un |une |l |le |la )?(?:{_EMPLOYER_ROLE_WORDS})\b"
    rf"|\ben tant qu(?:e)? (?:{_EMPLOYER_ROLE_WORDS}|entreprise|structure|association)\b"
    rf"|\b(?:nous sommes|on est) (?:des |un |une )?employeu\w*|\bcote employeur\b"
    r"|\bje dirige\b|\bje (?:suis a la tete|represente|parle au nom) d\w*"
    r"|\bje gere (?:une|un|notre|mon|ma) (?:entreprise|societe|boite|pme|tpe|restaurant|hotel|agence|magasin"
    r"|boutique|cabinet|garage|structure|association|ehpad|clinique|creche|usine|exploitation|equipe)\b"
    r"|\b(?:je|nous|on) (?:\w+ ){0,2}(?:recrut\w*|embauch\w*)"
    r"|\b(?:je|nous|on) (?:cherch\w*|recherch\w*) (?:des|un|une|\d+|plusieurs|du|de nouveaux|de nouvelles)"
    r" (?:salaries?|employes?|personnel|collaborat\w*|candidat\w*|recrues?|alternants?|profils?)\b"
    r"|\b(?:mes|nos) (?:salaries|employes|collaborateurs|recrues|alternants|equipes)\b|\bmon personnel\b"
    # Not "mon candidat": "mon candidat a 25 ans" is about someone else's eligibility, and an answer with the role
    # entity would start the employer form.
    r"|\bj (?:\w+ )?embauch\w*"
)
# "je veux être embauché", "m'embaucher": the visitor is the one to be hired.
_TO_BE_HIRED = re.compile(r"\b(?:etre|ete|suis|soit|serai|me|m|se faire) (?:recrut|embauch)\w*")


_PRIVATE = re.compile(
    r"\b(?:secteur|entreprise|societe|clinique|structure|etablissement|employeur|ehpad|creche|ecole|hopital"
    r"|residence)s? prive(?:e|s|es)?\b"
)
# Weaker than a public employer named in the same sentence ("notre structure est un hôpital public").
_PRIVATE_BY_DEFAULT = re.compile(r"\b(?:une|notre|mon|ma) (?:entreprise|societe|association|pme|tpe)\b")


def employer_kind(text: str) -> str | None:
    """The kind of employer the text names: PARTICULIER, PRIVATE ("clinique privée", "notre entreprise"),
    PUBLIC ("la mairie", "un hôpital public"), or None when it says nothing about it."""
    normalized = normalize(text)
    if _PARTICULIER.search(normalized):
        return PARTICULIER
    if _PRIVATE.search(normalized):
        return PRIVATE
    if _PUBLIC.search(normalized):
        return PUBLIC
    if _PRIVATE_BY_DEFAULT.search(normalized):
        return PRIVATE
    return None


def names_public_employer(text: str) -> bool:
    """Whether the text names a public employer ("un EHPAD public", "la mairie"), which may not sign."""
    return employer_kind(text) == PUBLIC


# A visitor in the employer's path who says it is not theirs: they clicked "Je suis employeur" by mistake, or
# are looking for themselves (read on `normalize`d text: lowercase, no accents or punctuation).
_NOT_AN_EMPLOYER = re.compile(
    r"\b(?:je ne suis pas|je suis pas|j suis pas|pas un|pas une|ne suis pas) (?:un |une )?(?:employeur|patron|patronne"
    r"|recruteur|recruteuse|chef d entreprise|entreprise)\b"
    r"|\bje (?:ne )?(?:suis|cherche) pas (?:a |pour )?(?:recruter|embaucher)\b"
    r"|\bc est pour moi\b|\bpour moi meme\b|\bje cherche pour moi\b|\bje me suis trompe\w* de bouton\b"
    r"|\bje cherche (?:un |du )?(?:emploi|travail|job|boulot|une formation|un employeur|une entreprise)\b"
    r"|\bje suis (?:demandeu(?:r|se) d emploi|au chomage|candidat|candidate|etudiant|etudiante)\b"
    r"|\bsuis je eligible\b|\b(?:si|moi) je suis eligible\b|\bmon eligibilite\b"
    r"|\bmoi (?:meme )?je (?:veux|voudrais) (?:faire|me former|devenir)\b"
)


def says_not_an_employer(text: str) -> bool:
    """True when the visitor says they are not hiring but looking for themselves ("je ne suis pas employeur,
    je cherche un emploi")."""
    return bool(_NOT_AN_EMPLOYER.search(normalize(text)))


def known_sector_match(sector_id: str | None, k: Knowledge | None = None) -> SectorMatch | None:
    """A sector already known (e.g. a slot value) as a `SectorMatch`, without reading text again."""
    k = k or load()
    if not k.has_sector(sector_id):
        return None
    sector = k.sector(sector_id)
    return SectorMatch(sector.id, sector.label, sector.label, 100.0, sector.tension, sector.opco_id, True)


# The intent of an employer introducing themselves ("je dirige une entreprise du BTP").
EMPLOYER_INTENT = "employer_intro"
EMPLOYER_INTENT_CONFIDENCE = 0.5


# Answers only the employer form asks for: a visitor who wants to change one is an employer
# ("je voudrais changer la durée" after the plan goes back to the employer form, not to the eligibility one).
EMPLOYER_FORM_CHANGES = ("jobs", "hires", "months")


def writes_as_employer(intent: str | None, confidence: float, text: str) -> bool:
    """True when a message shows its writer hires: they introduce themselves as an employer (the intent,
    fairly sure), write as one ("en tant que recruteur, combien ça me coûte ?") or ask to change an answer only
    the employer form asks for ("je voudrais changer la durée"); never one who says they are
    not ("je ne suis pas employeur"), which the intent classifier may still call an introduction."""
    if says_not_an_employer(text):
        return False
    return ((intent == EMPLOYER_INTENT and confidence >= EMPLOYER_INTENT_CONFIDENCE) or speaks_as_employer(text)
            or requested_change(text) in EMPLOYER_FORM_CHANGES)


def speaks_as_employer(text: str) -> bool:
    """True when the visitor writes as someone who hires ("je dirige une entreprise", "nous voulons recruter")."""
    normalized = normalize(text)
    if not _EMPLOYER.search(normalized):
        return False
    return not _TO_BE_HIRED.search(normalized) or bool(re.search(r"\bje (?:recrute|embauche)\b", normalized))


# --------------------------------------------------------------------------- numbers in answers

# "une dizaine" of people: read as the round figure (the visitor can correct it).
_ROUND_COUNTS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                 "cinquantaine": 50, "centaine": 100}
_ROUND = re.compile(rf"(?:(\d+) )?({'|'.join(_ROUND_COUNTS)})s?\b")
_RANGE = re.compile(r"\b(?:entre )?(\d+) (?:a|ou|et) (\d+)\b")
# Numbers that are not a head count: durations, amounts, percentages, ages.
_NOT_A_COUNT = re.compile(
    r"\b\d+(?: \d+)? ?(?:mois|ans?|annees?|semaines?|jours?|heures?|h|euros?|eur|k|%|pourcents?)\b"
)
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
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?) ?(mois|ans?|annees?|semaines?)\b( et demie?)?")
WEEKS_PER_YEAR = 52
_DURATION_MENTION = re.compile(
    r"(\d+(?:[.,]\d+)?) ?mois\b|\b(?:contrat|duree|sur|pendant) (?:de |d )?(?:environ )?(\d+) ?(ans?|annees?)\b"
    r"( et demie?)?"
)


def _digits(text: str) -> str:
    """Words as digits ("trois" -> "3", "un an" -> "1 an"), lowercase, no accents, apostrophes as spaces."""
    converted = alpha2digit(strip_accents(text), "fr", threshold=0)
    return " ".join(re.sub(r"[^a-z0-9.,%€]+", " ", converted.replace("€", " eur ")).split())


@dataclass(frozen=True)
class CountParse:
    """A head count read from text: `value` when `problem` is None."""

    value: int | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.value is not None


def _checked_hires(value: int, k: Knowledge) -> CountParse:
    if value <= 0:
        return CountParse(None, NOT_POSITIVE)
    if value > k.experimentation.parcours_cap:
        return CountParse(None, TOO_MANY)
    return CountParse(value)


def parse_hires(text: str, k: Knowledge | None = None) -> CountParse:
    """Read an answer to "combien de personnes ?": "3", "trois", "deux chauffeurs et un mécanicien", "3 ou 4"."""
    k = k or load()
    converted = _NOT_A_COUNT.sub(" ", _digits(text))
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
    """A number of hires mentioned in a sentence ("nous voulons recruter trois maçons"), or None."""
    k = k or load()
    found = _HIRES_MENTION.search(_digits(text))
    if not found:
        return None
    parsed = _checked_hires(int(found.group(1) or found.group(2)), k)
    return parsed.value


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


def find_jobs_in(text: str) -> str | None:
    """The jobs an employer names in a sentence ("nous voulons recruter trois chauffeurs poids lourd"), or None."""
    found = _JOBS_MENTION.search(text)
    if not found:
        return None
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
    converted = _digits(text)
    if len(converted.split()) > SHORT_MESSAGE_WORDS or find_company_size_in(text):
        return {}
    people, duration = _PEOPLE.search(converted), _DURATION.search(converted)
    if people and not duration:
        hires = _checked_hires(int(people.group(1)), k)
        return {"hires": hires.value} if hires.ok else {}
    if duration and not people:
        months = parse_contract_months(text, k)
        return {"contract_months": months.months} if months.ok else {}
    return {}


def names_people_not_a_duration(text: str) -> bool:
    """"C'est 4 personnes" answers how many, not how long, even at the duration question."""
    converted = _digits(text)
    return bool(_PEOPLE.search(converted)) and not _DURATION.search(converted)


def find_company_size_in(text: str) -> int | None:
    """The company's head count when the sentence gives it ("une PME de 20 salariés", "nous sommes 12")."""
    converted = _digits(text)
    found = next((hit for hit in (pattern.search(converted) for pattern in _COMPANY_SIZE) if hit), None)
    size = int(found.group(1)) if found else 0
    return size or None


@dataclass(frozen=True)
class MonthsParse:
    """A contract duration in months read from text: `months` when `problem` is None."""

    months: float | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.months is not None


def _checked_months(months: float, k: Knowledge) -> MonthsParse:
    if months <= 0 or (k.contract.min_months is not None and months < k.contract.min_months):
        return MonthsParse(None, NOT_POSITIVE)
    if months > k.contract.max_months:
        return MonthsParse(None, TOO_LONG)
    return MonthsParse(months)


def _months_of(number: str, unit: str, half: str | None) -> float:
    value = float(number.replace(",", "."))
    if unit == "mois":
        return value
    if unit.startswith("semaine"):  # "6 semaines" was read as 6 months
        return round(value * MONTHS_PER_YEAR / WEEKS_PER_YEAR, 1)
    return (value + (0.5 if half else 0.0)) * MONTHS_PER_YEAR


def parse_contract_months(text: str, k: Knowledge | None = None) -> MonthsParse:
    """Read an answer to "combien de mois ?": "12 mois", "un an et demi", "deux ans", a bare "18" (months)."""
    k = k or load()
    converted = _digits(text)
    found = _DURATION.search(converted)
    if found:
        return _checked_months(_months_of(found.group(1), found.group(2), found.group(3)), k)
    bare = re.search(r"(?<![\d,.])(\d+(?:[.,]\d+)?)(?![\d,.])", converted)
    if bare:
        return _checked_months(float(bare.group(1).replace(",", ".")), k)
    return MonthsParse(None, UNCLEAR)


def find_contract_months_in(text: str, k: Knowledge | None = None) -> float | None:
    """A contract duration mentioned in a sentence ("des contrats de 12 mois", "sur deux ans"), or None."""
    k = k or load()
    found = _DURATION_MENTION.search(_digits(text))
    if not found:
        return None
    months = float(found.group(1).replace(",", ".")) if found.group(1) else _months_of(
        found.group(2), found.group(3), found.group(4))
    return _checked_months(months, k).months


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class EmployerRequest:
    """What the employer told us. `sector_id` is a sector id of the knowledge data or "autre"."""

    sector_id: str | None = None
    jobs: str | None = None
    hires: int | None = None
    months: float | None = None
    company_size: int | None = None
    kind: str | None = None  # PUBLIC or PARTICULIER when detected; None means nothing says otherwise


@dataclass(frozen=True)
class EmployerPlan:
    """Outcome of `plan`.

    per_parcours_cap: what the OPCO can fund for one parcours of `months` (annual cap, pro-rated).
    total_cap: per_parcours_cap × hires, when the number of hires is known.
    tutors_needed: salaried tutors needed at least, each following at most the legal number of people.
    months_assumed: True when no duration was given and a one-year contract is used for the figures.
    """

    request: EmployerRequest
    kind: str
    sector: Sector | None
    opco: Opco | None
    months: float
    months_assumed: bool
    per_parcours_cap: Decimal
    total_cap: Decimal | None
    tutors_needed: int | None
    status: Status

    @property
    def open_to_employer(self) -> bool:
        """Only a private employer may sign the contract."""
        return self.kind == PRIVATE


def per_parcours_cap(months: float, k: Knowledge | None = None) -> Decimal:
    """The most the OPCO funds for one parcours of `months`: the annual cap, pro-rated (Decimal, to the cent)."""
    k = k or load()
    # A parcours costing exactly the annual cap per year: its OPCO maximum is the pro-rated cap itself.
    return coverage(k.funding.annual_cap_eur, months, k, per_year=True).opco_max


def plan(request: EmployerRequest, today: date, k: Knowledge | None = None) -> EmployerPlan:
    """Apply the rules to the employer's numbers on `today`."""
    k = k or load()
    kind = request.kind if request.kind in EXCLUDED_KINDS else PRIVATE
    sector = k.sector(request.sector_id) if k.has_sector(request.sector_id) else None
    months_assumed = request.months is None or not _checked_months(request.months, k).ok
    months = float(MONTHS_PER_YEAR) if months_assumed else float(request.months)
    cap = per_parcours_cap(months, k)
    hires = request.hires if request.hires and request.hires > 0 else None
    return EmployerPlan(
        request=request,
        kind=kind,
        sector=sector,
        opco=k.opco(sector.opco_id) if sector else None,
        months=months,
        months_assumed=months_assumed,
        per_parcours_cap=cap,
        total_cap=cap * hires if hires else None,
        tutors_needed=math.ceil(hires / k.tutoring.max_trainees_per_tutor) if hires else None,
        status=experimentation_status(today, k),
    )
