"""What the bot says to an employer: their recruitment plan, or why an employer who may not sign is turned away."""

from __future__ import annotations

from bot.core.employer import LARGE_SHARE_OF_PARCOURS, EmployerPlan
from bot.core.funding import MONTHS_PER_YEAR
from bot.core.knowledge import Knowledge
from bot.core.options import Profile as OptionsProfile
from bot.core.options import options_for
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.format import (
    format_count,
    format_date,
    format_eur,
    format_months,
    format_number,
    format_percent,
    join_and,
)
from bot.core.say.funding import funding_sources
from bot.core.say.layout import source_line
from bot.core.say.opco import opco_link
from bot.core.say.options import option_sources, options_section
from bot.core.say.status import status_text
from bot.core.say.welcome import status_sentence


def _plain(text: str) -> str:
    """A visitor's words shown back: one line, no markdown emphasis."""
    return " ".join(text.replace("*", " ").replace("_", " ").split())


def _summary(plan: EmployerPlan) -> list[str]:
    request = plan.request
    lines = [f"Secteur : {plan.sector.label}" if plan.sector else "Secteur : non reconnu"]
    if request.jobs:
        lines.append(f"Postes : {_plain(request.jobs)}")
    if request.hires:
        lines.append(f"Recrutements : {format_number(request.hires)}")
    if not plan.months_assumed:
        lines.append(f"Durée des contrats : {format_months(plan.months)}")
    if request.company_size:
        lines.append(f"Taille de l'entreprise : {format_count(request.company_size, 'salarié', 'salariés')}")
    return lines


def _large_request(hires: int | None, k: Knowledge) -> list[str]:
    """A word on a number of hires that would take a large part of the whole experimentation's parcours."""
    cap = k.experimentation.parcours_cap
    if not hires or hires < cap * LARGE_SHARE_OF_PARCOURS:
        return []
    share = "tous les" if hires >= cap else f"{format_percent(round(100 * hires / cap))} des"
    return [f"Attention : {format_number(hires)} recrutements, c'est {share} {format_number(cap)} parcours prévus pour "
            "toute l'expérimentation, toutes entreprises confondues. Vérifiez d'abord avec votre OPCO ce qu'il peut "
            "financer."]


def selected_project_rule(k: Knowledge, closed: bool) -> str:
    """The condition the scheme always had: a contract only inside a project selected by the national call."""
    carriers = join_and(list(k.options["selected_projects"]["carriers"]))
    verb, joined, could = ("relevait", "entrait", "pouvait") if closed else ("relève", "entre", "peut")
    return (f"Un contrat ne {verb} de la VAE inversée que dans un projet retenu par l'appel à projets national "
            f"(arrêté du {format_date(k.experimentation.arrete_date)}), porté par {carriers} : "
            f"une entreprise y {joined} par l'un de ces projets, elle ne {could} pas signer seule.")


def _funding(plan: EmployerPlan, k: Knowledge) -> str:
    """The OPCO's funding for the employer's numbers, in one line."""
    cap = format_eur(k.funding.annual_cap_eur)
    prorata = ", au prorata de la durée" if k.funding.prorated and plan.months != MONTHS_PER_YEAR else ""
    assumed = " (sans durée indiquée, je compte cette durée)" if plan.months_assumed else ""
    total = ""
    if plan.total_cap is not None and plan.request.hires and plan.request.hires > 1:
        total = (f", soit jusqu'à **{format_eur(plan.total_cap)}** en tout pour vos "
                 f"{format_number(plan.request.hires)} recrutements ({format_number(plan.request.hires)} × "
                 f"{format_eur(plan.per_parcours_cap)})")
    return (f"**Financement** : pour un parcours de {format_months(plan.months)}{assumed}, votre OPCO peut financer "
            f"jusqu'à {format_eur(plan.per_parcours_cap)} ({cap} par an{prorata}){total}. C'est une estimation : le "
            "montant réel est fixé par votre OPCO ; au-delà, le reste est à votre charge, et vous versez le salaire.")


def _your_opco(plan: EmployerPlan) -> str:
    """Their OPCO, or how to find it when the sector is not known."""
    if plan.opco:
        return f"votre OPCO, {opco_link(plan.opco)}"
    return "votre OPCO (celui de votre branche : vous le trouvez grâce au code IDCC de votre convention collective)"


def _next_step(plan: EmployerPlan) -> str:
    """What to do next: once closed, what remains with their OPCO; before, contact it."""
    if plan.status.is_closed:
        return (f"**Pour recruter et former aujourd'hui** : le contrat de professionnalisation, financé par "
                f"{_your_opco(plan)}, ou l'apprentissage. Le détail est derrière les boutons ci-dessous.")
    tutors = ""
    if plan.tutors_needed and plan.request.hires and plan.request.hires > 1:
        tutors = f" Prévoyez au moins {format_count(plan.tutors_needed, 'tuteur', 'tuteurs')}."
    return (f"**Prochaine étape** : contactez {_your_opco(plan)} : il vous dit par quel projet retenu passer et "
            f"confirme le financement.{tutors}")


# The most lines a plan opens with, before its source line (a test measures every plan): the rest on demand.
MAX_PLAN_LINES = 6


def employer_plan_message(plan: EmployerPlan, k: Knowledge) -> str:
    """The employer's plan in at most MAX_PLAN_LINES lines: the decision or their numbers, the fact that matters
    most (the calendar and the selected-project rule), the next step. The detail (steps, costs covered, OPCO,
    tutoring, options) is on demand: the plan's buttons (EMPLOYER_BUTTONS, EMPLOYER_CLOSED_BUTTONS in
    bot.core.say.buttons).

    An employer who may not sign the contract (public employer, private individual) gets
    `excluded_employer_message` instead.
    """
    if not plan.open_to_employer:
        return excluded_employer_message(plan.kind, k)
    closed = plan.status.is_closed
    project = "**Votre projet** : " + " ; ".join(_summary(plan)) + "."
    rule = selected_project_rule(k, closed)
    if closed:
        closure = status_sentence(plan.status, k).replace("L'expérimentation", "La VAE inversée", 1)
        lines = [f"**Plus aucun nouveau contrat de VAE inversée ne peut être signé.** {closure}", rule, project]
        profile = OptionsProfile(employer_kind=PRIVATE)
        sources = ["decret_article_1", *option_sources(options_for(profile, k), k)]
    else:
        lines = [project, _funding(plan, k), *_large_request(plan.request.hires, k),
                 status_text(plan.status, k), rule]
        sources = [*funding_sources(k), "decret_article_1", "travail_emploi"]
    return "\n".join([*lines, _next_step(plan)]) + "\n\n" + source_line(k, *sources)


def excluded_employer_message(kind: str, k: Knowledge) -> str:
    """Plain answer to a public employer or a private individual: not open to them, and what exists instead."""
    listed = join_and(list(k.contract.excluded_employers))
    france_vae = k.source("france_vae")
    who = "aux employeurs publics" if kind == PUBLIC else "aux particuliers employeurs"
    head = (
        f"**La VAE inversée n'est pas ouverte {who}.** Elle passe par un contrat de professionnalisation, "
        f"que seuls les employeurs privés (entreprises, associations) peuvent signer. Ne peuvent pas le signer : "
        f"{listed}."
    )
    profile = OptionsProfile(employer_kind=PUBLIC if kind == PUBLIC else PARTICULIER)
    sources = ["loi", "service_public"]
    sources += [s for s in option_sources(options_for(profile, k), k) if s not in sources]
    return "\n\n".join([head, options_section(profile, k), source_line(k, *sources)])
