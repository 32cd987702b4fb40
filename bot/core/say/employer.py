"""What the bot says to an employer: their recruitment plan, or why an employer who may not sign is turned away."""

from __future__ import annotations

from bot.core.employer import LARGE_SHARE_OF_PARCOURS, EmployerPlan
from bot.core.funding import MONTHS_PER_YEAR
from bot.core.knowledge import Knowledge
from bot.core.options import Profile as OptionsProfile
from bot.core.options import options_for
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.audience import EMPLOYER
from bot.core.say.format import (
    format_count,
    format_date,
    format_eur,
    format_months,
    format_number,
    format_percent,
    join_and,
)
from bot.core.say.funding import covered_costs, funding_sources
from bot.core.say.layout import bullets, source_line
from bot.core.say.opco import IDCC_CAVEAT, every_opco, opco_link
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
    verb = "relevait" if closed else "relève"
    joined = "entrait" if closed else "entre"
    return (f"Un contrat ne {verb} de la VAE inversée que dans un projet retenu par l'appel à projets national "
            f"(arrêté du {format_date(k.experimentation.arrete_date)}), porté par {carriers} : "
            f"une entreprise y {joined} par l'un de ces projets, elle ne pouvait pas signer seule.")


def _funding(plan: EmployerPlan, k: Knowledge) -> str:
    cap = format_eur(k.funding.annual_cap_eur)
    prorata = ", au prorata de la durée" if k.funding.prorated and plan.months != MONTHS_PER_YEAR else ""
    lines = []
    if plan.months_assumed:
        lines.append(f"Sans durée indiquée, je compte des contrats de {format_months(plan.months)}.")
    lines.append(
        f"Pour un parcours de {format_months(plan.months)}, votre OPCO peut financer jusqu'à "
        f"{format_eur(plan.per_parcours_cap)} ({cap} par an{prorata})."
    )
    if plan.total_cap is not None and plan.request.hires and plan.request.hires > 1:
        lines.append(
            f"Pour vos {format_number(plan.request.hires)} recrutements : jusqu'à "
            f"**{format_eur(plan.total_cap)}** en tout ({format_number(plan.request.hires)} × "
            f"{format_eur(plan.per_parcours_cap)})."
        )
    lines.extend(_large_request(plan.request.hires, k))
    lines.append("Au-delà, le reste est à votre charge ou à financer autrement. Vous versez aussi le salaire.")
    return "\n".join(lines) + "\n\n" + covered_costs([category.label for category in k.funding.covered_categories])


def _opco(plan: EmployerPlan, k: Knowledge) -> str:
    caveat = IDCC_CAVEAT[EMPLOYER]
    if plan.opco and plan.sector:
        return f"Pour le secteur {plan.sector.label} : {opco_link(plan.opco)}.\n{caveat}"
    return f"Je n'ai pas reconnu votre secteur. {every_opco(k)}\n{caveat}"


def _tutor(plan: EmployerPlan, k: Knowledge) -> str:
    tutoring = k.tutoring
    tutor = (
        f"Désignez un tuteur pour chaque personne : un salarié qui a au moins "
        f"{format_count(tutoring.min_experience_years, 'an', 'ans')} d'expérience en lien avec le métier, ou vous-même. "
        f"Un tuteur suit au plus {format_number(tutoring.max_trainees_per_tutor)} personnes à la fois "
        f"({format_number(tutoring.max_trainees_employer_tutor)} si c'est vous)."
    )
    if plan.tutors_needed and plan.request.hires and plan.request.hires > 1:
        tutor += (
            f" Pour {format_number(plan.request.hires)} recrutements, prévoyez au moins "
            f"{format_count(plan.tutors_needed, 'tuteur', 'tuteurs')}."
        )
    return tutor


def _steps(plan: EmployerPlan, k: Knowledge) -> list[str]:
    tutor = _tutor(plan, k)
    choose = ("Choisissez les postes et la certification visée : un diplôme, un titre, un CQP, "
              "ou des blocs de compétences.")
    # The steps are said only while the experimentation is open (a closed plan gives the options instead).
    first = [
        choose,
        "Contactez votre OPCO : il vous dit par quel projet retenu passer, confirme le financement et vous dit "
        "si le dispositif est ouvert à la date de signature.",
    ]
    return [
        *first,
        f"Trouvez vos candidats, par exemple avec France Travail. Ils doivent avoir au moins "
        f"{format_number(k.min_age)} ans ; aucun diplôme ni expérience n'est exigé.",
        f"Signez un contrat de professionnalisation allégé : sans durée minimale, jusqu'à "
        f"{format_months(k.contract.max_months)}.",
        tutor,
        "La personne suit sa formation et son accompagnement VAE, puis passe devant un jury de VAE.",
    ]


def employer_plan_message(plan: EmployerPlan, k: Knowledge) -> str:
    """The employer's plan: their numbers, the OPCO funding for them, their OPCO, the calendar and the steps.

    An employer who may not sign the contract (public employer, private individual) gets
    `excluded_employer_message` instead.
    """
    if not plan.open_to_employer:
        return excluded_employer_message(plan.kind, k)
    exp = k.experimentation
    calendar = (
        f"{status_text(plan.status, k)} L'expérimentation {'prévoyait' if plan.status.is_closed else 'prévoit'} "
        f"{format_number(exp.parcours_cap)} parcours en tout, pour toute sa durée.\n"
        f"{selected_project_rule(k, plan.status.is_closed)}"
    )
    summary = "**Votre projet de recrutement**\n" + bullets(_summary(plan))
    details = ["**Financement**\n" + _funding(plan, k), "**Votre OPCO**\n" + _opco(plan, k)]
    steps = bullets(_steps(plan, k))
    sources = [*funding_sources(k), "service_public", "travail_emploi", "decret_article_1"]
    if plan.status.is_closed:
        # Short opening (decision and closure, the selected-project rule, the options), then the detail.
        profile = OptionsProfile(employer_kind=PRIVATE)
        closure = status_sentence(plan.status, k).replace("L'expérimentation", "La VAE inversée", 1)
        opening = (f"**Plus aucun nouveau contrat de VAE inversée ne peut être signé.** {closure}\n"
                   f"{selected_project_rule(k, True)}")
        cap = f"L'expérimentation prévoyait {format_number(exp.parcours_cap)} parcours en tout, pour toute sa durée."
        sections = [opening, options_section(profile, k), "**Le détail de votre projet**\n" + bullets(_summary(plan)),
                    "**Pour mémoire : ce que l'OPCO finançait en VAE inversée**\n" + _funding(plan, k) + "\n" + cap,
                    "**Votre OPCO**\n" + _opco(plan, k),
                    "**Le tutorat, pour tout contrat de professionnalisation**\n" + _tutor(plan, k)]
        sources += [s for s in option_sources(options_for(profile, k), k) if s not in sources]
    else:
        sections = [summary, *details, "**Calendrier**\n" + calendar, "**Les étapes**\n" + steps]
    sections += [
        "C'est une estimation : le montant réel est fixé par votre OPCO.",
        source_line(k, *sources),
    ]
    return "\n\n".join(sections)


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
