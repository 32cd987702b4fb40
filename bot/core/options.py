"""What a visitor can do now that new VAE inversée contracts are closed: the options that fit a profile.

A pure rule, no Rasa import: age, situation, experience and who is asking (a candidate, a private or public
employer, a private individual) in; the two or three options that fit out, in the order they are worth reading.
The ages are the knowledge data's (`options` section); the French wording is `bot.core.say.options`.
Derived from the table "what the assistant should say, by profile" of the fact sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge import Knowledge, load
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC

# Option ids: each is a key of the knowledge data's `options` section.
CONTRAT_PRO = "contrat_pro"
APPRENTISSAGE = "apprentissage"
VAE = "vae"
MISSION_LOCALE = "mission_locale"
FRANCE_TRAVAIL = "france_travail"
CEP = "cep"
TRANSITIONS_PRO = "transitions_pro"
CAP_EMPLOI = "cap_emploi"

# Situations (the `situation` slot's values).
EMPLOYEE = "salarie"
JOB_SEEKER = "demandeur_emploi"

MAX_OPTIONS = 3


@dataclass(frozen=True)
class Profile:
    """Who the options are for. `employer_kind` is PRIVATE, PUBLIC or PARTICULIER when an employer is asking
    (or someone for a relative: PARTICULIER), None for a candidate."""

    age: int | None = None
    situation: str | None = None
    experienced: bool | None = None
    handicap: bool = False
    employer_kind: str | None = None


def options_for(profile: Profile, k: Knowledge | None = None) -> tuple[str, ...]:
    """The 2-3 options that fit `profile`, most useful first."""
    k = k or load()
    if profile.employer_kind is not None:
        return _for_employer(profile.employer_kind, k)
    chosen: list[str] = []
    age = profile.age
    if age is not None and age < k.option(APPRENTISSAGE, "min_age"):
        age = k.option(APPRENTISSAGE, "min_age")  # an under-16 is told what applies at 16
    if profile.experienced:
        chosen.append(VAE)
    if profile.handicap:
        chosen += [APPRENTISSAGE, CAP_EMPLOI]
    elif profile.situation == EMPLOYEE:
        chosen += [CEP, TRANSITIONS_PRO, VAE]
    elif age is not None and age <= k.option(CONTRAT_PRO, "youth_max_age"):
        chosen += [APPRENTISSAGE, CONTRAT_PRO, MISSION_LOCALE]
    elif age is not None and age <= k.option(APPRENTISSAGE, "max_age"):
        chosen += [CONTRAT_PRO if profile.situation == JOB_SEEKER else APPRENTISSAGE, APPRENTISSAGE, FRANCE_TRAVAIL]
    elif age is not None:
        chosen += [CONTRAT_PRO if profile.situation != EMPLOYEE else CEP, VAE, FRANCE_TRAVAIL]
    else:
        chosen += [APPRENTISSAGE, CONTRAT_PRO, CEP]
    return _first_unique(chosen)


def _for_employer(kind: str, k: Knowledge) -> tuple[str, ...]:
    if kind == PUBLIC:
        # A public employer cannot sign a contrat de professionnalisation; apprenticeship is open to it.
        chosen = [APPRENTISSAGE] if k.option(APPRENTISSAGE, "public_employers") else []
        return _first_unique(chosen + [VAE])
    if kind == PARTICULIER:
        # A private individual (or someone asking for a relative): the person's own routes, not a contract to sign.
        return _first_unique([VAE, CEP, FRANCE_TRAVAIL])
    return _first_unique([CONTRAT_PRO, APPRENTISSAGE, VAE])


def _first_unique(ids: list[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for option_id in ids:
        if option_id not in seen:
            seen.append(option_id)
    return tuple(seen[:MAX_OPTIONS])


__all__ = [
    "APPRENTISSAGE", "CAP_EMPLOI", "CEP", "CONTRAT_PRO", "FRANCE_TRAVAIL", "MISSION_LOCALE", "MAX_OPTIONS",
    "PRIVATE", "Profile", "TRANSITIONS_PRO", "VAE", "options_for",
]
