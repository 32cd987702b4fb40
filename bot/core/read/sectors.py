"""Jobs and sectors in the visitor's words: an exact phrase of the knowledge data, else a typo-tolerant match."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.knowledge import Knowledge, KnowledgeError, Sector, load
from bot.core.read.reading import Reading, detail
from bot.core.read.text import FILLER_WORDS, FUNCTION_WORDS, word_tokens

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


def parse_sector(text: str, k: Knowledge | None = None) -> SectorMatch:
    """Read an answer to "dans quel secteur / quel métier ?": exact phrase, then typo-tolerant."""
    k = k or load()
    index = _sector_index(k)
    raw = text.strip()
    tokens = word_tokens(raw, FUNCTION_WORDS | FILLER_WORDS)
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
    found = _scan(index, word_tokens(text), fuzzy=True)
    if found is None:
        return None
    phrase, score = found
    return _match(k, text.strip(), index.phrases[phrase], score, phrase)



def known_sector_match(sector_id: str | None, k: Knowledge | None = None) -> SectorMatch | None:
    """A sector already known (e.g. a slot value) as a `SectorMatch`, without reading text again."""
    k = k or load()
    if not k.has_sector(sector_id):
        return None
    sector = k.sector(sector_id)
    return SectorMatch(sector.id, sector.label, sector.label, 100.0, sector.tension, sector.opco_id, True)
