"""Every answer the product can give, as the saying floor and the domain write it (before typesetting): the domain's
responses and FAQ answers with their placeholders filled, verdicts for a grid of profiles, employer plans, options,
funding, OPCO and status answers, the forms' questions and problems, the channels' own sentences, every button.

Used by the tests of the whole output (typography, inclusive forms): `answers()` yields (label, text) pairs and
`button_titles()` (label, title) pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml

from bot.core import eligibility, options
from bot.core.dialogue.faq import render
from bot.core.employer import EmployerRequest, plan
from bot.core.funding import FundingInputError, coverage
from bot.core.read import age as age_codes
from bot.core.read import reading as reading_codes
from bot.core.read.sectors import SectorMatch
from bot.core.read.speaker import PARTICULIER, PUBLIC
from bot.core.say import buttons, channel, forms, problems
from bot.core.say.employer import employer_plan_message, excluded_employer_message
from bot.core.say.faq import faq_placeholders
from bot.core.say.funding import funding_message, funding_rule_message
from bot.core.say.opco import opco_message
from bot.core.say.options import options_message
from bot.core.say.status import closed_reminder, status_message
from bot.core.say.verdict import verdict_message_for
from bot.core.say.welcome import greeting
from bot.core.status import experimentation_status
from tests.unit.say_checks import CLOSED, OPEN, K

ROOT = Path(__file__).resolve().parents[2]
DATES = (date(2023, 1, 1), OPEN, CLOSED)


def domain_responses() -> dict[str, list[dict]]:
    """The responses of domain.yml and of the FAQ (data/nlu/faq.yml), by name."""
    responses = {}
    for path in (ROOT / "domain.yml", ROOT / "data" / "nlu" / "faq.yml"):
        responses.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return responses


def _verdicts() -> Iterator[tuple[str, str]]:
    ages, situations = (None, 14, 16, 20, 30, 50), (None, "salarie", "demandeur_emploi", "etudiant", "autre")
    goals, sectors = (None, "certification", "blocs", "emploi", "reconversion"), (None, "btp", "sante", "autre")
    for today, age, situation, goal, sector in itertools.product(DATES, ages, situations, goals, sectors):
        verdict = eligibility.assess(eligibility.Profile(age=age, situation=situation, goal=goal, sector_id=sector),
                                     today, K)
        for role, cover in itertools.product((None, "employeur"), (None, coverage(15000, 18, K))):
            label = f"verdict {today} age={age} {situation} {goal} {sector} {role} cover={bool(cover)}"
            yield label, verdict_message_for(role, verdict, cover, K)
    born = eligibility.Profile(birth_date=date(2010, 3, 3), public_employer=True)
    yield "verdict too young by birth date", verdict_message_for(None, eligibility.assess(born, OPEN, K), None, K)


def _employer() -> Iterator[tuple[str, str]]:
    for today, sector, hires, months in itertools.product(
            DATES, (None, *(s.id for s in K.sectors)), (None, 1, 3, 600, 5000), (None, 6, 18, 36)):
        request = EmployerRequest(sector_id=sector, jobs="des caristes", hires=hires, months=months)
        yield f"plan {today} {sector} {hires} {months}", employer_plan_message(plan(request, today, K), K)
    for kind in (PUBLIC, PARTICULIER):
        yield f"excluded {kind}", excluded_employer_message(kind, K)


def _options() -> Iterator[tuple[str, str]]:
    for age, situation, experienced, handicap in itertools.product(
            (None, 14, 17, 20, 27, 50), (None, options.EMPLOYEE, options.JOB_SEEKER, "etudiant"), (None, True),
            (False, True)):
        profile = options.Profile(age=age, situation=situation, experienced=experienced, handicap=handicap)
        yield f"options {profile}", options_message(profile, K)
    for kind in ("prive", "public", "particulier"):
        yield f"options employer {kind}", options_message(options.Profile(employer_kind=kind), K)


def _funding_and_opco() -> Iterator[tuple[str, str]]:
    yield "funding rule", funding_rule_message(K)
    for cost, months, per_year in ((15000, 18, False), (6500, 12, False), (12000, None, True), (40000, 36, False)):
        yield f"funding {cost} {months}", funding_message(coverage(cost, months, K, per_year=per_year), K)
    for code in ("cost_not_a_number", "cost_not_positive", "cost_too_large", "months_not_a_number",
                 "months_not_positive", "months_too_long"):
        yield f"funding problem {code}", problems.funding_input_problem_message(FundingInputError(code, 0), K)
    for sector in K.sectors:
        match = SectorMatch(sector.id, sector.label, sector.label, 100, sector.tension, sector.opco_id, True)
        yield f"opco {sector.id}", opco_message(match, K)
    unknown = SectorMatch("autre", None, "astronaute", 0, None, None, False)
    yield "opco unknown", opco_message(unknown, K, public_employer=True)


def _forms_and_status() -> Iterator[tuple[str, str]]:
    for name in dir(forms):
        if name.isupper() and isinstance(getattr(forms, name), str):
            yield f"forms.{name}", getattr(forms, name)
    yield "contract months question", forms.contract_months_question(K)
    yield "noted", forms.noted({"age": 39, "sector": "btp", "goal": "blocs", "situation": "demandeur_emploi",
                                "hires": 3, "contract_months": 18, "company_size": 1200}, K)
    for code in (None, age_codes.AMBIGUOUS, age_codes.FUTURE, age_codes.IMPOSSIBLE, age_codes.NEGATIVE,
                 age_codes.TOO_YOUNG_TO_BE_TRUE):
        yield f"age problem {code}", problems.age_problem_message(code, K)
    for code in (None, reading_codes.NOT_POSITIVE, reading_codes.TOO_MANY, reading_codes.TOO_LONG):
        yield f"hires problem {code}", problems.hires_problem_message(code, K)
        yield f"months problem {code}", problems.contract_months_problem_message(code, K)
    for today in (*DATES, date(2026, 2, 20)):
        status = experimentation_status(today, K)
        yield f"status {today}", status_message(status, K)
        yield f"reminder {today}", closed_reminder(status) or ""
        yield f"greeting {today}", greeting(status, K)[0]
    for name in dir(channel):
        if name.isupper() and isinstance(getattr(channel, name), str):
            yield f"channel.{name}", getattr(channel, name)
    yield "channel too long", channel.too_long_message(1000)


def _all_answers() -> Iterator[tuple[str, str]]:
    placeholders = faq_placeholders(K)
    for name, variants in domain_responses().items():
        for index, variant in enumerate(variants):
            yield f"{name}[{index}]", render(variant.get("text") or "", placeholders)
    yield from _verdicts()
    yield from _employer()
    yield from _options()
    yield from _funding_and_opco()
    yield from _forms_and_status()


def answers() -> list[tuple[str, str]]:
    """(label, text) for every different answer (labelled by the first case that gives it); FAQ and domain
    responses with their placeholders filled."""
    first: dict[str, str] = {}
    for label, text in _all_answers():
        first.setdefault(text, label)
    return [(label, text) for text, label in first.items()]


def button_titles() -> Iterator[tuple[str, str]]:
    """(label, title) for every button: those of bot.core.say.buttons and those of the domain's responses."""
    for name in dir(buttons):
        value = getattr(buttons, name)
        listed = value.values() if isinstance(value, dict) and "title" not in value else (
            [value] if isinstance(value, dict) else value)
        if name.isupper() and isinstance(value, (list, dict)):
            yield from ((f"buttons.{name}", button["title"]) for button in listed)
    yield from (("contract months", button["title"]) for button in buttons.contract_months_buttons(K))
    for today in DATES:
        _, offered = greeting(experimentation_status(today, K), K)
        yield from ((f"greeting {today}", button["title"]) for button in offered)
    for name, variants in domain_responses().items():
        for variant in variants:
            yield from ((name, button["title"]) for button in variant.get("buttons") or [])
