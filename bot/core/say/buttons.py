"""The buttons the assistant offers, as Rasa sends them: {"title": what the visitor sees, "payload": what a click says}.

A payload is a message the NLU reads as if the visitor had typed it, so it is written as a visitor would write it.
Responses that Rasa utters by name (with their buttons) stay in domain.yml.
"""
from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.format import format_months

# After the short verdict while the experimentation is open: the detail on demand (how to start, the sector's
# OPCO and how to be sure of it, a funding simulation), then starting over or an adviser.
NEXT_STEP_BUTTONS = [
    {"title": "Comment commencer ?", "payload": "Comment commencer une VAE inversée ?"},
    {"title": "Trouver l'OPCO", "payload": "Quel est mon OPCO ?"},
    {"title": "Simuler le financement", "payload": "Simuler le financement"},
    {"title": "Recommencer", "payload": "Recommencer le test"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]

# After the short verdict once the experimentation is over: the detail on demand.
CLOSED_VERDICT_BUTTONS = [
    {"title": "Le financement", "payload": "Comment est financée la VAE inversée ?"},
    {"title": "Un contrat déjà signé", "payload": "mon contrat en cours est-il toujours financé ?"},
    {"title": "Recommencer", "payload": "Recommencer le test"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]

# --------------------------------------------------------------------------- the eligibility form

# Offered with the age question after repeated failures.
# Offered with a question after its second answer that could not be read.
SKIP_BUTTON = {"title": "Passer", "payload": "passer"}
AGE_RANGE_BUTTONS = [
    {"title": "Moins de 16 ans", "payload": "moins de 16 ans"},
    {"title": "16 à 25 ans", "payload": "entre 16 et 25 ans"},
    {"title": "26 à 44 ans", "payload": "entre 26 et 44 ans"},
    {"title": "45 ans ou plus", "payload": "45 ans ou plus"},
    SKIP_BUTTON,
]
# "Je voudrais modifier une réponse": one button per answer of the form, keyed as bot.core.read.requested_change
# names them.
ELIGIBILITY_CHANGE_BUTTONS = {
    "age": {"title": "Mon âge", "payload": "Je voudrais modifier mon âge"},
    "sector": {"title": "Mon métier", "payload": "Je voudrais modifier le métier"},
    "goal": {"title": "Mon objectif", "payload": "Je voudrais modifier mon objectif"},
    "situation": {"title": "Ma situation", "payload": "Je voudrais modifier ma situation"},
}

# --------------------------------------------------------------------------- the employer form and plan

EMPLOYER_CHANGE_BUTTONS = {
    "sector": {"title": "Le secteur", "payload": "Je voudrais modifier le secteur"},
    "jobs": {"title": "Les postes", "payload": "Je voudrais modifier les postes"},
    "hires": {"title": "Le nombre d'embauches", "payload": "Je voudrais modifier le nombre d'embauches"},
    "months": {"title": "La durée des contrats", "payload": "Je voudrais modifier la durée"},
}
# After the plan of an employer who may sign the contract: its detail on demand (the steps, the costs covered,
# their OPCO, the tutoring), each a question the FAQ or the OPCO finder answers for an employer.
EMPLOYER_BUTTONS = [
    {"title": "Les étapes", "payload": "Comment une entreprise peut recruter en VAE inversée ?"},
    {"title": "Quels frais sont couverts ?", "payload": "Quels frais sont pris en charge ?"},
    {"title": "Votre OPCO", "payload": "Quel est mon OPCO ?"},
    {"title": "Le rôle du tuteur", "payload": "C'est quoi le rôle du tuteur ?"},
]
# The same once the experimentation is over: what remains possible, then what the OPCO funded, their OPCO, the
# tutoring (for any contrat de professionnalisation) and a contract signed in time.
EMPLOYER_CLOSED_BUTTONS = [
    {"title": "Ce qui reste possible", "payload": "je fais quoi maintenant ?"},
    {"title": "Le financement", "payload": "Qui finance la VAE inversée ?"},
    {"title": "Votre OPCO", "payload": "Quel est mon OPCO ?"},
    {"title": "Le rôle du tuteur", "payload": "C'est quoi le rôle du tuteur ?"},
    {"title": "Un contrat déjà signé", "payload": "mon contrat en cours est-il toujours financé ?"},
]
# After the answer to an employer who may not sign it (public employer, private individual).
EXCLUDED_BUTTONS = [
    {"title": "Quels employeurs ?", "payload": "Quels employeurs peuvent signer un contrat de VAE inversée ?"},
    {"title": "Et la VAE classique ?", "payload": "Quelle différence avec la VAE classique ?"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]


# After the options that remain now that the experimentation is closed: the detail of each, on demand.
OPTIONS_BUTTONS = [
    {"title": "L'apprentissage", "payload": "et l'apprentissage ?"},
    {"title": "Le contrat pro", "payload": "C'est quoi un contrat de professionnalisation ?"},
    {"title": "La VAE classique", "payload": "j'ai de l'expérience, je peux faire une VAE ?"},
    {"title": "Un contrat déjà signé", "payload": "mon contrat en cours est-il toujours financé ?"},
]


def contract_months_buttons(k: Knowledge) -> list[dict[str, str]]:
    """The contract lengths worth a click (the standard bounds and the allégé maximum), and "not known yet"."""
    contract = k.contract
    choices = sorted({contract.standard_min_months, contract.standard_max_months, contract.max_months})
    buttons = [{"title": format_months(months), "payload": format_months(months)} for months in choices]
    return buttons + [{"title": "Je ne sais pas encore", "payload": "passer"}]


# --------------------------------------------------------------------------- funding simulation

# With the funding rule, while figures are awaited.
FUNDING_BUTTONS = [
    {"title": "12 000 € par an", "payload": "Simuler 12 000 € par an"},
    {"title": "15 000 € sur 18 mois", "payload": "Simuler 15 000 € sur 18 mois"},
    {"title": "Quels frais sont couverts ?", "payload": "Quels frais sont couverts ?"},
]
# After a result: another duration for the same cost (the follow-up), then the usual next questions.
RESULT_BUTTONS = [
    {"title": "Sur 24 mois", "payload": "Et sur 24 mois ?"},
    {"title": "Suis-je éligible ?", "payload": "Suis-je éligible ?"},
    {"title": "Trouver mon OPCO", "payload": "Quel est mon OPCO ?"},
]

# --------------------------------------------------------------------------- OPCO finder

# With the question for the sector, when the OPCO finder does not know it.
SECTOR_EXAMPLES = [
    {"title": "Santé", "payload": "Quel OPCO pour la santé ?"},
    {"title": "Transport", "payload": "Quel OPCO pour le transport ?"},
    {"title": "BTP", "payload": "Quel OPCO pour le BTP ?"},
    {"title": "Restauration", "payload": "Quel OPCO pour la restauration ?"},
]

# --------------------------------------------------------------------------- greeting

# After the greeting, once the experimentation is over: learn about it, or see what is possible today.
GREETING_BUTTONS_CLOSED = [
    {"title": "Comprendre la VAE inversée", "payload": "C'est quoi la VAE inversée ?"},
    {"title": "Ce qui reste possible", "payload": "je fais quoi maintenant ?"},
    {"title": "Je suis employeur", "payload": "Je suis employeur"},
]
GREETING_BUTTONS_OPEN = [
    {"title": "C'est quoi ?", "payload": "C'est quoi la VAE inversée ?"},
    {"title": "Suis-je éligible ?", "payload": "Suis-je éligible ?"},
    {"title": "Le financement", "payload": "Comment est financée la VAE inversée ?"},
    {"title": "Je suis employeur", "payload": "Je suis employeur"},
]
