"""A candidate's goal and situation in their own words ("un diplôme complet", "au chômage")."""
from __future__ import annotations

import re

from bot.core.read.text import normalize

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
