"""The eligibility test: its form (age, job, goal, situation), the age question, the verdict and "recommencer".

Readers: each takes the turn and the state, and returns a `Reading` (bot/core/read/reading.py); they are the
only code here that looks into the low-level parsers' results (parse_age, parse_sector). `FORM` lists them with
the answers a visitor may ask to change. The other functions are each action's decision, named after the action
(`action_ask_age` -> `ask_age`); the generic form policy is in form.py.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Callable, Mapping

from bot.core.dialogue import form
from bot.core.dialogue.decision import Decision, Say, State, Turn, once
from bot.core.dialogue.slots import CANDIDATE_ROLE, EMPLOYER_ROLE, VERDICT_ANSWER, answered, returning_employer
from bot.core.eligibility import Profile, assess
from bot.core.funding import Coverage, FundingInputError, coverage
from bot.core.knowledge import Knowledge
from bot.core.read.age import parse_age
from bot.core.read.hiring import find_hires_in
from bot.core.read.profile import parse_goal, parse_situation, situation_in_passing
from bot.core.read.reading import Reading
from bot.core.read.replies import has_letters
from bot.core.read.sectors import find_sector_in, names_wanted_job, parse_sector
from bot.core.read.speaker import names_public_employer
from bot.core.say.buttons import (
    AGE_RANGE_BUTTONS,
    CLOSED_VERDICT_BUTTONS,
    ELIGIBILITY_CHANGE_BUTTONS,
    NEXT_STEP_BUTTONS,
)
from bot.core.say.forms import AGE_RANGES_OFFER, GOAL_PROBLEM, SECTOR_PROBLEM, SITUATION_PROBLEM
from bot.core.say.problems import age_problem_message
from bot.core.say.verdict import verdict_message_for

NAME = "eligibility_form"
# Every slot of the profile, forgotten by "recommencer" (the role is kept).
PROFILE_SLOTS = ("age", "birth_date", "sector", "sector_raw", "goal", "situation", "skipped_slots",
                 "form_failures", "verdict")
# From this many failed answers, the age question offers age ranges.
ASK_AGE_AFTER_FAILURES = 2
CHECK_ELIGIBILITY = "check_eligibility"
# The answers only this form asks for (the sector is asked by the employer form too).
CANDIDATE_ANSWERS = ("age", "goal", "situation")
# Replies that are no job, whatever job the NLU does not know may look like ("oui", "non").
NOT_A_JOB_INTENTS = frozenset({"affirm", "deny"})
MAX_SECTOR_RAW_CHARS = 200

# --------------------------------------------------------------------------- readers


def age_answer(turn: Turn, state: State) -> Reading:
    """An age or a birth date (the birth date goes with it, so that the verdict can date a coming birthday)."""
    parsed = parse_age(turn.text, state.today, state.knowledge)
    if parsed.age is None:
        return Reading(problem=age_problem_message(parsed.problem, state.knowledge))
    birth = parsed.birth_date.isoformat() if parsed.birth_date else None
    return Reading(parsed.age, {"birth_date": birth})


def sector_answer(turn: Turn, state: State) -> Reading:
    """A job or a sector; an unknown job is kept as it came ("autre"), unless it is no job at all ("oui", "12")."""
    text = turn.text
    match = parse_sector(text, state.knowledge)
    if not match.matched and (not has_letters(text) or turn.is_sure(NOT_A_JOB_INTENTS)):
        return Reading(problem=SECTOR_PROBLEM)
    return Reading(match.sector_id, {"sector_raw": text[:MAX_SECTOR_RAW_CHARS]}, recognised=match.matched)


def sector_mention(turn: Turn, state: State) -> Reading:
    """A known job or sector named anywhere in the sentence."""
    text = turn.text
    match = find_sector_in(text, state.knowledge)
    return Reading(match.sector_id, {"sector_raw": text[:MAX_SECTOR_RAW_CHARS]}) if match else Reading()


# The goal of someone who names the job they want: to work in it.
WORK_IN_THE_JOB = "emploi"


def choice(parser: Callable[[str], str | None], problem: str) -> form.Reader:
    """A reader for a categorical answer; `problem` explains what is expected when nothing is recognised."""
    def read(turn: Turn, state: State) -> Reading:
        value = parser(turn.text)
        return Reading(value) if value else Reading(problem=problem)
    return read


def mention(parser: Callable[[str], str | None]) -> form.Reader:
    """A reader for a categorical value said in passing (nothing to explain when there is none)."""
    def read(turn: Turn, state: State) -> Reading:
        return Reading(parser(turn.text))
    return read


def goal_of_wanted_job(turn: Turn, state: State) -> Reading:
    """A job given as a goal ("devenir maçon", "je veux être infirmière"): the goal of working in it, and the job
    itself while none is known."""
    text = turn.text
    goal = parse_goal(text)
    if goal or not names_wanted_job(text):
        return Reading(goal)
    match = find_sector_in(text, state.knowledge)
    if match is None:
        return Reading()
    job = {"sector": match.sector_id, "sector_raw": text[:MAX_SECTOR_RAW_CHARS]} if state.get("sector") is None else {}
    return Reading(WORK_IN_THE_JOB, job)


def goal_answer(turn: Turn, state: State) -> Reading:
    found = goal_of_wanted_job(turn, state)
    return found if found.value else Reading(problem=GOAL_PROBLEM)


situation_answer = choice(parse_situation, SITUATION_PROBLEM)
goal_mention = mention(parse_goal)
situation_mention = mention(situation_in_passing)

FORM = form.FormSpec(
    name=NAME,
    answer_readers={"age": age_answer, "sector": sector_answer, "goal": goal_answer, "situation": situation_answer},
    mention_readers={"age": age_answer, "sector": sector_mention, "goal": goal_mention,
                     "situation": situation_mention},
    changeable={"age": ("age", "birth_date"), "sector": ("sector", "sector_raw"), "goal": ("goal",),
                "situation": ("situation",)},
    change_buttons=ELIGIBILITY_CHANGE_BUTTONS,
    skip_offered_by_question=frozenset({"age"}),  # ask_age offers age ranges and "Passer"
)

# A message giving this many of the candidate's four answers is an eligibility check, whatever else it says.
PROFILE_MESSAGE_ANSWERS = 3


def gives_a_profile(text: str, state: State) -> bool:
    """Whether a message gives several of the candidate's answers (age, job, goal, situation), read as the form
    reads them in passing: a long polite message the intent classifier could not place, or took for a question
    on the scheme ("… pourriez-vous me dire si je peux bénéficier de ce dispositif ?"), asks for the verdict."""
    given = form.mentions(FORM, Turn(text), replace(state, slots={}, form=NAME), list(FORM.answer_readers))
    return len(set(given) & set(FORM.answer_readers)) >= PROFILE_MESSAGE_ANSWERS


# --------------------------------------------------------------------------- the form


def names_whom_hired(text: str, k: Knowledge) -> bool:
    """Whether an employer's message names a job or a number of people: whom they hire."""
    return find_sector_in(text, k) is not None or find_hires_in(text, k) is not None


def employer_answer(turn: Turn, state: State) -> bool:
    """An employer's answer for the employer form, given outside a form: back after their plan ("en fait 24 mois",
    "je voudrais modifier une réponse"), or known as an employer and naming whom they hire after another answer
    ("Des préparateurs en pharmacie." after the FAQ's answer on recruiting). The dialogue sends any answer given
    outside a form to this form; this one is the employer form's, unless it is about a candidate (an age, a goal,
    a situation) or one was given already."""
    if state.get("role") != EMPLOYER_ROLE or state.requested is not None or turn.intent != "inform":
        return False
    if not returning_employer(state.slots) and not names_whom_hired(turn.text, state.knowledge):
        return False
    skipped = set(state.skipped)
    if any(state.get(slot) is not None or slot in skipped for slot in CANDIDATE_ANSWERS):
        return False
    return not any(FORM.mention_readers[slot](turn, state).value is not None for slot in CANDIDATE_ANSWERS)


def required_slots(domain_slots: list[str], turn: Turn, state: State) -> list[str]:
    """The form's slots to ask: none for an employer's answer (the verdict action hands it over to the employer
    form), else those not skipped."""
    if employer_answer(turn, state):
        return []
    return form.required_slots(domain_slots, state)


def extract(turn: Turn, state: State, slots: list[str]) -> Decision:
    """As the generic policy, except that asking for the test during the test ("Suis-je éligible ?", a button
    some answers offer, or "continuer le test") is no answer to refuse: the question is asked again, and only
    a value said in passing ("j'ai 30 ans, suis-je éligible ?") is taken."""
    if turn.is_sure(CHECK_ELIGIBILITY) and state.requested:
        values = form.mentions(FORM, turn, state, slots)
        return Decision(values) if values else form.ask_again(state)
    return form.extract(FORM, turn, state, slots)


def extraction(turn: Turn, state: State, domain_slots: list[str]) -> Decision:
    """The slots read from the message (nothing for an employer's answer); an eligibility check makes a visitor
    whose role is unknown a candidate (an employer checking a future hire stays an employer)."""
    if employer_answer(turn, state):
        return Decision()
    decision = form.pending_cleared(extract(turn, state, required_slots(domain_slots, turn, state)), state)
    return decision.with_slots({"role": CANDIDATE_ROLE}) if state.get("role") is None else decision


# --------------------------------------------------------------------------- the actions around it


def ask_age(state: State) -> Decision:
    """Ask the age; after repeated failures, offer age ranges and the choice to skip."""
    if state.failures.get("age", 0) >= ASK_AGE_AFTER_FAILURES:
        return Decision(say=(Say(text=AGE_RANGES_OFFER, buttons=AGE_RANGE_BUTTONS),))
    return Decision(say=(Say(response="utter_ask_age"),))


def profile_from(slots: Mapping[str, Any]) -> Profile:
    age = slots.get("age")
    birth = slots.get("birth_date")
    return Profile(
        age=int(age) if age is not None else None,
        birth_date=date.fromisoformat(birth) if birth else None,
        sector_id=slots.get("sector"),
        goal=slots.get("goal"),
        situation=slots.get("situation"),
        public_employer=names_public_employer(slots.get("sector_raw") or ""),
    )


def funding_of(slots: Mapping[str, Any], k: Knowledge) -> Coverage | None:
    """The last funding simulation, which the verdict recalls (None without one, or with unusable figures)."""
    cost, months = slots.get("funding_cost"), slots.get("funding_months")
    if cost is None:
        return None
    try:
        return coverage(cost, months, k)
    except FundingInputError:
        return None


def eligibility_verdict(turn: Turn, state: State) -> Decision:
    """Apply the rules to the collected profile and explain the verdict; an employer's answer goes to the employer
    form, and a request to change an unnamed answer waits for the answer chosen."""
    if employer_answer(turn, state):
        return Decision(followup="employer_form")
    if form.asks_which_answer(turn.text):
        return Decision()  # the form has just asked which answer to change: the verdict comes once it is changed
    k = state.knowledge
    verdict = assess(profile_from(state.slots), state.today, k)
    cover = funding_of(state.slots, k)
    message = verdict_message_for(state.get("role"), verdict, cover, k)
    # The verdict is short: its buttons offer the rest (once closed, the funding and a contract already signed).
    buttons = CLOSED_VERDICT_BUTTONS if verdict.status.is_closed else NEXT_STEP_BUTTONS
    return Decision({"verdict": verdict.to_dict(), **answered(VERDICT_ANSWER)},
                    say=(once(Say(text=message, buttons=buttons), state),))


def start_over() -> Decision:
    """Forget the profile (not the role) so that the form starts from its first question."""
    return Decision({**{slot: None for slot in PROFILE_SLOTS}, "requested_slot": None},
                    say=(Say(response="utter_start_over"),))

