"""A candidate's goal and situation in their own words ("un diplôme complet", "au chômage", "chui au lycée").

Read in three steps: chat spellings written out (text.standard_spelling), a mistyped word of the categories'
vocabulary corrected to it ("chommeuse", "certfication"), then the categories' patterns, first row first.
"""
from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from bot.core.read.text import standard_spelling

# First matching row wins: "quelques blocs du diplôme" is blocs, "je ne travaille pas" is a job seeker.
_GOALS = (
    # Not "à temps partiel", a working time.
    ("blocs", r"\bblocs?\b|une partie|en partie|(?<!temps )partiel|quelques competences|certaines competences"),
    ("reconversion", r"reconver|changer de (?:metier|voie|secteur|travail|job|vie)|reorient|nouveau metier"),
    (
        "emploi",
        r"(?:trouver|avoir|decrocher|obtenir|cherche|chercher) (?:un |du )?(?:emploi|travail|job|boulot|poste|cdi)"
        r"|\bembauche|\bun emploi\b|\bun travail\b|\bun job\b|\bun cdi\b|^travailler\b|^(?:un )?(?:emploi|travail)$",
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
        r"|pas (?:de|d) (?:emploi|travail|boulot|activite)|travaille pas|cherche (?:un |du )?(?:emploi|travail|job|boulot)"
        r"|recherche d emploi|france travail|pole emploi|\brsa\b|licencie",
    ),
    (
        "etudiant",
        r"etudiant|lyceen|\blycee\b|\beleve\b|en etudes?\b|\bfac\b|universite|college|scolaire|\bbac pro\b"
        r"|\ben (?:terminale|premiere|seconde|troisieme|3e|3eme|2nde|1ere|cap|bts|licence|master|formation)\b",
    ),
    (
        "autre",
        r"retraite|independant|auto entrepreneur|micro entrepreneur|freelance|au foyer|chef d entreprise"
        r"|conge parental|^autre\b|autre situation",
    ),
    (
        "salarie",
        r"salarie|\ben cd[di]\b|\bj ai un cd[di]\b|^cd[di]$|je travaille|\bemployee?s?\b|en poste|interim|\bouvriere?\b"
        r"|j ai un (?:emploi|travail|job)"
        r"|fonctionnaire|contractuel",
    ),
)


# The categories' own words, to which a mistyped word is corrected; shorter words are matched only as written.
_VOCABULARY = (
    "certification", "diplome", "qualification", "reconversion", "reorientation", "competences", "emploi",
    "travail", "travaille", "travailler", "chomage", "chomeur", "chomeuse", "demandeur", "demandeuse", "etudiant", "etudiante",
    "lyceen", "lyceenne", "troisieme", "universite", "college", "salarie", "salariee", "interim",
    "fonctionnaire", "contractuel", "independant", "entrepreneur", "retraite", "retraitee",
)
_MIN_TYPO_CHARS = 6
_TYPO_CUTOFF = 88  # "chommeuse" and "certfication" are corrected; "salaire" is not "salarie"
# Words that are also other real words ("licence", "licencié", "terminale": "manager en terminal de cuisson") are
# left out of the vocabulary: only typos of words with no near neighbour are corrected.


@functools.lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    if len(word) < _MIN_TYPO_CHARS or word in _VOCABULARY:
        return word
    hit = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF)
    return hit[0] if hit else word


def _classify(text: str, table: tuple[tuple[str, str], ...]) -> str | None:
    words = " ".join(_corrected(word) for word in standard_spelling(text).split())
    return next((value for value, pattern in table if re.search(pattern, words)), None)


def parse_goal(text: str) -> str | None:
    """certification, blocs, emploi, reconversion, autre, or None when no goal is recognised."""
    return _classify(text, _GOALS)


def parse_situation(text: str) -> str | None:
    """salarie, demandeur_emploi, etudiant, autre, or None when no situation is recognised."""
    return _classify(text, _SITUATIONS)


# Words that answer the situation question ("ouvrière", "employé") but, said in passing, belong to a job title
# ("je suis ouvrier viticole", "employé de rayon", "conductrice transport scolaire", "aérodynamicienne en études,
# recherche et développement" at the job question): the job, not the visitor's situation.
_JOB_TITLE_WORDS = re.compile(r"\b(?:employee?|ouvriere?)s?\b|\bscolaires?\b|\ben etudes? (?:et|recherche)\b")


def situation_in_passing(text: str) -> str | None:
    """The situation a message gives while answering something else, job-title words left out."""
    return parse_situation(_JOB_TITLE_WORDS.sub(" ", standard_spelling(text)))
