"""What the bot says when an answer cannot be used (an age, a cost, a duration, a number of hires): why, and what to write."""

from __future__ import annotations

from bot.core.funding import FundingInputError
from bot.core.knowledge import Knowledge, load
from bot.core.read.age import AMBIGUOUS, FUTURE, IMPOSSIBLE, MAX_AGE, NEGATIVE, TOO_YOUNG_TO_BE_TRUE
from bot.core.read.reading import NOT_POSITIVE, TOO_LONG, TOO_MANY
from bot.core.say.format import format_eur, format_months, format_number


def age_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """French follow-up question for an `AgeParse.problem` code."""
    min_age = format_number((k or load()).min_age)
    if problem == AMBIGUOUS:
        return f"Pour vérifier : avez-vous au moins {min_age} ans ? Vous pouvez aussi donner votre date de naissance."
    if problem == FUTURE:
        return "Cette date est dans le futur. Quelle est votre date de naissance ?"
    if problem == IMPOSSIBLE:
        return (f"Cet âge ou cette date de naissance n'est pas possible (plus de {format_number(MAX_AGE)} ans, "
                "ou une date qui n'existe pas). Pouvez-vous vérifier ?")
    if problem == NEGATIVE:
        return "Un âge ne peut pas être négatif. Indiquez votre âge en chiffres, par exemple « 24 »."
    if problem == TOO_YOUNG_TO_BE_TRUE:
        return "Cet âge paraît bien jeune : s'agit-il d'une faute de frappe ? Indiquez votre âge, par exemple « 24 »."
    return "Je n'ai pas compris votre âge. Indiquez-le en chiffres ou donnez votre date de naissance."


AT_LEAST_A_MONTH = "La durée doit être d'au moins un mois."  # a simulation's duration, as a contract's

_FUNDING_ERRORS = {
    "cost_not_a_number": "Je n'ai pas compris le montant. Indiquez un coût en euros, par exemple « {example} ».",
    "cost_not_positive": "Le coût doit être supérieur à zéro. Indiquez un montant en euros.",
    "cost_too_large": "Ce montant semble très élevé. Pouvez-vous le vérifier ?",
    "months_not_a_number": "Je n'ai pas compris la durée. Indiquez un nombre de mois.",
    "months_not_positive": AT_LEAST_A_MONTH,
    "months_too_long": "Le contrat dure au plus {max_months}. Indiquez une durée plus courte.",
}


def funding_input_problem_message(error: FundingInputError, k: Knowledge | None = None) -> str:
    """French answer to an unusable cost or duration (a `FundingInputError` code)."""
    k = k or load()
    template = _FUNDING_ERRORS.get(error.code, _FUNDING_ERRORS["cost_not_a_number"])
    return template.format(
        example=format_eur(k.funding.example_cost_eur), max_months=format_months(k.contract.max_months)
    )


def hires_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """Why a number of hires was not taken (the form then asks its question again)."""
    k = k or load()
    if problem == NOT_POSITIVE:
        return "Il faut au moins une personne."
    if problem == TOO_MANY:
        return (
            f"C'est plus que les {format_number(k.experimentation.parcours_cap)} parcours prévus pour toute "
            "l'expérimentation. Pouvez-vous vérifier ce nombre ?"
        )
    return "Je n'ai pas compris le nombre : écrivez-le en chiffres ou en lettres, par exemple « trois »."


def contract_months_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """Why a contract duration was not taken (the form then asks its question again)."""
    k = k or load()
    if problem == NOT_POSITIVE:
        return AT_LEAST_A_MONTH
    if problem == TOO_LONG:
        return (
            f"Le contrat allégé dure au plus {format_months(k.contract.max_months)}. "
            "Indiquez une durée plus courte."
        )
    return "Je n'ai pas compris la durée. Indiquez un nombre de mois, par exemple « douze mois » ou « un an »."
