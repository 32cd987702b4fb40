"""French messages for verdicts, funding, OPCOs and the experimentation's status (pure functions).

Vouvoiement, short sentences, simple markdown (**bold**, "- " lists). No figure is typed here: every
amount, date, age and count comes from the knowledge data or a computation, through the format
helpers. Every message ends with a "Source : ..." line.
"""

from __future__ import annotations

from bot.eligibility import (
    AGE_OK,
    SECTOR_NOT_PRIORITY,
    SECTOR_TENSION,
    SECTOR_UNLISTED,
    UNDER_MIN_AGE,
    Verdict,
)
from bot.funding import MONTHS_PER_YEAR, Coverage, FundingInputError, coverage
from bot.knowledge import Knowledge, Opco, format_date, format_eur, format_number, load
from bot.parsing import AMBIGUOUS, FUTURE, SectorMatch
from bot.status import Status


def _source_line(k: Knowledge, *source_ids: str) -> str:
    return "Source : " + " et ".join(k.source(source_id).title for source_id in source_ids)


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _months(months: float) -> str:
    return f"{format_number(months)} mois"


def _opco_link(opco: Opco) -> str:
    return f"**{opco.name}** ({opco.website})"


# --------------------------------------------------------------------------- status


def _status_text(status: Status, k: Knowledge) -> str:
    start, end = format_date(status.contracts_from), format_date(status.contracts_until)
    if status.phase == "upcoming":
        return f"L'expérimentation n'a pas encore commencé. Elle couvrira les contrats signés à partir du {start}."
    if status.phase == "open":
        extended = "a été prolongée. Elle " if status.extension_known else ""
        text = f"L'expérimentation {extended}couvre les contrats signés jusqu'au {end}."
        if status.days_left == 0:
            return f"{text} C'est aujourd'hui le dernier jour pour signer."
        days = status.days_left or 0
        return f"{text} Il reste {format_number(days)} jour{'s' if days > 1 else ''} pour signer un contrat."
    france_vae = k.source("france_vae")
    text = f"L'expérimentation couvrait les contrats signés du {start} au {end}."
    if not status.extension_known:
        text += " À ce jour, aucune prolongation n'est connue. Demandez à l'OPCO si elle a été prolongée."
    return f"{text} Autre piste : la VAE classique, avec France VAE ({france_vae.url})."


def status_message(status: Status, k: Knowledge) -> str:
    """Where the experimentation stands: not started, open, or closed (with what to do then)."""
    return f"{_status_text(status, k)}\n\n{_source_line(k, 'decret')}"


# --------------------------------------------------------------------------- funding


def _rule_text(k: Knowledge) -> str:
    prorata = ", au prorata de la durée du contrat" if k.funding.prorated else ""
    return (
        f"L'OPCO finance le parcours dans la limite de {format_eur(k.funding.annual_cap_eur)} par an{prorata}. "
        "Au-delà, le reste est à financer autrement, par exemple par l'employeur."
    )


def _split_text(cover: Coverage, k: Knowledge) -> str:
    cap = format_eur(cover.annual_cap)
    prorated = k.funding.prorated and cover.months != MONTHS_PER_YEAR
    prorata = f", au prorata de {_months(cover.months)}" if prorated else ""
    lines = [
        f"Coût du parcours : {format_eur(cover.cost)} sur {_months(cover.months)}.",
        f"L'OPCO peut financer jusqu'à {format_eur(cover.opco_max)} ({cap} par an{prorata}).",
    ]
    if cover.within_cap:
        lines.append("Votre budget tient dans la limite : l'OPCO peut le financer en entier.")
    else:
        lines.append(
            f"Part de l'OPCO : {format_eur(cover.opco_share)}. Reste à financer : {format_eur(cover.remainder)}, "
            "par l'employeur ou un autre financement. Voyez-le avec l'OPCO."
        )
    return "\n".join(lines)


def funding_message(cover: Coverage, k: Knowledge) -> str:
    """Result of a funding simulation, with what the OPCO can pay for."""
    return "\n\n".join(
        [
            "**Simulation du financement**\n" + _split_text(cover, k),
            "Ce que l'OPCO peut financer :\n" + _bullets(list(cover.covered_categories)),
            "C'est une estimation : le montant réel est fixé par l'OPCO.",
            _source_line(k, "decret"),
        ]
    )


def funding_rule_message(k: Knowledge) -> str:
    """The funding rule with a worked example taken from the knowledge data."""
    example = coverage(k.funding.example_cost_eur, k.funding.example_months, k)
    outcome = (
        f"il reste {format_eur(example.remainder)} à financer autrement"
        if example.remainder
        else "tout peut être financé"
    )
    worked = (
        f"Exemple : un parcours de {_months(example.months)} qui coûte {format_eur(example.cost)}. "
        f"L'OPCO peut financer jusqu'à {format_eur(example.opco_max)}, donc {outcome}."
    )
    categories = "Ce que l'OPCO peut financer :\n" + _bullets(
        [category.label for category in k.funding.covered_categories]
    )
    return "\n\n".join([_rule_text(k), worked, categories, _source_line(k, "decret")])


_FUNDING_ERRORS = {
    "cost_not_a_number": "Je n'ai pas compris le montant. Indiquez un coût en euros, par exemple « {example} ».",
    "cost_not_positive": "Le coût doit être supérieur à zéro. Indiquez un montant en euros.",
    "cost_too_large": "Ce montant semble très élevé. Pouvez-vous le vérifier ?",
    "months_not_a_number": "Je n'ai pas compris la durée. Indiquez un nombre de mois.",
    "months_not_positive": "La durée doit être d'au moins un mois.",
    "months_too_long": "Le contrat dure au plus {max_months} mois. Indiquez une durée plus courte.",
}


def funding_input_problem_message(error: FundingInputError, k: Knowledge | None = None) -> str:
    """French answer to an unusable cost or duration."""
    k = k or load()
    template = _FUNDING_ERRORS.get(error.code, _FUNDING_ERRORS["cost_not_a_number"])
    return template.format(
        example=format_eur(k.funding.example_cost_eur), max_months=format_number(k.contract.max_months)
    )


# --------------------------------------------------------------------------- OPCO


def _idcc_caveat() -> str:
    return (
        "C'est une indication : le bon OPCO est celui de la branche de l'employeur. "
        "L'employeur le trouve grâce à l'IDCC, écrit sur la fiche de paie, ou grâce à son numéro SIRET."
    )


def opco_message(match: SectorMatch, k: Knowledge) -> str:
    """Which OPCO to contact for a sector, with the employer-branch caveat."""
    if match.matched and match.opco_id:
        opco = k.opco(match.opco_id)
        head = f"Pour le secteur {match.label}, l'OPCO est en général {_opco_link(opco)}."
    else:
        opcos = ", ".join(opco.name for opco in k.opcos)
        head = (
            f"Je n'ai pas reconnu ce secteur. Il existe {format_number(len(k.opcos))} OPCO : {opcos}. "
            "Dites-moi le métier visé et je vous indique le bon."
        )
    return f"{head}\n\n{_idcc_caveat()}\n\n{_source_line(k, 'travail_emploi')}"


# --------------------------------------------------------------------------- verdict


def _headline(verdict: Verdict) -> str:
    min_age = format_number(verdict.min_age)
    if verdict.eligible:
        return (
            "**Bonne nouvelle : vous remplissez la condition d'âge.** "
            f"La VAE inversée est ouverte dès {min_age} ans, sans diplôme ni expérience exigés."
        )
    if verdict.eligible is False:
        when = (
            f"à partir du {format_date(verdict.turns_16_on)}, le jour de vos {min_age} ans"
            if verdict.turns_16_on
            else f"le jour de vos {min_age} ans"
        )
        return f"**Pas encore** : la VAE inversée est ouverte dès {min_age} ans. Vous remplirez cette condition {when}."
    return f"**Il me manque votre âge.** La VAE inversée est ouverte à toute personne d'au moins {min_age} ans."


def _reason_lines(verdict: Verdict) -> list[str]:
    min_age = format_number(verdict.min_age)
    label = verdict.sector.label if verdict.sector else ""
    texts = {
        AGE_OK: f"Âge : la condition des {min_age} ans est remplie. Aucune autre condition n'est demandée.",
        UNDER_MIN_AGE: f"Âge : il faut avoir au moins {min_age} ans.",
        SECTOR_TENSION: f"Secteur : {label}. C'est un métier en tension, le public visé en priorité.",
        SECTOR_NOT_PRIORITY: (
            f"Secteur : {label}. Ce n'est pas un métier en tension de notre liste : "
            "il n'est pas exclu, mais ce n'est pas la priorité."
        ),
        SECTOR_UNLISTED: (
            "Secteur : je ne l'ai pas reconnu. Aucun secteur n'est exclu, "
            "mais la priorité va aux métiers qui peinent à recruter."
        ),
    }
    return [texts[reason] for reason in verdict.reasons if reason in texts]


# Advice that depends on what the visitor wants and where they stand (only for an eligible visitor).
GOAL_ADVICE = {
    "certification": "Vous pouvez viser la certification complète : diplôme, titre professionnel ou CQP.",
    "blocs": "Vous pouvez aussi ne viser que certains blocs de compétences d'une certification.",
    "emploi": "Le parcours se déroule en entreprise, avec un contrat de travail : c'est aussi une porte d'entrée vers un emploi.",
    "reconversion": "Pour une reconversion, choisissez d'abord le métier visé, puis la certification qui y mène.",
}
SITUATION_ADVICE = {
    "salarie": "Vous êtes salarié : en CDI, le parcours peut se faire par un avenant à votre contrat, à voir avec votre employeur.",
    "demandeur_emploi": "Vous cherchez un emploi : un conseiller France Travail peut vous aider à trouver un employeur qui recrute dans ce métier.",
    "etudiant": "Vous êtes étudiant ou lycéen : le contrat de professionnalisation est un vrai contrat de travail, il faut donc trouver un employeur.",
}


def _profile_advice(verdict: Verdict) -> list[str]:
    return [text for text in (GOAL_ADVICE.get(verdict.goal or ""), SITUATION_ADVICE.get(verdict.situation or "")) if text]


def _next_steps(verdict: Verdict) -> list[str]:
    if verdict.eligible is None:
        return ["Indiquez votre âge ou votre date de naissance pour une réponse complète."]
    if verdict.eligible is False:
        return [
            "Revenez vers nous quand vous aurez l'âge requis.",
            "D'ici là, renseignez-vous sur les métiers qui vous attirent.",
        ]
    contact = "Contactez l'OPCO indiqué ci-dessus" if verdict.opco else "Contactez l'OPCO du secteur visé"
    if verdict.status.phase == "closed":
        return [
            f"{contact} pour savoir si l'expérimentation a été prolongée.",
            "Regardez aussi la VAE classique avec France VAE.",
            *_profile_advice(verdict),
        ]
    return [
        "Choisissez la certification ou les blocs de compétences visés.",
        f"{contact}, ou un employeur de ce secteur.",
        *_profile_advice(verdict),
    ]


def _opco_text(verdict: Verdict, k: Knowledge) -> str:
    if verdict.opco and verdict.sector:
        return f"Pour le secteur {verdict.sector.label} : {_opco_link(verdict.opco)}. {_idcc_caveat()}"
    return (
        f"Il existe {format_number(len(k.opcos))} OPCO. Le vôtre dépend de la branche de l'employeur "
        "qui vous recrute."
    )


def verdict_message(verdict: Verdict, cover: Coverage | None, k: Knowledge) -> str:
    """Eligibility answer: outcome, reasons, availability, funding, OPCO, next steps, source."""
    reasons = _reason_lines(verdict)
    sections = [_headline(verdict) + (f"\n{_bullets(reasons)}" if reasons else "")]
    sections.append(f"**Calendrier**\n{_status_text(verdict.status, k)}")
    if verdict.eligible is not False:
        funding = _split_text(cover, k) if cover else _rule_text(k)
        sections += [f"**Financement**\n{funding}", f"**Votre OPCO**\n{_opco_text(verdict, k)}"]
    sections.append(f"**Prochaines étapes**\n{_bullets(_next_steps(verdict))}")
    sources = ["decret"] + (["dares"] if verdict.sector else [])
    sections.append(_source_line(k, *sources))
    return "\n\n".join(sections)


# --------------------------------------------------------------------------- age problems


def age_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """French follow-up question for an `AgeParse.problem` code."""
    min_age = format_number((k or load()).min_age)
    if problem == AMBIGUOUS:
        return f"Pour vérifier : avez-vous au moins {min_age} ans ? Vous pouvez aussi donner votre date de naissance."
    if problem == FUTURE:
        return "Cette date est dans le futur. Quelle est votre date de naissance ?"
    return "Je n'ai pas compris votre âge. Indiquez-le en chiffres ou donnez votre date de naissance."


__all__ = [
    "age_problem_message",
    "funding_input_problem_message",
    "funding_message",
    "funding_rule_message",
    "opco_message",
    "status_message",
    "verdict_message",
]
