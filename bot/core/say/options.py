"""What the bot says about the options that remain now that new VAE inversée contracts are closed.

Each option gets one line: its name, why it fits, where to go. Every figure comes from the knowledge data's
`options` section (ages, hours, dates), and every option named here is one the data holds (a test checks).
"""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.options import (
    APPRENTISSAGE,
    CAP_EMPLOI,
    CEP,
    CONTRAT_PRO,
    FRANCE_TRAVAIL,
    MISSION_LOCALE,
    TRANSITIONS_PRO,
    VAE,
    Profile,
    options_for,
)
from bot.core.read.speaker import PARTICULIER
from bot.core.say.format import format_date, format_number
from bot.core.say.layout import bullets, source_line
from bot.core.say.status import status_text
from bot.core.status import Status

# The name of each option as the answers write it: a test checks that an answer naming one of these names an
# option of the knowledge data.
OPTION_NAMES = {
    CONTRAT_PRO: "Le contrat de professionnalisation",
    APPRENTISSAGE: "Le contrat d'apprentissage",
    VAE: "La VAE avec France VAE",
    MISSION_LOCALE: "La Mission locale",
    FRANCE_TRAVAIL: "France Travail",
    CEP: "Le Conseil en évolution professionnelle",
    TRANSITIONS_PRO: "Transitions Pro",
    CAP_EMPLOI: "Cap emploi",
}


def _n(value: int) -> str:
    return format_number(value)


def _why(option_id: str, k: Knowledge, employer: bool) -> str:
    """Why this option, in one sentence (to an employer when `employer`)."""
    o = k.options
    if option_id == CONTRAT_PRO:
        c = o[CONTRAT_PRO]
        minima = list(c["minima_sociaux"])
        who = (f"jeunes de {_n(c['youth_min_age'])} à {_n(c['youth_max_age'])} ans, demandeurs d'emploi "
               f"de {_n(c['job_seekers_from_age'])} ans et plus, allocataires ({', '.join(minima[:-1])} ou {minima[-1]})")
        if employer:
            return f"financé par votre OPCO, pour recruter des {who}"
        return f"travailler et se former en même temps ; pour les {who}"
    if option_id == APPRENTISSAGE:
        a = o[APPRENTISSAGE]
        ages = (f"de {_n(a['min_age'])} à {_n(a['max_age'])} ans (dès {_n(a['min_age_after_college'])} ans "
                "après le collège, sans limite avec une RQTH)")
        if employer:
            return f"former un apprenti ou une apprentie {ages} ; ouvert aussi aux employeurs publics"
        return f"un contrat de travail avec une formation, {ages}"
    if option_id == VAE:
        v = o[VAE]
        return (f"faire reconnaître une expérience déjà acquise (travail, stage, bénévolat), sans durée minimale ; "
                f"le CPF peut tout financer depuis le {format_date(v['cpf_whole_parcours_from'])}")
    if option_id == MISSION_LOCALE:
        m = o[MISSION_LOCALE]
        return f"un accompagnement gratuit pour les {_n(m['min_age'])}-{_n(m['max_age'])} ans : emploi, formation, alternance"
    if option_id == FRANCE_TRAVAIL:
        return "un conseiller ou une conseillère vous aide à trouver un employeur et une formation"
    if option_id == CEP:
        return "un conseil gratuit pour choisir un métier ou une formation, avec ou sans emploi"
    if option_id == TRANSITIONS_PRO:
        return ("une formation certifiante pour changer de métier en gardant votre salaire, "
                "sous conditions d'ancienneté")
    if option_id == CAP_EMPLOI:
        return "un accompagnement vers l'emploi pour les personnes en situation de handicap, avec France Travail"
    raise KeyError(option_id)


def option_line(option_id: str, k: Knowledge, employer: bool = False) -> str:
    """"**Name** : why. Où : url" for one option."""
    where = k.option(option_id, "where")
    return f"**{OPTION_NAMES[option_id]}** : {_why(option_id, k, employer)}. Où : {where}"


def option_sources(option_ids: tuple[str, ...], k: Knowledge) -> list[str]:
    """The ids of the sources of the options' facts, without repeats."""
    ids: list[str] = []
    for option_id in option_ids:
        source = k.option_source(option_id, next(iter(k.options[option_id]))).id
        if source not in ids:
            ids.append(source)
    return ids


# The options' title, by who is asking: a candidate, an employer, or someone asking for a relative.
OPTIONS_TITLE = {
    None: "**Ce que vous pouvez faire aujourd'hui**",
    "employer": "**Ce qui reste possible pour vous**",
    PARTICULIER: "**Pour la personne concernée, aujourd'hui**",
}


def options_section(profile: Profile, k: Knowledge) -> str:
    """The options that fit `profile`, one line each, under a title (no source line: the message has its own)."""
    kind = profile.employer_kind
    employer = kind is not None and kind != PARTICULIER
    title = OPTIONS_TITLE[PARTICULIER if kind == PARTICULIER else "employer" if employer else None]
    ids = options_for(profile, k)
    return title + "\n" + bullets([option_line(option_id, k, employer) for option_id in ids])


def options_message(profile: Profile, k: Knowledge, status: Status | None = None) -> str:
    """An answer of its own: the closure in one sentence (the calendar while `status` is not closed), the options
    that fit, their sources."""
    ids = options_for(profile, k)
    first = status_text(status, k) if status and not status.is_closed else closure_sentence(k)
    return "\n\n".join([first, options_section(profile, k),
                        source_line(k, "decret", *option_sources(ids, k))])


def closure_sentence(k: Knowledge) -> str:
    """One sentence: until when contracts could be signed, and that no extension is known as of the check."""
    exp = k.experimentation
    checked = k.facts["experimentation.extension_known"].checked or k.reviewed
    if exp.extension_known:
        return (f"La VAE inversée a été prolongée : des contrats peuvent être signés jusqu'au "
                f"{format_date(exp.contracts_until)}.")
    return (f"La VAE inversée couvrait les contrats signés jusqu'au {format_date(exp.contracts_until)} ; "
            f"au {format_date(checked)}, aucune prolongation n'est connue.")
