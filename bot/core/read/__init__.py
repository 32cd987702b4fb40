"""Read French free-text answers: ages, sectors and jobs, goals, situations, amounts.

Nothing here raises on what a visitor types: every parser returns a result with a `problem` code
or `None`, and the caller decides what to ask next.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from rapidfuzz import fuzz, process
from text_to_num import alpha2digit

from bot.core.eligibility import OTHER_SECTOR, age_on
from bot.core.knowledge import Knowledge, KnowledgeError, Sector, load

# --------------------------------------------------------------------------- normalisation

# Dropped from sector phrases and sentences alike, so "chauffeur de bus" matches "chauffeur bus".
_FUNCTION_WORDS = frozenset(
    "le la les l un une des du de d a au aux en et dans chez pour sur par avec".split()
)
# Dropped only when a whole answer is read as a sector ("je suis aide-soignante", "dans le BTP").
_FILLER_WORDS = frozenset(
    """je j moi suis serai etais ai veux voudrais voudrai souhaite souhaiterais aimerais aimerai
    etre devenir faire travailler travaille bosser bosse metier metiers secteur domaine branche filiere
    activite job poste boulot comme tant que qu c est ce cest ca plutot genre euh ben bah bon alors
    oui vers ou mon ma mes actuellement aujourd hui futur""".split()
)
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"


def strip_accents(text: str) -> str:
    """Lowercase, without accents, ligatures spelled out, typographic apostrophes made plain."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text: str) -> str:
    """Comparable form: lowercase, no accents, words separated by single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", strip_accents(text)).split())


def _singular(token: str) -> str:
    if len(token) > 4 and token.endswith("aux"):
        return token[:-3] + "al"
    if len(token) > 3 and token[-1] in "sx":
        return token[:-1]
    return token


def _tokens(text: str, drop: Iterable[str] = _FUNCTION_WORDS) -> list[str]:
    """Normalised, singular tokens without the words in `drop`."""
    dropped = frozenset(drop)
    return [_singular(token) for token in normalize(text).split() if token not in dropped]


# --------------------------------------------------------------------------- sectors


@dataclass(frozen=True)
class SectorMatch:
    """Result of reading a sector or job.

    Unknown input gives `sector_id="autre"`, `matched=False` and keeps `raw`: it is not refused.
    `score` is 100 for an exact phrase, the rapidfuzz score for a typo, 0 when nothing matched.
    """

    sector_id: str
    label: str | None
    raw: str
    score: float
    tension: bool | None
    opco_id: str | None
    matched: bool
    matched_phrase: str | None = None


@dataclass(frozen=True)
class _SectorIndex:
    phrases: dict[str, str]  # normalised phrase -> sector id (usable inside sentences)
    short_forms: dict[str, str]  # normalised short or ambiguous word -> sector id (whole answers only)
    by_length: dict[int, list[str]]  # phrases grouped by their number of tokens, for window scans


FUZZY_WHOLE_CUTOFF = 88  # a whole answer with a typo: "aide soignnte", "chaufeur de bus"
FUZZY_WINDOW_CUTOFF = 90  # a phrase with a typo inside a longer sentence: stricter
FUZZY_MIN_CHARS = 6  # shorter phrases are only matched exactly
# "frais de transport", "coût de la restauration" name a cost, not the visitor's sector.
_COST_WORDS = frozenset({"frai", "cout", "prix", "depense", "tarif"})


@functools.lru_cache(maxsize=4)
def _sector_index(k: Knowledge) -> _SectorIndex:
    """Phrase tables of `k`; a phrase claimed by two sectors is a data error."""
    phrases: dict[str, str] = {}
    short_forms: dict[str, str] = {}

    def add(table: dict[str, str], phrase: str, sector: Sector) -> None:
        key = " ".join(_tokens(phrase))
        owner = phrases.get(key) or short_forms.get(key)
        if owner and owner != sector.id:
            raise KnowledgeError(f"synonym {phrase!r} of sector {sector.id!r} already belongs to {owner!r}")
        if key:
            table[key] = sector.id

    for sector in k.sectors:
        for phrase in (sector.label, *sector.synonyms):
            add(phrases, phrase, sector)
        for phrase in sector.short_forms:
            add(short_forms, phrase, sector)
    by_length: dict[int, list[str]] = {}
    for phrase in phrases:
        by_length.setdefault(len(phrase.split()), []).append(phrase)
    return _SectorIndex(phrases, short_forms, by_length)


def _match(k: Knowledge, raw: str, sector_id: str | None, score: float, phrase: str | None) -> SectorMatch:
    if sector_id is None:
        return SectorMatch(OTHER_SECTOR, None, raw, score, None, None, False)
    sector = k.sector(sector_id)
    return SectorMatch(sector.id, sector.label, raw, score, sector.tension, sector.opco_id, True, phrase)


def _scan(index: _SectorIndex, tokens: list[str], fuzzy: bool) -> tuple[str, float] | None:
    """Best phrase found in `tokens`: exact before fuzzy, then longest, then first."""
    best: tuple[tuple[int, int, int], str, float] | None = None
    for length, phrases in index.by_length.items():
        for start in range(len(tokens) - length + 1):
            if start and tokens[start - 1] in _COST_WORDS:
                continue
            window = " ".join(tokens[start : start + length])
            if window in index.phrases:
                found, score = window, 100.0
            elif fuzzy and len(window) >= FUZZY_MIN_CHARS:
                hit = process.extractOne(
                    window, phrases, scorer=fuzz.ratio, score_cutoff=FUZZY_WINDOW_CUTOFF,
                    processor=None,
                )
                if not hit or len(hit[0]) < FUZZY_MIN_CHARS:
                    continue
                found, score = hit[0], float(hit[1])
            else:
                continue
            rank = (score == 100.0, length, -start)
            if best is None or rank > best[0]:
                best = (rank, found, score)
    return (best[1], best[2]) if best else None


def parse_sector(text: str, k: Knowledge | None = None) -> SectorMatch:
    """Read an answer to "dans quel secteur / quel métier ?": exact phrase, then typo-tolerant."""
    k = k or load()
    index = _sector_index(k)
    raw = text.strip()
    tokens = _tokens(raw, _FUNCTION_WORDS | _FILLER_WORDS)
    key = " ".join(tokens)
    if not key:
        return _match(k, raw, None, 0.0, None)
    for table in (index.phrases, index.short_forms):
        if key in table:
            return _match(k, raw, table[key], 100.0, key)
    found = _scan(index, tokens, fuzzy=False)
    if found is None:
        hit = process.extractOne(
            key, list(index.phrases), scorer=fuzz.ratio, score_cutoff=FUZZY_WHOLE_CUTOFF, processor=None
        )
        usable = hit and len(hit[0]) >= FUZZY_MIN_CHARS
        found = (hit[0], float(hit[1])) if usable else _scan(index, tokens, fuzzy=True)
    if found is None:
        return _match(k, raw, None, 0.0, None)
    phrase, score = found
    return _match(k, raw, index.phrases[phrase], score, phrase)


def find_sector_in(text: str, k: Knowledge | None = None) -> SectorMatch | None:
    """A sector or job mentioned inside a longer sentence, or None (short forms never count here)."""
    k = k or load()
    index = _sector_index(k)
    found = _scan(index, _tokens(text), fuzzy=True)
    if found is None:
        return None
    phrase, score = found
    return _match(k, text.strip(), index.phrases[phrase], score, phrase)


# --------------------------------------------------------------------------- ages

MAX_AGE = 120
MIN_PLAUSIBLE_AGE = 10  # below this, an answer is a typo or a joke, not the visitor's age

# problem codes of AgeParse
UNCLEAR = "unclear"  # no age in the text (or only amounts / durations)
NEGATIVE = "negative"
IMPOSSIBLE = "impossible"  # over MAX_AGE, or a date that does not exist
TOO_YOUNG_TO_BE_TRUE = "too_young_to_be_true"  # under MIN_PLAUSIBLE_AGE, including 0
FUTURE = "future"  # birth date or year after today
AMBIGUOUS = "ambiguous"  # a range on both sides of the minimum age: ask for the exact age


@dataclass(frozen=True)
class AgeParse:
    """An age read from text.

    `age` is set when `problem` is None. For a range ("16-25 ans", a birth year only) `band` holds
    (lowest, highest) possible age (None = open) and `age` is a representative with the same
    eligibility as every age of the band: the lowest, or the highest for "moins de N ans". A band
    on both sides of the minimum age gives `problem="ambiguous"` instead.
    """

    age: int | None
    birth_date: date | None = None
    birth_year: int | None = None
    band: tuple[int | None, int | None] | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.age is not None

    @property
    def approximate(self) -> bool:
        return self.band is not None


_MONTH_NAMES = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)
_NUMERIC_DATE = re.compile(r"(?<![\d-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORD_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)?\s+({'|'.join(_MONTH_NAMES)})\s+(\d{{4}}|\d{{2}})(?!\d)")
# An age the visitor is about to reach ("j'ai 16 ans demain", "je vais avoir 16 ans en janvier"): today they
# are a year younger.
_SOON_AGE = re.compile(
    rf"\b(?:vais|va|vas) avoir\s+(\d+)\s*ans?\b|\baurai\s+(\d+)\s*ans?\b"
    rf"|\b(\d+)\s*ans?\s+(?:demain|bientot|prochainement|la semaine prochaine|le mois prochain"
    rf"|l.annee prochaine|en (?:{'|'.join(_MONTH_NAMES)})\b|le \d)"
)
_BIRTH_YEAR = re.compile(r"\b(?:nee?s?|naissance|annee|de|en)\s+(?:en\s+|le\s+)?(\d{4}|\d{2})(?!\d)")
_BARE_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_UNDER = re.compile(r"(?:moins de|-\s*de|<)\s*(\d+)\s*ans?\b")
_OVER = re.compile(r"(?:plus de|\+\s*de|>)\s*(\d+)\s*ans?\b")
_AT_LEAST = re.compile(r"(?:au moins|minimum)\s*(\d+)\s*ans?\b|(\d+)\s*ans?\s*(?:et|ou)\s*plus\b|(\d+)\s*\+")
_RANGE = re.compile(r"(?:entre\s+)?(\d+)\s*(?:-|–|a|et)\s*(\d+)\s*ans?\b|^\s*(\d+)\s*(?:-|–)\s*(\d+)\s*$")
_SIGNED_NUMBER = re.compile(rf"(-\s*)?({_NUMBER})(?:[.,]\d+)?(\s*(?:ans?|annees?)\b)?")
_SPAN = r"(?:plus de |moins de |au moins |environ |presque )?(?:" + _NUMBER + r")(?:[.,]\d+)?\s*"
# Numbers that are not the visitor's age: amounts, short durations, percentages, years of
# experience, "depuis 5 ans", "sur 2 ans". They are blanked before any age is looked for.
_NOT_AN_AGE = re.compile(
    _SPAN + r"(?:k€|k\b|€|euros?\b|eur\b|mois\b|semaines?\b|jours?\b|heures?\b|h\b|%)"
    r"|" + _SPAN + r"(?:ans?|annees?)\s+d\s*'?\s*(?:experience|anciennete|etudes?)\b"
    r"|\b(?:depuis|pendant|durant|il y a|sur|pour|dans)\s+" + _SPAN + r"(?:ans?|annees?)\b"
)


def _words_to_digits(text: str) -> str:
    return alpha2digit(strip_accents(text), "fr")


def _to_int(number: str) -> int:
    return int(re.sub(r"\D", "", number))


def _full_year(year: str, today: date) -> int:
    value = int(year)
    if len(year) == 2:
        value += 2000 if 2000 + value <= today.year else 1900
    return value


def _checked(age: int, **fields: object) -> AgeParse:
    """Apply the plausibility limits to an age."""
    if age < 0:
        return AgeParse(None, problem=NEGATIVE, **fields)
    if age > MAX_AGE:
        return AgeParse(None, problem=IMPOSSIBLE, **fields)
    if age < MIN_PLAUSIBLE_AGE:
        return AgeParse(None, problem=TOO_YOUNG_TO_BE_TRUE, **fields)
    return AgeParse(age, **fields)


def _from_band(low: int | None, high: int | None, min_age: int, **fields: object) -> AgeParse:
    band = (low, high)
    if low is not None and high is not None and low > high:
        low, high = high, low
        band = (low, high)
    if (low is None or low < min_age) and (high is None or high >= min_age):
        return AgeParse(None, band=band, problem=AMBIGUOUS, **fields)
    representative = high if low is None else low
    parsed = _checked(representative, band=band, **fields)
    if parsed.problem == TOO_YOUNG_TO_BE_TRUE and low is None:
        return AgeParse(representative, band=band, **fields)  # "moins de 16 ans" is a real answer
    return parsed


def _birth_date(text: str, today: date) -> AgeParse | None:
    for pattern, order in ((_ISO_DATE, (2, 1, 0)), (_NUMERIC_DATE, (0, 1, 2)), (_WORD_DATE, (0, 1, 2))):
        found = pattern.search(text)
        if not found:
            continue
        parts = found.groups()
        day, month, year = (parts[index] for index in order)
        month_number = _MONTH_NAMES.index(month) + 1 if month in _MONTH_NAMES else int(month)
        try:
            born = date(_full_year(year, today), month_number, int(day))
        except ValueError:
            return AgeParse(None, problem=IMPOSSIBLE)
        if born > today:
            return AgeParse(None, birth_date=born, problem=FUTURE)
        return _checked(age_on(born, today), birth_date=born)
    return None


def _birth_year(text: str, today: date, min_age: int) -> AgeParse | None:
    found = _BIRTH_YEAR.search(text) or _BARE_YEAR.search(text)
    if not found:
        return None
    raw_year = found.group(1)
    if len(raw_year) == 2 and not re.search(r"\bnee?s?\b", text):
        return None  # "de 25" is not a birth year
    year = _full_year(raw_year, today)
    if year > today.year:
        return AgeParse(None, birth_year=year, problem=FUTURE)
    highest = today.year - year  # after this year's birthday
    if highest - 1 > MAX_AGE:
        return AgeParse(None, birth_year=year, problem=IMPOSSIBLE)
    return _from_band(max(highest - 1, 0), highest, min_age, birth_year=year)


def _band(text: str, min_age: int) -> AgeParse | None:
    found = _RANGE.search(text)
    if found:
        low, high = (int(value) for value in found.groups() if value is not None)
        return _from_band(low, high, min_age)
    found = _UNDER.search(text)
    if found:
        return _from_band(None, int(found.group(1)) - 1, min_age)
    found = _OVER.search(text)
    if found:
        return _from_band(int(found.group(1)) + 1, None, min_age)
    found = _AT_LEAST.search(text)
    if found:
        return _from_band(int(next(value for value in found.groups() if value)), None, min_age)
    return None


def _single_age(text: str) -> AgeParse:
    """The age among the numbers of `text`: one followed by "ans" first, else a bare number."""
    with_years, bare = [], []
    for found in _SIGNED_NUMBER.finditer(text):
        value = _to_int(found.group(2)) * (-1 if found.group(1) else 1)
        (with_years if found.group(3) else bare).append(value)
    candidates = with_years or bare
    return _checked(candidates[0]) if candidates else AgeParse(None, problem=UNCLEAR)


def parse_age(text: str, today: date, k: Knowledge | None = None) -> AgeParse:
    """Read an age, a birth date or year, or an age range ("16-25 ans") on `today`.

    Words are read as numbers ("dix-neuf ans"). Amounts and durations ("12 000 €", "18 mois")
    are never taken as an age.
    """
    min_age = (k or load()).min_age
    converted = _NOT_AN_AGE.sub(" ", _words_to_digits(text.strip()))
    for reader in (
        lambda: _birth_date(converted, today),
        lambda: _birth_year(converted, today, min_age),
        lambda: _band(converted, min_age),
        lambda: _soon_age(converted),
    ):
        parsed = reader()
        if parsed is not None:
            return parsed
    return _single_age(converted)


def _soon_age(text: str) -> AgeParse | None:
    found = _SOON_AGE.search(text)
    return _checked(int(next(group for group in found.groups() if group)) - 1) if found else None


# --------------------------------------------------------------------------- goal and situation

# First matching row wins: "quelques blocs du diplôme" is blocs, "je ne travaille pas" is a job seeker.
_GOALS = (
    ("blocs", r"\bblocs?\b|une partie|en partie|partiel|quelques competences|certaines competences"),
    ("reconversion", r"reconver|changer de (?:metier|voie|secteur|travail|job|vie)|reorient|nouveau metier"),
    (
        "emploi",
        r"(?:trouver|avoir|decrocher|obtenir|cherche|chercher) (?:un |du )?(?:emploi|travail|job|boulot|poste|cdi)"
        r"|\bembauche|\bun emploi\b|\bun travail\b|\bun job\b|\bun cdi\b",
    ),
    (
        "certification",
        r"diplome|certifi|\btitre\b|qualification|\bcap\b|\bbts\b|\bbac\b|\brncp\b|\bcqp\b|complet|entier|\ble tout\b",
    ),
    ("autre", r"^autre\b|autre chose|\bautres?\b"),
)
_SITUATIONS = (
    (
        "demandeur_emploi",
        r"demandeu(?:r|se)s? d emploi|chomage|chomeu(?:r|se)|sans (?:emploi|travail|activite)"
        r"|pas (?:de|d) (?:emploi|travail|boulot)|travaille pas|cherche (?:un |du )?(?:emploi|travail|job|boulot)"
        r"|recherche d emploi|france travail|pole emploi|\brsa\b|licencie",
    ),
    ("etudiant", r"etudiant|lyceen|\beleve\b|en etudes?\b|\bfac\b|universite|college|scolaire"),
    (
        "autre",
        r"retraite|independant|auto entrepreneur|micro entrepreneur|freelance|au foyer|chef d entreprise"
        r"|conge parental|^autre\b|autre situation",
    ),
    (
        "salarie",
        r"salarie|\ben cd[di]\b|\bj ai un cd[di]\b|^cd[di]$|je travaille|\bemployee?s?\b|en poste|interim|\bouvriere?\b|j ai un (?:emploi|travail|job)"
        r"|fonctionnaire|contractuel",
    ),
)


def _classify(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    normalized = normalize(text)
    return next((value for value, pattern in table if re.search(pattern, normalized)), None)


def parse_goal(text: str) -> str | None:
    """certification, blocs, emploi, reconversion, autre, or None when no goal is recognised."""
    return _classify(text, _GOALS)


def parse_situation(text: str) -> str | None:
    """salarie, demandeur_emploi, etudiant, autre, or None when no situation is recognised."""
    return _classify(text, _SITUATIONS)


# --------------------------------------------------------------------------- change requests

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


# --------------------------------------------------------------------------- money


@dataclass(frozen=True)
class MoneyParse:
    """A cost read from text, ready for `funding.coverage(amount_eur, months, per_year=per_year)`.

    A monthly cost is turned into a total over `months`, or into a yearly cost when no duration is given.
    """

    amount_eur: float
    months: float | None
    per_year: bool


_AMOUNT = re.compile(
    rf"(?<![\d,.])({_NUMBER}|\d{{1,3}}(?:\.\d{{3}})+)(?:,(\d{{1,2}}))?\s*(k|mille)?\s*(€|euros?\b|eur\b)"
    rf"|(?<![\d,.])(\d+(?:,\d+)?)\s*(k)\b"
)
_EURO_FIRST = re.compile(rf"€\s*({_NUMBER})")
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mois|ans?|annees?)\b(\s+et\s+demie?)?")
_PER_YEAR = re.compile(r"(?:par|/|chaque|l')\s*(?:an|annee)\b|\bannuel")
_PER_MONTH = re.compile(r"(?:par|/|chaque)\s*mois\b|\bmensuel")
_BARE_AMOUNT = re.compile(rf"(?<![\d,.])({_NUMBER})(?:,(\d{{1,2}}))?(?![\d,.]|\s*(?:mois|ans?|annees?|%)\b)")


MIN_BARE_AMOUNT_EUR = 100


def _number(units: str, cents: str | None) -> float:
    return _to_int(units) + (int(cents.ljust(2, "0")) / 100 if cents else 0.0)


def _amount(text: str) -> float | None:
    found = _AMOUNT.search(text)
    if found:
        if found.group(5):  # "9k", "1,5 k"
            return float(found.group(5).replace(",", ".")) * 1000
        value = _number(found.group(1), found.group(2))
        return value * 1000 if found.group(3) else value
    found = _EURO_FIRST.search(text)
    if found:
        return _number(found.group(1), None)
    found = _BARE_AMOUNT.search(text)
    if found:
        value = _number(found.group(1), found.group(2))
        # A number without a currency is a cost only if it is sized like one: "une" (1) in "modifier une réponse"
        # is not.
        return value if value >= MIN_BARE_AMOUNT_EUR else None
    return None


def _months(text: str) -> float | None:
    found = _DURATION.search(text)
    if not found:
        return None
    value = float(found.group(1).replace(",", "."))
    if found.group(3):  # "un an et demi"
        value += 0.5
    return value if found.group(2) == "mois" else value * 12


def parse_money(text: str) -> MoneyParse | None:
    """Read a cost and its period: "12 000 € par an", "15 000 € sur 18 mois", "9k€", "dix mille euros"."""
    converted = alpha2digit(strip_accents(text), "fr", threshold=0)
    amount = _amount(converted)
    if amount is None or amount < 0:
        return None  # "0 €" is read, so that the simulation can say the cost must be above zero
    months = _months(converted)
    if _PER_MONTH.search(converted):
        if months:
            return MoneyParse(amount * months, months, per_year=False)
        return MoneyParse(amount * 12, None, per_year=True)
    return MoneyParse(amount, months, per_year=bool(_PER_YEAR.search(converted)))
