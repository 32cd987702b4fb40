"""Job titles of France Travail's ROME in the visitor's words: every title, masculine and feminine, singular and
plural, with or without accents, with a typo, inside a sentence; its ROME code gives the sector.

The index is built once per (knowledge, ROME) pair and cached: a dict from each title's normalised form (the
tokens of `read.text.word_tokens`) to its code, so a message is read by looking up its windows of 1 to N tokens;
a token the titles never use is corrected against their vocabulary through a one-deletion table (symmetric
delete: one edit, transpositions included), and only a whole answer is compared fuzzily, against the titles
that share one of its words.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge import Knowledge
from bot.core.knowledge.rome import Rome
from bot.core.read.text import singular, word_tokens

CORRECT_MIN_CHARS = 5  # shorter tokens are only read exactly
FUZZY_WHOLE_CUTOFF = 92  # a whole answer against the titles sharing one of its words
TYPO_SCORE = 90.0  # the score of a title read through a corrected token
# One-word titles that are also everyday words or too vague to name the visitor's job inside a sentence: there they
# need a cue just before ("je suis conseiller", "devenir designer", "comme vendeur"), not in "parler à un
# conseiller", "désigner un tuteur" or "les mineurs". They still count as a whole answer. A one-word title read
# through a corrected word needs the cue too ("encadrer" is not "encadreur").
SENTENCE_STOP = frozenset(
    """conseiller conseillere agent agente aide assistant assistante responsable directeur directrice chef cheffe
    charge chargee gestionnaire employe employee ouvrier ouvriere technicien technicienne operateur operatrice
    associe associee gerant gerante adjoint adjointe animateur animatrice accompagnateur accompagnatrice
    formateur formatrice consultant consultante expert experte coordinateur coordinatrice superviseur
    superviseuse stagiaire apprenti apprentie benevole intervenant intervenante referent referente mediateur
    mediatrice pilote guide secretaire commercial commerciale vendeur vendeuse manager controleur controleuse
    inspecteur inspectrice auditeur auditrice analyste correspondant correspondante delegue deleguee
    dirigeant dirigeante cadre professeur enseignant enseignante surveillant
    surveillante facteur factrice porteur porteuse maitre maitresse monteur monteuse poseur poseuse
    receptionnaire courtier courtiere agent controleur passeur passeuse coach hote hotesse interprete designer
    mineur""".split()
)
# Cues and articles are compared with the words as `word_tokens` gives them: singular ("suis" -> "sui").
JOB_CUES = frozenset(map(singular, "suis es est etais etait ete etre devenir redevenir comme que metier poste job "
                                   "boulot fais faire exerce actuellement".split()))
# A title after a possessive is someone else's job: "mon conseiller emploi m'a parlé de la VAE inversée".
POSSESSIVES = frozenset(map(singular, "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs".split()))


@dataclass(frozen=True)
class JobHit:
    """A ROME title found in a message: its code, the sector the code maps to, where it stands."""

    code: str
    sector_id: str | None
    title_key: str  # the normalised title
    start: int  # position in the token list it was found in
    length: int
    score: float  # 100 exact, less with a typo


@dataclass(frozen=True)
class JobIndex:
    titles: dict[str, tuple[str, str | None]]  # normalised title -> (code, sector id)
    max_length: int
    vocabulary: dict[str, int]  # title token -> number of titles using it
    longest_word: int  # letters in the vocabulary's longest word
    deletes: dict[str, tuple[str, ...]]  # token with one letter deleted -> vocabulary tokens
    by_token: dict[str, tuple[str, ...]]  # title token -> titles using it (whole-answer fuzzy candidates)
    workplaces: dict[str, str]  # normalised workplace phrase -> sector id
    workplace_max_length: int


_PARENTHESES = re.compile(r"\([^)]*\)|-[A-Z]{2,}-")


def title_forms(title: str) -> list[str]:
    """Masculine and feminine forms of a ROME title: "Agent / Agente de service hospitalier (ASH)" gives
    "Agent de service hospitalier" and "Agente de service hospitalier"."""
    title = " ".join(_PARENTHESES.sub(" ", title).split())
    parts = [part.strip() for part in title.split(" / ")]
    if len(parts) != 2:
        return [" ".join(part for part in parts)] if len(parts) == 1 else parts
    masculine, feminine = parts
    tail = feminine.split()[len(masculine.split()):]
    return [" ".join([masculine, *tail]), feminine]


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


@functools.lru_cache(maxsize=4)
def job_index(k: Knowledge, rome: Rome) -> JobIndex:
    """The title table of `rome`, each title's sector taken from its code (see knowledge/rome/sectors.yml)."""
    words: dict[str, list[str]] = {}  # each typed word's tokens, computed once (the titles reuse their words)

    def tokens_of(form: str) -> list[str]:
        out: list[str] = []
        for word in form.split():
            if word not in words:
                words[word] = word_tokens(word)
            out.extend(words[word])
        return out

    candidates: dict[str, list[tuple[bool, str]]] = {}
    for entry in rome.titles:
        for form in title_forms(entry.title):
            key = " ".join(tokens_of(form))
            if key:
                candidates.setdefault(key, []).append((entry.principal, entry.code))
    titles: dict[str, tuple[str, str | None]] = {}
    for key, codes in candidates.items():
        if len(codes) == 1:
            titles[key] = (codes[0][1], rome.sector_of(codes[0][1]))
            continue
        # One title under several codes: the sector most of them share, a main title's code first.
        sectors = Counter(rome.sector_of(code) for _, code in codes)
        ranked = sorted(codes, key=lambda pc: (-sectors[rome.sector_of(pc[1])], not pc[0], pc[1]))
        code = ranked[0][1]
        titles[key] = (code, rome.sector_of(code))
    vocabulary: Counter[str] = Counter(token for key in titles for token in key.split())
    deletes: dict[str, set[str]] = {}
    by_token: dict[str, list[str]] = {}
    for token in vocabulary:
        if len(token) >= CORRECT_MIN_CHARS - 1:
            for deleted in _deletions(token):
                deletes.setdefault(deleted, set()).add(token)
    for key in titles:
        for token in set(key.split()):
            by_token.setdefault(token, []).append(key)
    workplaces = {" ".join(word_tokens(phrase)): sector for phrase, sector in rome.workplaces.items()}
    return JobIndex(
        titles, max(len(key.split()) for key in titles), dict(vocabulary), max(map(len, vocabulary)),
        {deleted: tuple(sorted(tokens)) for deleted, tokens in deletes.items()},
        {token: tuple(keys) for token, keys in by_token.items()},
        workplaces, max(len(key.split()) for key in workplaces),
    )


def corrections(index: JobIndex, token: str) -> list[str]:
    """The title words one edit away from `token`, most used first ([token] if it is one, [] if none)."""
    if token in index.vocabulary:
        return [token]
    if not CORRECT_MIN_CHARS <= len(token) <= index.longest_word + 1 or not token.isalpha():
        return []  # (a 10 000-letter "word" would cost 10 000 deletions of 10 000 letters)
    found: set[str] = set(index.deletes.get(token, ()))
    for deleted in _deletions(token):
        if deleted in index.vocabulary:
            found.add(deleted)
        found.update(index.deletes.get(deleted, ()))
    near = [word for word in found if OSA.distance(word, token, score_cutoff=1) <= 1]
    return sorted(near, key=lambda word: (-index.vocabulary[word], word))


def correct(index: JobIndex, token: str) -> str | None:
    """The most used title word one edit away from `token`, or None; `token` itself if it is one."""
    found = corrections(index, token)
    return found[0] if found else None


def scan_titles(index: JobIndex, tokens: list[str], sentence: bool) -> JobHit | None:
    """The best title in `tokens`: the longest, exact before corrected, then the first. Windows of the words as
    typed, then of the words corrected (a one-word window tries every correction). In a sentence, a one-word
    title of SENTENCE_STOP or read through a correction needs a cue before it, and a title after a possessive
    does not count."""
    exact = _scan(index, tokens, tokens, {}, sentence, 100.0)
    unknown = {token: corrections(index, token) for token in set(tokens) if token not in index.vocabulary}
    options = {i: unknown[token] for i, token in enumerate(tokens) if unknown.get(token)}
    if not options:
        return exact
    corrected = [options[i][0] if i in options else token for i, token in enumerate(tokens)]
    typo = _scan(index, corrected, tokens, options, sentence, TYPO_SCORE)
    best = typo if typo is not None and (exact is None or typo.length > exact.length) else exact
    if sentence and best is not None:
        best = _extend(index, tokens, best)
    return best


def _extend(index: JobIndex, tokens: list[str], hit: JobHit) -> JobHit:
    """A title found in a sentence, lengthened by up to 3 following words when one of them is not a title word
    (a typo the corrector could not fix: "polisseuse sur métauux"): fuzzy, against the titles sharing its first
    word only."""
    end = hit.start + hit.length
    if not any(token not in index.vocabulary for token in tokens[end:end + 3]):
        return hit
    candidates = index.by_token.get(tokens[hit.start], ())
    if not candidates or len(candidates) > 3000:
        return hit
    for extra in (3, 2, 1):
        if end + extra > len(tokens):
            continue
        window = " ".join(tokens[hit.start:end + extra])
        found = process.extractOne(window, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_WHOLE_CUTOFF,
                                   processor=None)
        if found is not None and len(found[0].split()) > hit.length:
            code, sector_id = index.titles[found[0]]
            return JobHit(code, sector_id, found[0], hit.start, hit.length + extra, float(found[1]))
    return hit


def _scan(index: JobIndex, tokens: list[str], original: list[str], options: dict[int, list[str]], sentence: bool,
          score: float) -> JobHit | None:
    best: JobHit | None = None
    n = len(tokens)
    for start in range(n):
        for length in range(min(index.max_length, n - start), 0, -1):
            if best is not None and length <= best.length:
                break
            keys = options.get(start, ()) if length == 1 else ()
            for key in keys or (" ".join(tokens[start:start + length]),):
                found = index.titles.get(key)
                if found is None:
                    continue
                changed = tokens[start:start + length] != original[start:start + length]
                if sentence:
                    before = tokens[start - 1] if start else ""
                    if before in POSSESSIVES:
                        continue
                    if length == 1 and (key in SENTENCE_STOP or changed) and before not in JOB_CUES:
                        continue
                    if changed and len(key) < 8:
                        continue  # a corrected short title inside a sentence is too often an ordinary word
                best = JobHit(found[0], found[1], key, start, length, score if changed else 100.0)
                break
            if best is not None and best.length == length:
                break
    return best


def fuzzy_title(index: JobIndex, tokens: list[str]) -> JobHit | None:
    """A whole answer compared with the titles sharing one of its (corrected) words; None under the cutoff."""
    key = " ".join(tokens)
    candidates: set[str] = set()
    for token in tokens:
        word = correct(index, token)
        if word is not None and index.vocabulary.get(word, 0) <= 2000:
            candidates.update(index.by_token.get(word, ()))
    if not candidates:
        return None
    hit = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_WHOLE_CUTOFF, processor=None)
    if hit is None:
        return None
    code, sector_id = index.titles[hit[0]]
    return JobHit(code, sector_id, hit[0], 0, len(tokens), float(hit[1]))


# A workplace is named after a preposition or an article ("dans une clinique", "en EHPAD", "à l'hôpital"), not as
# a verb ("ferme ta bouche").
WORKPLACE_CUES = frozenset(map(singular, "dans a au aux en chez sur un une le la l les d de du des mon ma notre"
                                         .split()))


def find_workplace(index: JobIndex, tokens: list[str], before: list[str], skip: range = range(0)) -> str | None:
    """The sector of the longest workplace named in `tokens` outside the positions in `skip`; `before[i]` is the
    word typed just before `tokens[i]` (function words included), which must be a preposition or an article."""
    best: tuple[int, str] | None = None
    for start in range(len(tokens)):
        if before[start] not in WORKPLACE_CUES:
            continue
        for length in range(min(index.workplace_max_length, len(tokens) - start), 0, -1):
            if any(position in skip for position in range(start, start + length)):
                continue
            sector = index.workplaces.get(" ".join(tokens[start:start + length]))
            if sector is not None and (best is None or length > best[0]):
                best = (length, sector)
                break
    return best[1] if best else None
