"""The eligibility dialogue: the form's validator, its age question, the verdict and "recommencer"."""
from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (CANDIDATE_ROLE, NEXT_STEP_BUTTONS, knowledge, latest_intent, latest_text,
                             returning_employer, today)
from actions.forms import SURE_INTENT, Extracted, ProfileFormValidation, asks_which_answer
from bot.core.eligibility import Profile, assess
from bot.core.employer import names_public_employer
from bot.core.funding import FundingInputError, coverage
from bot.core.read import find_sector_in, parse_age, parse_goal, parse_sector, parse_situation
from bot.core.say import age_problem_message, verdict_message_for

PROFILE_SLOTS = ("age", "birth_date", "sector", "sector_raw", "goal", "situation", "skipped_slots",
                 "form_failures", "verdict")
AGE_RANGE_BUTTONS = [
    {"title": "Moins de 16 ans", "payload": "moins de 16 ans"},
    {"title": "16 à 25 ans", "payload": "entre 16 et 25 ans"},
    {"title": "26 à 44 ans", "payload": "entre 26 et 44 ans"},
    {"title": "45 ans ou plus", "payload": "45 ans ou plus"},
    {"title": "Passer", "payload": "passer"},
]
ASK_AGE_AFTER_FAILURES = 2
CHECK_ELIGIBILITY = "check_eligibility"
# The answers only this form asks for (the sector is asked by the employer form too).
CANDIDATE_ANSWERS = ("age", "goal", "situation")


def age_answer(text: str, tracker: Tracker) -> Extracted:
    parsed = parse_age(text, today())
    if parsed.age is None:
        return Extracted(problem=age_problem_message(parsed.problem))
    birth = parsed.birth_date.isoformat() if parsed.birth_date else None
    return Extracted(parsed.age, {"birth_date": birth})


SECTOR_PROBLEM = "Pouvez-vous indiquer un métier ou un secteur, par exemple « aide-soignant » ou « le BTP » ?"
# Replies that are no job, whatever job the NLU does not know may look like ("oui", "non").
NOT_A_JOB_INTENTS = {"affirm", "deny"}


def sector_answer(text: str, tracker: Tracker) -> Extracted:
    match = parse_sector(text, knowledge())
    intent, confidence = latest_intent(tracker)
    if not match.matched and (not any(ch.isalpha() for ch in text)
                              or (intent in NOT_A_JOB_INTENTS and confidence >= SURE_INTENT)):
        return Extracted(problem=SECTOR_PROBLEM)
    return Extracted(match.sector_id, {"sector_raw": text[:200]}, recognised=match.matched)


def sector_mention(text: str, tracker: Tracker) -> Extracted:
    match = find_sector_in(text, knowledge())
    return Extracted(match.sector_id, {"sector_raw": text[:200]}) if match else Extracted()


def choice(parser, problem: str):
    """A parser for a categorical answer; `problem` explains what is expected when nothing is recognised."""
    def parse(text: str, tracker: Tracker) -> Extracted:
        value = parser(text)
        return Extracted(value) if value else Extracted(problem=problem)
    return parse


def mention(parser):
    def parse(text: str, tracker: Tracker) -> Extracted:
        return Extracted(parser(text))
    return parse


class ValidateEligibilityForm(ProfileFormValidation):
    answer_parsers = {
        "age": age_answer,
        "sector": sector_answer,
        "goal": choice(parse_goal, "Je n'ai pas compris votre objectif. Choisissez une réponse ci-dessous ou décrivez-le en quelques mots."),
        "situation": choice(parse_situation, "Je n'ai pas compris votre situation. Êtes-vous salarié, demandeur d'emploi, étudiant, ou autre ?"),
    }
    mention_parsers = {
        "age": age_answer,
        "sector": sector_mention,
        "goal": mention(parse_goal),
        "situation": mention(parse_situation),
    }
    changeable = {"age": ("age", "birth_date"), "sector": ("sector", "sector_raw"), "goal": ("goal",),
                  "situation": ("situation",)}
    change_buttons = {
        "age": {"title": "Mon âge", "payload": "Je voudrais modifier mon âge"},
        "sector": {"title": "Mon métier", "payload": "Je voudrais modifier le métier"},
        "goal": {"title": "Mon objectif", "payload": "Je voudrais modifier mon objectif"},
        "situation": {"title": "Ma situation", "payload": "Je voudrais modifier ma situation"},
    }

    def name(self) -> str:
        return "validate_eligibility_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        if employer_answer(tracker):
            return []  # nothing to ask: the verdict action hands the message over to the employer form
        return await super().required_slots(domain_slots, dispatcher, tracker, domain)

    def extract(self, dispatcher: CollectingDispatcher, tracker: Tracker, slots: list[str]) -> dict[str, Any]:
        """As the base class, except that asking for the test during the test ("Suis-je éligible ?", a button
        some answers offer, or "continuer le test") is no answer to refuse: the question is asked again, and only
        a value said in passing ("j'ai 30 ans, suis-je éligible ?") is taken."""
        intent, confidence = latest_intent(tracker)
        if intent == CHECK_ELIGIBILITY and confidence >= SURE_INTENT and tracker.get_slot("requested_slot"):
            return self.mentions(latest_text(tracker), tracker, slots) or self.ask_again(tracker)
        return super().extract(dispatcher, tracker, slots)

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: dict[str, Any]) -> list[dict[str, Any]]:
        """The slots read from the message; an eligibility check makes a visitor whose role is unknown a
        candidate (an employer checking a future hire stays an employer)."""
        if employer_answer(tracker):
            return []
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        return events + [SlotSet("role", CANDIDATE_ROLE)] if tracker.get_slot("role") is None else events


def employer_answer(tracker: Tracker) -> bool:
    """An employer back after their plan with an answer for the employer form ("en fait 24 mois", "je voudrais
    modifier une réponse"). The dialogue sends any answer given outside a form to this form; this one is the
    employer form's, unless it is about a candidate (an age, a goal, a situation) or one was given already."""
    if (not returning_employer(tracker) or tracker.get_slot("requested_slot") is not None
            or latest_intent(tracker)[0] != "inform"):
        return False
    skipped = set(tracker.get_slot("skipped_slots") or [])
    if any(tracker.get_slot(slot) is not None or slot in skipped for slot in CANDIDATE_ANSWERS):
        return False
    text = latest_text(tracker)
    parsers = ValidateEligibilityForm.mention_parsers
    return not any(parsers[slot](text, tracker).value is not None for slot in CANDIDATE_ANSWERS)


class ActionAskAge(Action):
    """Ask the age; after repeated failures, offer age ranges and the choice to skip."""

    def name(self) -> str:
        return "action_ask_age"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        failures = (tracker.get_slot("form_failures") or {}).get("age", 0)
        if failures >= ASK_AGE_AFTER_FAILURES:
            dispatcher.utter_message(
                text="Vous pouvez aussi choisir une tranche d'âge, ou passer cette question.", buttons=AGE_RANGE_BUTTONS
            )
        else:
            dispatcher.utter_message(response="utter_ask_age")
        return []


def profile_from(tracker: Tracker) -> Profile:
    age = tracker.get_slot("age")
    birth = tracker.get_slot("birth_date")
    return Profile(
        age=int(age) if age is not None else None,
        birth_date=date.fromisoformat(birth) if birth else None,
        sector_id=tracker.get_slot("sector"),
        goal=tracker.get_slot("goal"),
        situation=tracker.get_slot("situation"),
        public_employer=names_public_employer(tracker.get_slot("sector_raw") or ""),
    )


def funding_of(tracker: Tracker):
    cost, months = tracker.get_slot("funding_cost"), tracker.get_slot("funding_months")
    if cost is None:
        return None
    try:
        return coverage(cost, months, knowledge())
    except FundingInputError:
        return None


class ActionEligibilityVerdict(Action):
    """Apply the rules to the collected profile and explain the verdict."""

    def name(self) -> str:
        return "action_eligibility_verdict"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if employer_answer(tracker):
            return [FollowupAction("employer_form")]
        if asks_which_answer(tracker):
            return []  # the form has just asked which answer to change: the verdict comes once it is changed
        k = knowledge()
        verdict = assess(profile_from(tracker), today(), k)
        message = verdict_message_for(tracker.get_slot("role"), verdict, funding_of(tracker), k)
        dispatcher.utter_message(text=message, buttons=NEXT_STEP_BUTTONS)
        return [SlotSet("verdict", verdict.to_dict())]


class ActionStartOver(Action):
    """Forget the profile (not the role) so that the form starts from its first question."""

    def name(self) -> str:
        return "action_start_over"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        dispatcher.utter_message(response="utter_start_over")
        return [SlotSet(slot, None) for slot in PROFILE_SLOTS] + [SlotSet("requested_slot", None)]
