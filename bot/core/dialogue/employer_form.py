"""The employer's path: its form (sector, jobs, number of hires, contract length; the company size and the kind of
employer in passing), the welcome, the contract-length question and the plan it leads to.

Readers: each takes the turn and the state, and returns a `Reading` (bot/core/read/reading.py); they are the
only code here that looks into the low-level parsers' results (parse_sector, parse_hires, parse_contract_months).
`FORM` lists them with the answers a visitor may ask to change. The other functions are each action's decision,
named after the action (`action_employer_plan` -> `employer_plan`); the generic form policy is in form.py.

A public employer or a private individual may not sign the contract: once one is detected, no more questions
are asked and the plan explains what exists instead.
"""
from __future__ import annotations

from dataclasses import replace

from bot.core.dialogue import form
from bot.core.dialogue.decision import Decision, Say, State, Turn, once
from bot.core.dialogue.slots import CANDIDATE_ROLE, EMPLOYER_ROLE, PLAN_ANSWER, answered, returning_employer
from bot.core.employer import EmployerRequest, plan
from bot.core.read.durations import find_contract_months_in, parse_contract_months
from bot.core.read.hiring import (
    find_company_size_in,
    find_hires_in,
    find_jobs_in,
    find_short_correction_in,
    names_people,
    names_people_not_a_duration,
    parse_hires,
)
from bot.core.read.reading import Reading
from bot.core.read.replies import asks_a_question, has_letters, skips
from bot.core.read.sectors import SectorMatch, find_sector_in, names_a_job, parse_sector
from bot.core.read.speaker import EMPLOYER_INTENT, EXCLUDED_KINDS, NOT_AN_EMPLOYER, employer_kind, says_not_an_employer
from bot.core.say.buttons import (
    EMPLOYER_BUTTONS,
    EMPLOYER_CHANGE_BUTTONS,
    EMPLOYER_CLOSED_BUTTONS,
    EXCLUDED_BUTTONS,
    contract_months_buttons,
)
from bot.core.say.employer import employer_plan_message
from bot.core.say.forms import (
    COMPANY_SECTOR_PROBLEM,
    JOBS_PROBLEM,
    JOBS_WITHOUT_WORDS_PROBLEM,
    NOT_AN_EMPLOYER_TEXT,
    contract_months_question,
)
from bot.core.say.problems import contract_months_problem_message, hires_problem_message

NAME = "employer_form"
MAX_JOBS_CHARS = 200
# Free-text answers (a sector, jobs) are taken as they come, unless the message is plainly not an answer: a
# digression or a control intent. FAQ-like intents are left out: "des chauffeurs poids lourd" may be classified
# find_opco, and is an answer.
FAQ_LIKE_INTENTS = frozenset({"faq", "simulate_funding", "employer_intro", "find_opco"})
NOT_ANSWER_INTENTS = (form.DIGRESSION_INTENTS - FAQ_LIKE_INTENTS) | form.CONTROL_INTENTS
# A message this long with a question in it is a question, even with a number in it ("c'est quoi un tuteur ?").
QUESTION_MIN_WORDS = 4

# --------------------------------------------------------------------------- readers


def is_question(turn: Turn, state: State) -> bool:
    """A question or remark in the middle of the form, not an answer (the rules answer it, the form resumes)."""
    not_an_answer = turn.is_sure(NOT_ANSWER_INTENTS) and not form.free_text_answer(turn, state)
    return not_an_answer or asks_a_question(turn.text)


def question_with_a_number(turn: Turn, state: State) -> bool:
    """A question asked instead of a count or a duration: "c'est quoi un tuteur ?" holds "un", which is no answer.

    A short message ("3 ?", "une dizaine ?") is still an answer."""
    return is_question(turn, state) and len(turn.text.split()) >= QUESTION_MIN_WORDS


def sector_answer(turn: Turn, state: State) -> Reading:
    """The company's sector; an unknown one is kept as "autre" (its OPCO is then found with the IDCC)."""
    text, k = turn.text, state.knowledge
    match = parse_sector(text, k)
    if not match.matched:
        # "12 mois" or "3 recrues" answer another question (read in passing): the sector is asked again.
        answers_another = (find_contract_months_in(text, k) is not None or find_hires_in(text, k) is not None
                           or bool(find_short_correction_in(text, k)))
        if is_question(turn, state) or skips(text) or answers_another:
            return Reading()
        if not has_letters(text):
            return Reading(problem=COMPANY_SECTOR_PROBLEM)
    return Reading(match.sector_id, {"sector_raw": text[:MAX_JOBS_CHARS], **people_named(text, match, state)})


def people_named(text: str, match: SectorMatch, state: State) -> dict[str, str]:
    """"Des déménageurs": the people to hire, from whose job the sector is read; kept as the jobs too."""
    if state.get("jobs_to_fill") is None and names_people(text) and names_a_job(match, state.knowledge):
        return {"jobs_to_fill": " ".join(text.split())[:MAX_JOBS_CHARS]}
    return {}


def sector_mention(turn: Turn, state: State) -> Reading:
    """A sector named in passing, only while none is known: a job title must not replace the company's sector."""
    if state.get("sector") is not None:
        return Reading()
    text = turn.text
    match = find_sector_in(text, state.knowledge)
    if match is None:
        return Reading()
    return Reading(match.sector_id, {"sector_raw": text[:MAX_JOBS_CHARS], **people_named(text, match, state)})


def jobs_answer(turn: Turn, state: State) -> Reading:
    """The jobs to fill, in the visitor's words; a head count in it ("trois maçons") answers the next question."""
    text = turn.text
    if is_question(turn, state) or skips(text) or turn.intent == form.DONT_KNOW:
        return Reading(problem=JOBS_PROBLEM)
    if not has_letters(text):
        return Reading(problem=JOBS_WITHOUT_WORDS_PROBLEM)
    count = parse_hires(text, state.knowledge)  # "des maçons" has no count; "trois maçons" has one
    extra = {"hires": count.value} if count.ok and state.get("hires") is None else {}
    return Reading(" ".join(text.split())[:MAX_JOBS_CHARS], extra)


def hires_answer(turn: Turn, state: State) -> Reading:
    """The number of hires ("3", "une dizaine"); an unusable one is explained."""
    if question_with_a_number(turn, state):
        return Reading()
    parsed = parse_hires(turn.text, state.knowledge)
    if parsed.ok:
        return Reading(parsed.value)
    return Reading(problem=hires_problem_message(parsed.problem, state.knowledge))


def months_answer(turn: Turn, state: State) -> Reading:
    """The contracts' length in months ("un an et demi" -> 18); an unusable one is explained."""
    text = turn.text
    if question_with_a_number(turn, state) or names_people_not_a_duration(text):
        return Reading()  # "je me suis trompé, c'est 4 personnes": the count, read in passing
    parsed = parse_contract_months(text, state.knowledge)
    if parsed.ok:
        return Reading(parsed.months)
    return Reading(problem=contract_months_problem_message(parsed.problem, state.knowledge))


def jobs_mention(turn: Turn, state: State) -> Reading:
    """Jobs named after a hiring verb in a sentence that says more ("on veut recruter 4 aides-soignantes sur 2 ans")."""
    return Reading(find_jobs_in(turn.text, state.knowledge))


def hires_mention(turn: Turn, state: State) -> Reading:
    """A number of hires in a sentence, or alone in a short correction ("finalement 5 personnes")."""
    text, k = turn.text, state.knowledge
    found = find_hires_in(text, k)
    return Reading(found if found is not None else find_short_correction_in(text, k).get("hires"))


def months_mention(turn: Turn, state: State) -> Reading:
    """A contract length in a sentence, or alone in a short correction ("2 ans")."""
    text, k = turn.text, state.knowledge
    found = find_contract_months_in(text, k)
    return Reading(found if found is not None else find_short_correction_in(text, k).get("contract_months"))


FORM = form.FormSpec(
    name=NAME,
    answer_readers={"sector": sector_answer, "jobs_to_fill": jobs_answer, "hires": hires_answer,
                    "contract_months": months_answer},
    mention_readers={"sector": sector_mention, "jobs_to_fill": jobs_mention, "hires": hires_mention,
                     "contract_months": months_mention},
    changeable={"sector": ("sector", "sector_raw"), "jobs": ("jobs_to_fill",), "hires": ("hires",),
                "months": ("contract_months",)},
    change_buttons=EMPLOYER_CHANGE_BUTTONS,
)

# --------------------------------------------------------------------------- the form


def required_slots(domain_slots: list[str], state: State) -> list[str]:
    """None once the visitor is known not to be an employer who may sign (or not an employer at all)."""
    if state.get("employer_kind") in (*EXCLUDED_KINDS, NOT_AN_EMPLOYER):
        return []
    return form.required_slots(domain_slots, state)


def extract(turn: Turn, state: State, slots: list[str]) -> Decision:
    """As the generic policy, plus: "je ne suis pas employeur" ends the form; the opening sentence (the employer
    intent) is read for every detail it gives; the kind of employer and the company size are taken in passing."""
    text = turn.text
    if says_not_an_employer(text):
        # No more questions: the form ends and the plan action hands over to the eligibility form.
        return Decision({"employer_kind": NOT_AN_EMPLOYER})
    decision = form.extract(FORM, turn, state, slots)
    values = dict(decision.slots)
    if turn.intent == EMPLOYER_INTENT:
        # The generic policy treats this intent as a remark; for this form it is the opening sentence, which
        # carries details ("je dirige une entreprise du BTP").
        values = {**form.mentions(FORM, turn, state, [s for s in slots if s not in values]), **values}
    kind = employer_kind(text)
    if kind:
        values["employer_kind"] = kind
    size = find_company_size_in(text)
    if size:
        values["company_size"] = size
    return replace(decision, slots=values)


def extraction(turn: Turn, state: State, domain_slots: list[str]) -> Decision:
    """The slots read from the message."""
    return form.pending_cleared(extract(turn, state, required_slots(domain_slots, state)), state)


# --------------------------------------------------------------------------- the actions around it


def employer_welcome(turn: Turn, state: State) -> Decision:
    """Say what the employer form will ask, unless the first message already shows an employer who may not sign
    (a public hospital, a private individual): they get the plain answer at once, not questions announced and
    then not asked. An employer coming back to change an answer is not welcomed again."""
    if not returning_employer(state.slots) and employer_kind(turn.text) not in EXCLUDED_KINDS:
        return Decision(say=(Say(response="utter_employer_welcome"),))
    return Decision()


def ask_contract_months(state: State) -> Decision:
    """Ask the contracts' length, with the allégé contract's bounds from the knowledge data."""
    k = state.knowledge
    return Decision(say=(Say(text=contract_months_question(k), buttons=contract_months_buttons(k)),))


def request_from(turn: Turn, state: State) -> EmployerRequest:
    hires, months, size = (state.get(name) for name in ("hires", "contract_months", "company_size"))
    return EmployerRequest(
        sector_id=state.get("sector"),
        jobs=state.get("jobs_to_fill"),
        hires=int(hires) if hires is not None else None,
        months=float(months) if months is not None else None,
        company_size=int(size) if size is not None else None,
        kind=state.get("employer_kind") or employer_kind(turn.text),
    )


def employer_plan(turn: Turn, state: State) -> Decision:
    """The steps to set up a parcours, the OPCO funding for the employer's numbers, and their OPCO; a visitor who
    is not an employer goes to the eligibility test instead."""
    if form.asks_which_answer(turn.text):
        return Decision()  # the form has just asked which answer to change: the plan comes once it is changed
    if state.get("employer_kind") == NOT_AN_EMPLOYER:
        return Decision({"role": CANDIDATE_ROLE, "employer_kind": None}, say=(Say(text=NOT_AN_EMPLOYER_TEXT),),
                        followup="eligibility_form")
    k = state.knowledge
    result = plan(request_from(turn, state), state.today, k)
    # The plan is short: its buttons give the rest (as the verdict's do).
    detail = EMPLOYER_CLOSED_BUTTONS if result.status.is_closed else EMPLOYER_BUTTONS
    buttons = detail if result.open_to_employer else EXCLUDED_BUTTONS
    return Decision({"role": EMPLOYER_ROLE, "employer_kind": result.kind, **answered(PLAN_ANSWER)},
                    say=(once(Say(text=employer_plan_message(result, k), buttons=buttons), state),))
