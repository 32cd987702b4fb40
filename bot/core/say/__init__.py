"""The saying floor: every French sentence the bot writes itself, as pure functions of the core's results.

Vouvoiement, short sentences, simple markdown (**bold**, "- " lists). No figure is typed here: every amount,
date, age and count comes from the knowledge data or a computation, written by `format`. Every message ends
with a "Source : ..." line. The rules (`bot.core.eligibility`, `employer`, `funding`, `status`) and the readers
(`bot.core.read`) return values and codes; the modules below word them:

- format.py    figures in French: numbers, amounts, percentages, dates, months, counts, lists
- layout.py    bullet lists and the closing "Source : …" line
- audience.py  who a message speaks to: the candidate, or an employer about a hire
- status.py    where the experimentation stands (not started, days left, closed)
- verdict.py   the answer after the eligibility test, for either audience
- funding.py   the OPCO funding rule and a simulation's result
- opco.py      which OPCO to contact, how to find one's own, who may sign
- employer.py  an employer's recruitment plan; employers who may not sign
- problems.py  an answer that cannot be used (age, cost, duration, number of hires): why, what to write
- faq.py       the values of the FAQ answers' `{name}` placeholders
- channel.py   what the channels say themselves (empty or too long message, technical problem, bad request)

Every public name is importable from `bot.core.say` itself.
"""

from __future__ import annotations

from bot.core.say.audience import CANDIDATE, EMPLOYER, audience_of
from bot.core.say.employer import employer_plan_message, excluded_employer_message
from bot.core.say.faq import faq_placeholders
from bot.core.say.format import (
    format_count,
    format_date,
    format_eur,
    format_months,
    format_number,
    format_percent,
    join_and,
    number_in_words,
)
from bot.core.say.funding import funding_message, funding_rule_message
from bot.core.say.opco import PUBLIC_EMPLOYER_CAVEAT, PUBLIC_EMPLOYER_RULE, opco_message
from bot.core.say.problems import (
    age_problem_message,
    contract_months_problem_message,
    funding_input_problem_message,
    hires_problem_message,
)
from bot.core.say.status import closed_reminder, status_message, with_reminder
from bot.core.say.verdict import (
    GOAL_ADVICE,
    SITUATION_ADVICE,
    employer_verdict_message,
    verdict_message,
    verdict_message_for,
)

__all__ = [
    "CANDIDATE",
    "EMPLOYER",
    "GOAL_ADVICE",
    "PUBLIC_EMPLOYER_CAVEAT",
    "PUBLIC_EMPLOYER_RULE",
    "SITUATION_ADVICE",
    "age_problem_message",
    "audience_of",
    "closed_reminder",
    "contract_months_problem_message",
    "employer_plan_message",
    "employer_verdict_message",
    "excluded_employer_message",
    "faq_placeholders",
    "format_count",
    "format_date",
    "format_eur",
    "format_months",
    "format_number",
    "format_percent",
    "funding_input_problem_message",
    "funding_message",
    "funding_rule_message",
    "hires_problem_message",
    "join_and",
    "number_in_words",
    "opco_message",
    "status_message",
    "verdict_message",
    "verdict_message_for",
    "with_reminder",
]
