"""Jobs and sectors in the visitor's words: a ROME job title (read/jobs.py), whose code decides the sector and a
named workplace the branch; else an exact phrase of the knowledge data, else a typo-tolerant match."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.knowledge import Knowledge, KnowledgeError, Sector, load
from bot.core.knowledge.rome import load_rome
from bot.core.read.jobs import JobIndex, find_workplace, fuzzy_title, job_index, scan_titles
from bot.core.read.reading import Reading, detail
from bot.core.read.text import FILLER_WORDS, FUNCTION_WORDS, normalize, word_tokens

# The sector of a job the knowledge data does not list: kept as the visitor wrote it, not refused.
OTHER_SECTOR = "autre"


class SectorMatch(Reading):
    """Result of reading a sector or job: its value is the sector id.

    Unknown input gives `sector_id="autre"`, `matched=False` (not `recognised`) and keeps `raw`: it is not refused.
    `score` is 100 for an exact phrase, the rapidfuzz score for a typo, 0 when nothing matched.
    """

    def __init__(self, sector_id: str, label: str | None, raw: str, score: float, tension: bool | None,
                 opco_id: str | None, matched: bool, matched_phrase: str | None = None):
        super().__init__(sector_id, {"label": label, "raw": raw, "score": score, "tension": tension,
                                     "opco_id": opco_id, "matched_phrase": matched_phrase}, recognised=matched)

    sector_id = property(lambda self: self.value)
    matched = property(lambda self: self.recognised)
    label = detail("label")
    raw = detail("raw")
    score = detail("score")
    tension = detail("tension")
    opco_id = detail("opco_id")
    matched_phrase = detail("matched_phrase")


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
        key = " ".join(word_tokens(phrase))
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


# Words after which the visitor names the job they want rather than the one they hold ("pour devenir aide-soignant",
# "je veux être maçon"): that job decides.
_WANT_VERBS = frozenset("veux veut voudrais voudrait voudrai souhaite souhaiterais aimerais aimerai aimerait vais "
                        "compte envie projet pour".split())


def _target_start(words: list[str]) -> int | None:
    """Index in `words` (all normalised words) where the wanted job starts, or None."""
    for i, word in enumerate(words):
        if word in ("devenir", "reconvertir", "reconversion"):
            return i + 1
        if word in ("etre", "faire") and (i == 0 or words[i - 1] in _WANT_VERBS):  # "être infirmière" as a goal
            return i + 1
    return None


def names_wanted_job(text: str) -> bool:
    """Whether the visitor says which job they want ("devenir maçon", "je veux être infirmière")."""
    return _target_start(normalize(text).split()) is not None


def _rome(k: Knowledge) -> JobIndex:
    return job_index(k, load_rome(k))


def _with_workplace(k: Knowledge, raw: str, sector_id: str | None, score: float, phrase: str | None,
                    tokens: list[str], before: list[str], span: range) -> SectorMatch | None:
    """The reading, its branch replaced by a workplace named outside `span` ("… dans une clinique")."""
    sector_id = find_workplace(_rome(k), tokens, before, span) or sector_id
    return None if sector_id is None else _match(k, raw, sector_id, score, phrase)


def _read_part(k: Knowledge, raw: str, part: list[str], sentence: bool) -> SectorMatch | None:
    """A ROME title (its code decides), else the knowledge's phrases (exact), else a ROME title or a phrase with
    a typo (whole answers: fuzzy)."""
    index = _rome(k)
    tokens = [word for word in part if word not in FUNCTION_WORDS]
    before = [part[i - 1] if i else "" for i, word in enumerate(part) if word not in FUNCTION_WORDS]
    hit = scan_titles(index, tokens, sentence)
    if hit is not None and not sentence:
        # A whole answer only partly read ("restauratrice sur vere" read as "restauratrice"): a title close to
        # the whole answer is better.
        words = [word for word in tokens if word not in FILLER_WORDS]
        if hit.length < len(words):
            whole = fuzzy_title(index, words)
            if whole is not None and whole.title_key != hit.title_key:
                hit = whole
                tokens, before = words, [""] * len(words)  # the whole answer is the title: no workplace
    if hit is not None:
        span = range(hit.start, hit.start + hit.length)
        # A title the knowledge file lists word for word keeps that sector: a curated exception to its code
        # ("auxiliaire de vie sociale" is home help though K1306 is mostly establishments).
        sector_id = _sector_index(k).phrases.get(hit.title_key, hit.sector_id)
        found = _with_workplace(k, raw, sector_id, hit.score, hit.title_key, tokens, before, span)
        if found is not None:
            return found
    phrase = _read_phrases(k, raw, tokens, sentence, fuzzy=False)
    if phrase is None and not sentence:
        hit = fuzzy_title(index, tokens)
        if hit is not None:
            found = _with_workplace(k, raw, hit.sector_id, hit.score, hit.title_key, tokens, before,
                                    range(len(tokens)))
            if found is not None:
                return found
    if phrase is None:
        phrase = _read_phrases(k, raw, tokens, sentence, fuzzy=True)
    if phrase is None:
        return None
    return _with_workplace(k, raw, phrase.sector_id, phrase.score, phrase.matched_phrase, tokens, before, range(0))


def _read(k: Knowledge, raw: str, sentence: bool) -> SectorMatch | None:
    """The wanted job's part of the message first ("pour devenir …"), then the whole message."""
    _sector_index(k)  # validates the knowledge's phrases whatever reads the message
    words = word_tokens(raw, ())
    target = _target_start(words)
    parts = [words[target:], words] if target is not None and target < len(words) else [words]
    for part in parts:
        found = _read_part(k, raw, part, sentence)
        if found is not None:
            return found
    return None


def _read_phrases(k: Knowledge, raw: str, tokens: list[str], sentence: bool, fuzzy: bool) -> SectorMatch | None:
    """The phrases of the knowledge file (sectors, workplaces, job words the ROME lacks): exact, or with a typo."""
    index = _sector_index(k)
    if sentence:
        found = _scan(index, tokens, fuzzy=fuzzy)
        return None if found is None else _match(k, raw, index.phrases[found[0]], found[1], found[0])
    short = [word for word in tokens if word not in FILLER_WORDS]
    key = " ".join(short)
    if not key:
        return None
    if not fuzzy:
        for table in (index.phrases, index.short_forms):
            if key in table:
                return _match(k, raw, table[key], 100.0, key)
        found = _scan(index, short, fuzzy=False)
    else:
        hit = process.extractOne(
            key, list(index.phrases), scorer=fuzz.ratio, score_cutoff=FUZZY_WHOLE_CUTOFF, processor=None
        )
        usable = hit and len(hit[0]) >= FUZZY_MIN_CHARS
        found = (hit[0], float(hit[1])) if usable else _scan(index, short, fuzzy=True)
    if found is None:
        return None
    return _match(k, raw, index.phrases[found[0]], found[1], found[0])


def parse_sector(text: str, k: Knowledge | None = None) -> SectorMatch:
    """Read an answer to "dans quel secteur / quel métier ?": a ROME job title (its code decides the sector, a
    named workplace the branch), else the sectors' phrases; exact, then typo-tolerant."""
    k = k or load()
    raw = text.strip()
    return _read(k, raw, sentence=False) or _match(k, raw, None, 0.0, None)


def find_sector_in(text: str, k: Knowledge | None = None) -> SectorMatch | None:
    """A sector or job mentioned inside a longer sentence, or None (short forms never count here)."""
    k = k or load()
    return _read(k, text.strip(), sentence=True)


def names_a_job(match: SectorMatch, k: Knowledge | None = None) -> bool:
    """Whether a reading was made from a ROME job title ("des déménageurs"), not from a sector or a workplace only
    ("le BTP", "une boulangerie")."""
    return match.matched and match.matched_phrase in _rome(k or load()).titles


def known_sector_match(sector_id: str | None, k: Knowledge | None = None) -> SectorMatch | None:
    """A sector already known (e.g. a slot value) as a `SectorMatch`, without reading text again."""
    k = k or load()
    if not k.has_sector(sector_id):
        return None
    sector = k.sector(sector_id)
    return SectorMatch(sector.id, sector.label, sector.label, 100.0, sector.tension, sector.opco_id, True)


def warm_up(k: Knowledge | None = None) -> None:
    """Build the phrase and ROME indexes now (about a second) rather than on a visitor's first job answer."""
    k = k or load()
    _sector_index(k)
    _rome(k)
