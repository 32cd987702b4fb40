"""What the forms and the actions around them say in their own words (not responses uttered by name, which stay in
domain.yml): the problems with an answer, the change of an answer, the questions asked with computed figures.

Their buttons are in bot/core/say/buttons.py.
"""
from __future__ import annotations

from typing import Any, Mapping

from bot.core.knowledge import Knowledge
from bot.core.say.format import format_count, format_months, format_number, join_and

# --------------------------------------------------------------------------- any form

# An answer that no reader could read and that came with no explanation of its own.
NOT_UNDERSTOOD = "Je n'ai pas compris votre réponse."
# The visitor did not understand the question ("je comprends pas la question", "?"): it comes again, with its
# examples or buttons.
REWORDED = "Pas de souci, une réponse courte suffit :"
# A named answer emptied to be asked again ("je voudrais changer mon âge").
CHANGE_CONFIRMED = "D'accord, modifions cette réponse."
# "Je voudrais modifier une réponse", with a button per answer given...
WHICH_ANSWER = "Quelle réponse souhaitez-vous modifier ?"
# ... or when none was given yet.
NOTHING_TO_CHANGE = "Vous n'avez encore donné aucune réponse : il n'y a rien à modifier."

# --------------------------------------------------------------------------- the eligibility form

SECTOR_PROBLEM = "Pouvez-vous indiquer un métier ou un secteur, par exemple « aide-soignant » ou « le BTP » ?"
GOAL_PROBLEM = "Je n'ai pas compris votre objectif. Choisissez une réponse ci-dessous ou décrivez-le en quelques mots."
SITUATION_PROBLEM = ("Je n'ai pas compris votre situation. Êtes-vous en emploi, en recherche d'emploi, en études, "
                     "ou dans une autre situation ?")
# The age question after repeated failures, with the age ranges (bot.core.say.buttons.AGE_RANGE_BUTTONS).
AGE_RANGES_OFFER = "Vous pouvez aussi choisir une tranche d'âge, ou passer cette question."

# --------------------------------------------------------------------------- the employer form and plan

COMPANY_SECTOR_PROBLEM = "Pouvez-vous indiquer le secteur de votre entreprise, par exemple « le BTP » ?"
JOBS_PROBLEM = "Je n'ai pas compris les postes."
JOBS_WITHOUT_WORDS_PROBLEM = "Décrivez les postes en quelques mots, par exemple « des caristes »."
# A visitor in the employer form who is not hiring: the eligibility test comes next.
NOT_AN_EMPLOYER_TEXT = "D'accord, vous cherchez pour vous-même : vérifions plutôt si vous pouvez bénéficier de la VAE inversée."


def contract_months_question(k: Knowledge) -> str:
    """The contracts' length, with the allégé contract's maximum from the knowledge data."""
    return (f"Combien de mois dureront les contrats ? Le contrat allégé n'a pas de durée minimale "
            f"et dure au plus {format_months(k.contract.max_months)}.")


# --------------------------------------------------------------------------- OPCO finder

OPCO_SECTOR_QUESTION = "Pour trouver l'OPCO, j'ai besoin du secteur d'activité de l'entreprise. Lequel est-ce ?"


# --------------------------------------------------------------------------- what was understood

# An answer to another question than the one asked, kept: said back in a few words before the question comes again.
GOAL_NOTES = {"certification": "objectif : une certification complète", "blocs": "objectif : des blocs de compétences",
              "emploi": "objectif : trouver un emploi", "reconversion": "objectif : une reconversion",
              "autre": "objectif : autre"}
SITUATION_NOTES = {"salarie": "situation : en emploi", "demandeur_emploi": "situation : en recherche d'emploi",
                   "etudiant": "situation : en études", "autre": "situation : autre"}


def _note(slot: str, value: Any, k: Knowledge) -> str | None:
    if slot == "age":
        return format_count(int(value), "an", "ans")
    if slot == "sector":
        return f"secteur : {k.sector(value).label}" if k.has_sector(value) else "votre métier"
    if slot == "goal":
        return GOAL_NOTES.get(value)
    if slot == "situation":
        return SITUATION_NOTES.get(value)
    if slot == "hires":
        return format_count(int(value), "embauche", "embauches")
    if slot == "contract_months":
        return f"contrats de {format_months(value)}"
    if slot == "company_size":
        return f"entreprise de {format_number(value)} personnes"
    return None


def noted(values: Mapping[str, Any], k: Knowledge) -> str | None:
    """"C'est noté : 39 ans." for the answers of other questions kept from a message; None when none is worth saying."""
    notes = [note for slot, value in values.items() if value is not None and (note := _note(slot, value, k))]
    return f"C'est noté : {join_and(notes)}." if notes else None


# A question whose answer could not be read three times: it is left unanswered, and the test goes on.
QUESTION_SKIPPED = "Je passe cette question : vous pourrez y revenir plus tard. Continuons."
