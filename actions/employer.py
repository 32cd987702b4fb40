"""The employer's path: the employer form's validator and the plan it leads to."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (CANDIDATE_ROLE, EMPLOYER_ROLE, knowledge, latest_intent, latest_text, returning_employer,
                             today)
from actions.forms import (CONTROL_INTENTS, DIGRESSION_INTENTS, QUESTION, SKIP_WORDS, SURE_INTENT, Extracted,
                           ProfileFormValidation, asks_which_answer, free_text_answer)
from bot.core.employer import (
    EMPLOYER_INTENT,
    EXCLUDED_KINDS,
    NOT_AN_EMPLOYER,
    EmployerRequest,
    employer_kind,
    find_company_size_in,
    find_contract_months_in,
    find_hires_in,
    find_jobs_in,
    find_short_correction_in,
    names_people_not_a_duration,
    parse_contract_months,
    parse_hires,
    plan,
    says_not_an_employer,
)
from bot.core.read import find_sector_in, parse_sector
from bot.core.say import contract_months_problem_message, employer_plan_message, hires_problem_message

MAX_JOBS_CHARS = 200
NOT_AN_EMPLOYER_TEXT = "D'accord, vous cherchez pour vous-même : vérifions plutôt si vous pouvez bénéficier de la VAE inversée."
EMPLOYER_BUTTONS = [
    {"title": "Combien ça vous coûte ?", "payload": "Combien ça coûte à l'employeur ?"},
    {"title": "Le rôle du tuteur", "payload": "C'est quoi le rôle du tuteur ?"},
    {"title": "Quels frais sont couverts ?", "payload": "Quels frais sont pris en charge ?"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]
EXCLUDED_BUTTONS = [
    {"title": "Quels employeurs ?", "payload": "Quels employeurs peuvent signer un contrat de VAE inversée ?"},
    {"title": "Et la VAE classique ?", "payload": "Quelle différence avec la VAE classique ?"},
    {"title": "Parler à un conseiller", "payload": "Je veux parler à un conseiller"},
]


# Free-text answers (a sector, jobs) are taken as they come, unless the message is plainly not an answer: a
# digression or a control intent. FAQ-like intents are left out: "des chauffeurs poids lourd" may be classified
# find_opco, and is an answer.
FAQ_LIKE_INTENTS = {"faq", "simulate_funding", "employer_intro", "find_opco"}
NOT_ANSWER_INTENTS = (DIGRESSION_INTENTS - FAQ_LIKE_INTENTS) | CONTROL_INTENTS


def _is_question(text: str, tracker: Tracker) -> bool:
    """A question or remark in the middle of the form, not an answer (the rules answer it, the form resumes)."""
    intent, confidence = latest_intent(tracker)
    not_an_answer = intent in NOT_ANSWER_INTENTS and confidence >= SURE_INTENT and not free_text_answer(tracker)
    return not_an_answer or bool(QUESTION.search(text))


def sector_answer(text: str, tracker: Tracker) -> Extracted:
    """The company's sector; an unknown one is kept as "autre" (its OPCO is then found with the IDCC)."""
    k = knowledge()
    match = parse_sector(text, k)
    if not match.matched:
        # "12 mois" or "3 recrues" answer another question (read in passing): the sector is asked again.
        answers_another = (find_contract_months_in(text, k) is not None or find_hires_in(text, k) is not None
                           or bool(find_short_correction_in(text, k)))
        if _is_question(text, tracker) or SKIP_WORDS.match(text) or answers_another:
            return Extracted()
        if not any(char.isalpha() for char in text):
            return Extracted(problem="Pouvez-vous indiquer le secteur de votre entreprise, par exemple « le BTP » ?")
    return Extracted(match.sector_id, {"sector_raw": text[:MAX_JOBS_CHARS]})


def sector_mention(text: str, tracker: Tracker) -> Extracted:
    """A sector named in passing, only while none is known: a job title must not replace the company's sector."""
    if tracker.get_slot("sector") is not None:
        return Extracted()
    match = find_sector_in(text, knowledge())
    return Extracted(match.sector_id, {"sector_raw": text[:MAX_JOBS_CHARS]}) if match else Extracted()


def jobs_answer(text: str, tracker: Tracker) -> Extracted:
    """The jobs to fill, in the visitor's words; a head count in it ("trois maçons") answers the next question."""
    if _is_question(text, tracker) or SKIP_WORDS.match(text) or latest_intent(tracker)[0] == "dont_know":
        return Extracted(problem="Je n'ai pas compris les postes.")
    if not any(char.isalpha() for char in text):
        return Extracted(problem="Décrivez les postes en quelques mots, par exemple « des caristes ».")
    count = parse_hires(text, knowledge())  # "des maçons" has no count; "trois maçons" has one
    extra = {"hires": count.value} if count.ok and tracker.get_slot("hires") is None else {}
    return Extracted(" ".join(text.split())[:MAX_JOBS_CHARS], extra)


def _question_with_a_number(text: str, tracker: Tracker) -> bool:
    """A question asked instead of a count or a duration: "c'est quoi un tuteur ?" holds "un", which is no answer.

    A short message ("3 ?", "une dizaine ?") is still an answer."""
    return _is_question(text, tracker) and len(text.split()) > 3


def hires_answer(text: str, tracker: Tracker) -> Extracted:
    if _question_with_a_number(text, tracker):
        return Extracted()
    parsed = parse_hires(text, knowledge())
    return Extracted(parsed.value) if parsed.ok else Extracted(problem=hires_problem_message(parsed.problem))


def jobs_mention(text: str, tracker: Tracker) -> Extracted:
    """Jobs named after a hiring verb in a sentence that says more ("on veut recruter 4 aides-soignantes sur 2 ans")."""
    return Extracted(find_jobs_in(text))


def hires_mention(text: str, tracker: Tracker) -> Extracted:
    k = knowledge()
    found = find_hires_in(text, k)
    return Extracted(found if found is not None else find_short_correction_in(text, k).get("hires"))


def months_answer(text: str, tracker: Tracker) -> Extracted:
    if _question_with_a_number(text, tracker) or names_people_not_a_duration(text):
        return Extracted()  # "je me suis trompé, c'est 4 personnes": the count, read in passing
    parsed = parse_contract_months(text, knowledge())
    return Extracted(parsed.months) if parsed.ok else Extracted(problem=contract_months_problem_message(parsed.problem))


def months_mention(text: str, tracker: Tracker) -> Extracted:
    k = knowledge()
    found = find_contract_months_in(text, k)
    return Extracted(found if found is not None else find_short_correction_in(text, k).get("contract_months"))


class ValidateEmployerForm(ProfileFormValidation):
    """Sector, jobs, number of hires and contract length; the company size and the kind of employer in passing.

    A public employer or a private individual may not sign the contract: once one is detected, no more
    questions are asked and the plan explains what exists instead.
    """

    answer_parsers = {
        "sector": sector_answer,
        "jobs_to_fill": jobs_answer,
        "hires": hires_answer,
        "contract_months": months_answer,
    }
    mention_parsers = {
        "sector": sector_mention,
        "jobs_to_fill": jobs_mention,
        "hires": hires_mention,
        "contract_months": months_mention,
    }
    changeable = {"sector": ("sector", "sector_raw"), "jobs": ("jobs_to_fill",), "hires": ("hires",),
                  "months": ("contract_months",)}
    change_buttons = {
        "sector": {"title": "Le secteur", "payload": "Je voudrais modifier le secteur"},
        "jobs": {"title": "Les postes", "payload": "Je voudrais modifier les postes"},
        "hires": {"title": "Le nombre d'embauches", "payload": "Je voudrais modifier le nombre d'embauches"},
        "months": {"title": "La durée des contrats", "payload": "Je voudrais modifier la durée"},
    }

    def name(self) -> str:
        return "validate_employer_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        if tracker.get_slot("employer_kind") in (*EXCLUDED_KINDS, NOT_AN_EMPLOYER):
            return []
        return await super().required_slots(domain_slots, dispatcher, tracker, domain)

    def extract(self, dispatcher: CollectingDispatcher, tracker: Tracker, slots: list[str]) -> dict[str, Any]:
        text = latest_text(tracker)
        if says_not_an_employer(text):
            # No more questions: the form ends and the plan action hands over to the eligibility form.
            return {"employer_kind": NOT_AN_EMPLOYER}
        values = super().extract(dispatcher, tracker, slots)
        intent, _ = latest_intent(tracker)
        if intent == EMPLOYER_INTENT:
            # The base class treats this intent as a remark; for this form it is the opening sentence, which
            # carries details ("je dirige une entreprise du BTP").
            values = {**self.mentions(text, tracker, [s for s in slots if s not in values]), **values}
        kind = employer_kind(text)
        if kind:
            values["employer_kind"] = kind
        size = find_company_size_in(text)
        if size:
            values["company_size"] = size
        return values


class ActionEmployerWelcome(Action):
    """Say what the employer form will ask, unless the first message already shows an employer who may not sign
    (a public hospital, a private individual): they get the plain answer at once, not questions announced and
    then not asked. An employer coming back to change an answer is not welcomed again."""

    def name(self) -> str:
        return "action_employer_welcome"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if not returning_employer(tracker) and employer_kind(latest_text(tracker)) not in EXCLUDED_KINDS:
            dispatcher.utter_message(response="utter_employer_welcome")
        return []


class ActionAskContractMonths(Action):
    """Ask the contracts' length, with the allégé contract's bounds from the knowledge data."""

    def name(self) -> str:
        return "action_ask_contract_months"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        contract = knowledge().contract
        choices = sorted({contract.standard_min_months, contract.standard_max_months, contract.max_months})
        buttons = [{"title": f"{months} mois", "payload": f"{months} mois"} for months in choices]
        dispatcher.utter_message(
            text=f"Combien de mois dureront les contrats ? Le contrat allégé n'a pas de durée minimale "
                 f"et dure au plus {contract.max_months} mois.",
            buttons=buttons + [{"title": "Je ne sais pas encore", "payload": "passer"}],
        )
        return []


def request_from(tracker: Tracker) -> EmployerRequest:
    hires, months, size = (tracker.get_slot(name) for name in ("hires", "contract_months", "company_size"))
    return EmployerRequest(
        sector_id=tracker.get_slot("sector"),
        jobs=tracker.get_slot("jobs_to_fill"),
        hires=int(hires) if hires is not None else None,
        months=float(months) if months is not None else None,
        company_size=int(size) if size is not None else None,
        kind=tracker.get_slot("employer_kind") or employer_kind(latest_text(tracker)),
    )


class ActionEmployerPlan(Action):
    """The steps to set up a parcours, the OPCO funding for the employer's numbers, and their OPCO."""

    def name(self) -> str:
        return "action_employer_plan"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if asks_which_answer(tracker):
            return []  # the form has just asked which answer to change: the plan comes once it is changed
        if tracker.get_slot("employer_kind") == NOT_AN_EMPLOYER:
            dispatcher.utter_message(text=NOT_AN_EMPLOYER_TEXT)
            return [SlotSet("role", CANDIDATE_ROLE), SlotSet("employer_kind", None), FollowupAction("eligibility_form")]
        k = knowledge()
        result = plan(request_from(tracker), today(), k)
        buttons = EMPLOYER_BUTTONS if result.open_to_employer else EXCLUDED_BUTTONS
        dispatcher.utter_message(text=employer_plan_message(result, k), buttons=buttons)
        return [SlotSet("role", EMPLOYER_ROLE), SlotSet("employer_kind", result.kind)]
