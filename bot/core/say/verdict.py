"""What the bot says after the eligibility test: the verdict, to the candidate or to an employer about a hire.

One message for both audiences (see `bot.core.say.audience`): only the headline and the next steps change,
taken from the tables below. It is short (MAX_SHORT_LINES): the detail is on demand, behind its buttons.
"""

from __future__ import annotations

from bot.core.eligibility import (
    PUBLIC_EMPLOYER,
    SECTOR_NOT_PRIORITY,
    SECTOR_TENSION,
    SECTOR_UNLISTED,
    Verdict,
)
from bot.core.funding import Coverage
from bot.core.knowledge import Knowledge
from bot.core.options import Profile as OptionsProfile
from bot.core.options import options_for
from bot.core.read.speaker import PRIVATE
from bot.core.say.audience import CANDIDATE, EMPLOYER, audience_of
from bot.core.say.format import format_date, format_number
from bot.core.say.funding import funding_sources, rule_text, split_text
from bot.core.say.layout import source_line
from bot.core.say.opco import PUBLIC_EMPLOYER_RULE, opco_link
from bot.core.say.options import option_sources, options_section
from bot.core.say.status import status_text
from bot.core.say.welcome import status_sentence

# The cases a verdict can be in, each with its own headline and next steps.
ELIGIBLE = "eligible"
ELIGIBLE_CLOSED = "eligible_closed"  # eligible on a closed experimentation is not good news: both are said at once
TOO_YOUNG = "too_young"
TOO_YOUNG_CLOSED = "too_young_closed"
AGE_UNKNOWN = "age_unknown"

# Headlines by audience and case; {min_age} and {when} (the day the person reaches it, from WHEN) are filled in.
HEADLINES = {
    CANDIDATE: {
        ELIGIBLE: (
            "**Bonne nouvelle : vous remplissez la condition d'âge.** "
            "La VAE inversée est ouverte dès {min_age} ans, sans diplôme ni expérience exigés."
        ),
        ELIGIBLE_CLOSED: (
            "**Vous remplissez la condition d'âge, mais l'expérimentation est terminée.** "
            "Elle était ouverte dès {min_age} ans, sans diplôme ni expérience exigés : "
            "voyez le calendrier ci-dessous."
        ),
        TOO_YOUNG: "**Pas encore** : la VAE inversée est ouverte dès {min_age} ans. Vous remplirez cette condition {when}.",
        TOO_YOUNG_CLOSED: (
            "**Pas encore** : il faut avoir au moins {min_age} ans, et vous remplirez cette condition {when}. "
            "De plus, l'expérimentation est terminée : voyez le calendrier ci-dessous."
        ),
        AGE_UNKNOWN: "**Il me manque votre âge.** La VAE inversée est ouverte à toute personne d'au moins {min_age} ans.",
    },
    EMPLOYER: {
        ELIGIBLE: (
            "**Bonne nouvelle : cette personne remplit la condition d'âge.** "
            "Vous pouvez la recruter en VAE inversée dès {min_age} ans, sans diplôme ni expérience exigés."
        ),
        ELIGIBLE_CLOSED: (
            "**Cette personne remplit la condition d'âge, mais l'expérimentation est terminée.** "
            "Elle était ouverte dès {min_age} ans, sans diplôme ni expérience exigés : "
            "voyez le calendrier ci-dessous."
        ),
        TOO_YOUNG: (
            "**Pas encore** : la VAE inversée est ouverte dès {min_age} ans. "
            "Cette personne remplira cette condition {when}."
        ),
        TOO_YOUNG_CLOSED: (
            "**Pas encore** : il faut avoir au moins {min_age} ans, et cette personne remplira cette condition "
            "{when}. De plus, l'expérimentation est terminée : voyez le calendrier ci-dessous."
        ),
        AGE_UNKNOWN: (
            "**Il me manque l'âge de la personne.** "
            "La VAE inversée est ouverte à toute personne d'au moins {min_age} ans."
        ),
    },
}

# When someone too young reaches the minimum age, by audience: (birth date known, only the age known).
WHEN = {
    CANDIDATE: ("à partir du {date}, le jour de vos {min_age} ans", "le jour de vos {min_age} ans"),
    EMPLOYER: ("le {date}", "le jour de ses {min_age} ans"),
}

# Next steps by audience and case; {contact} is the OPCO to contact (see `_contact`).
_PLAN_INVITATION = (
    "Pour préparer votre recrutement (options, financement pour vos chiffres, OPCO), écrivez « je suis employeur »."
)
NEXT_STEPS = {
    CANDIDATE: {
        ELIGIBLE: (
            "Choisissez la certification ou les blocs de compétences visés.",
            "{contact}, ou un employeur de ce secteur.",
        ),
        ELIGIBLE_CLOSED: (
            "{contact} pour savoir si l'expérimentation a été prolongée.",
            "Regardez aussi la VAE classique avec France VAE.",
        ),
        TOO_YOUNG: (
            "Revenez vers nous quand vous aurez l'âge requis.",
            "D'ici là, renseignez-vous sur les métiers qui vous attirent.",
        ),
        TOO_YOUNG_CLOSED: (
            "Quand vous aurez l'âge requis, demandez à un conseiller France Travail si l'expérimentation a été "
            "prolongée, ou ce qui existe alors pour se former en travaillant.",
            "D'ici là, renseignez-vous sur les métiers qui vous attirent.",
        ),
        AGE_UNKNOWN: ("Indiquez votre âge ou votre date de naissance pour une réponse complète.",),
    },
    EMPLOYER: {
        ELIGIBLE: (
            "Choisissez avec la personne la certification ou les blocs de compétences visés.",
            "Contactez votre OPCO pour le financement, puis signez un contrat de professionnalisation allégé "
            "et désignez un tuteur.",
            _PLAN_INVITATION,
        ),
        ELIGIBLE_CLOSED: (
            "Demandez à votre OPCO si l'expérimentation a été prolongée avant de signer.",
            "Pour la personne, la VAE classique reste possible avec France VAE.",
            _PLAN_INVITATION,
        ),
        TOO_YOUNG: ("Vous pourrez signer le contrat quand la personne aura l'âge requis.",),
        TOO_YOUNG_CLOSED: (
            "Si l'expérimentation est prolongée, vous pourrez signer le contrat quand la personne aura l'âge "
            "requis : demandez-le à votre OPCO.",
        ),
        AGE_UNKNOWN: ("Indiquez l'âge ou la date de naissance de la personne pour une réponse complète.",),
    },
}

# Advice that depends on what the visitor wants and where they stand (only for an eligible candidate).
GOAL_ADVICE = {
    "certification": "Vous pouvez viser la certification complète : diplôme, titre professionnel ou CQP.",
    "blocs": "Vous pouvez aussi ne viser que certains blocs de compétences d'une certification.",
    "emploi": "Le parcours se déroule en entreprise, avec un contrat de travail : c'est aussi une porte d'entrée vers un emploi.",
    "reconversion": "Pour une reconversion, choisissez d'abord le métier visé, puis la certification qui y mène.",
}
SITUATION_ADVICE = {
    "salarie": "Vous avez un emploi : en CDI, le parcours peut se faire par un avenant à votre contrat, à voir avec votre employeur.",
    "demandeur_emploi": "Vous cherchez un emploi : un conseiller France Travail peut vous aider à trouver un employeur qui recrute dans ce métier.",
    "etudiant": "Vous êtes en études ou au lycée : le contrat de professionnalisation est un vrai contrat de travail, il faut donc trouver un employeur.",
}


def _case(verdict: Verdict) -> str:
    closed = verdict.status.is_closed
    if verdict.eligible:
        return ELIGIBLE_CLOSED if closed else ELIGIBLE
    if verdict.eligible is False:
        return TOO_YOUNG_CLOSED if closed else TOO_YOUNG
    return AGE_UNKNOWN


def _headline(verdict: Verdict, audience: str) -> str:
    min_age = format_number(verdict.min_age)
    dated, undated = WHEN[audience]
    when = (dated.format(date=format_date(verdict.turns_16_on), min_age=min_age) if verdict.turns_16_on
            else undated.format(min_age=min_age))
    return HEADLINES[audience][_case(verdict)].format(min_age=min_age, when=when)


def _rule_lines(verdict: Verdict) -> list[str]:
    """What the sector and the employer mean for the verdict (the age is the headline's)."""
    label = verdict.sector.label if verdict.sector else ""
    texts = {
        SECTOR_TENSION: (
            f"Secteur : {label}. Il fait partie des secteurs qui peinent à recruter, le public visé en priorité."
        ),
        SECTOR_NOT_PRIORITY: (
            f"Secteur : {label}. Il n'est pas parmi les secteurs que nos sources citent en priorité : "
            "il n'est pas exclu pour autant. L'OPCO vous dira si ce métier peine à recruter."
        ),
        PUBLIC_EMPLOYER: f"Employeur : {PUBLIC_EMPLOYER_RULE}",
        SECTOR_UNLISTED: (
            "Secteur : je ne l'ai pas reconnu. Aucun secteur n'est exclu, "
            "mais la priorité va aux métiers qui peinent à recruter."
        ),
    }
    return [texts[reason] for reason in verdict.reasons if reason in texts]


def _profile_advice(verdict: Verdict) -> list[str]:
    return [text for text in (GOAL_ADVICE.get(verdict.goal or ""), SITUATION_ADVICE.get(verdict.situation or "")) if text]


def _contact(verdict: Verdict) -> str:
    return "Contactez l'OPCO indiqué ci-dessus" if verdict.opco else "Contactez l'OPCO du secteur visé"


def _next_steps(verdict: Verdict, audience: str) -> list[str]:
    steps = [step.format(contact=_contact(verdict)) for step in NEXT_STEPS[audience][_case(verdict)]]
    if audience == CANDIDATE and verdict.eligible:  # the advice speaks to the candidate ("Vous avez un emploi")
        steps += _profile_advice(verdict)
    return steps


# The short form once the experimentation is over: the decision and the closure in one line, then the options.
SHORT_HEADLINES = {
    CANDIDATE: {
        ELIGIBLE_CLOSED: "**Vous remplissez la condition d'âge, mais l'expérimentation est terminée.**",
        TOO_YOUNG_CLOSED: "**Pas encore** : il faut avoir au moins {min_age} ans, et vous remplirez cette condition {when}.",
        AGE_UNKNOWN: "**Il me manque votre âge**, mais l'expérimentation est de toute façon terminée.",
    },
    EMPLOYER: {
        ELIGIBLE_CLOSED: "**Cette personne remplit la condition d'âge, mais l'expérimentation est terminée.**",
        TOO_YOUNG_CLOSED: ("**Pas encore** : il faut avoir au moins {min_age} ans, et cette personne remplira cette "
                           "condition {when}."),
        AGE_UNKNOWN: "**Il me manque l'âge de la personne**, mais l'expérimentation est de toute façon terminée.",
    },
}
# The most lines the short form opens with, before its source line (a test measures every verdict).
MAX_SHORT_LINES = 6


def _short_closed_message(verdict: Verdict, k: Knowledge, audience: str) -> str:
    """Decision and closure in one line, the OPCO in one, then the options that fit; the rest on demand (buttons)."""
    min_age = format_number(verdict.min_age)
    dated, undated = WHEN[audience]
    when = (dated.format(date=format_date(verdict.turns_16_on), min_age=min_age) if verdict.turns_16_on
            else undated.format(min_age=min_age))
    case = _case(verdict)
    headline = SHORT_HEADLINES[audience][case if case in SHORT_HEADLINES[audience] else ELIGIBLE_CLOSED]
    closure = status_sentence(verdict.status, k).replace("L'expérimentation", "La VAE inversée", 1)
    lines = [f"{headline.format(min_age=min_age, when=when)} {closure}"]
    if PUBLIC_EMPLOYER in verdict.reasons:
        lines.append(f"Employeur : {PUBLIC_EMPLOYER_RULE}")
    elif verdict.opco and verdict.sector and verdict.eligible is not False:
        invitation = " ; pour vos chiffres, écrivez « je suis employeur »" if audience == EMPLOYER else ""
        lines.append(f"OPCO du secteur {verdict.sector.label} : {opco_link(verdict.opco)}{invitation}.")
    profile = options_profile(verdict, audience)
    sources = ["decret"] + ([verdict.sector.tension_source] if verdict.sector else [])
    sources += [source for source in option_sources(options_for(profile, k), k) if source not in sources]
    return "\n".join(lines) + "\n\n" + options_section(profile, k) + "\n\n" + source_line(k, *sources)


def _short_open_message(verdict: Verdict, cover: Coverage | None, k: Knowledge, audience: str) -> str:
    """Before the end: the decision, the calendar (the fact that matters most), the sector or employer rule, the
    funding with the sector's OPCO, the next step; the rest on demand (how to start, the OPCO, a simulation)."""
    lines = [_headline(verdict, audience), status_text(verdict.status, k)]
    rules = _rule_lines(verdict)
    if rules:
        lines.append(" ".join(rules))
    if verdict.eligible is not False:
        funding = " ".join((split_text(cover, k, audience) if cover else rule_text(k, audience)).splitlines())
        opco = (f" OPCO du secteur {verdict.sector.label} : {opco_link(verdict.opco)}."
                if verdict.opco and verdict.sector else "")
        lines.append(f"**Financement** : {funding}{opco}")
    lines.append("**Prochaines étapes** : " + " ".join(_next_steps(verdict, audience)))
    sources = (funding_sources(k) if verdict.eligible is not False else ["decret"]) + (
        [verdict.sector.tension_source] if verdict.sector else []
    )
    return "\n".join(lines) + "\n\n" + source_line(k, *sources)


def verdict_message(verdict: Verdict, cover: Coverage | None, k: Knowledge, audience: str = CANDIDATE) -> str:
    """Eligibility answer in at most MAX_SHORT_LINES lines before its source: the decision, the fact that matters
    most, the next step; the detail is on demand (the verdict's buttons, bot.core.say.buttons).

    `audience` is CANDIDATE (about "vous") or EMPLOYER (about "cette personne", with the employer's steps).
    Once the experimentation is over: decision and closure, the OPCO, the options (a simulation changes nothing).
    """
    if verdict.status.is_closed:
        return _short_closed_message(verdict, k, audience)
    return _short_open_message(verdict, cover, k, audience)


def options_profile(verdict: Verdict, audience: str) -> OptionsProfile:
    """Who the options after a verdict are for: the candidate's age and situation, or the (private) employer."""
    if audience == EMPLOYER:
        return OptionsProfile(employer_kind=PRIVATE)
    return OptionsProfile(age=verdict.age, situation=verdict.situation)


def verdict_message_for(role: str | None, verdict: Verdict, cover: Coverage | None, k: Knowledge) -> str:
    """The eligibility answer for the visitor's `role` slot ("employeur": EMPLOYER, else CANDIDATE)."""
    return verdict_message(verdict, cover, k, audience_of(role))


def employer_verdict_message(verdict: Verdict, cover: Coverage | None, k: Knowledge) -> str:
    """The old name of `verdict_message(..., audience=EMPLOYER)`, kept for its callers."""
    return verdict_message(verdict, cover, k, EMPLOYER)
