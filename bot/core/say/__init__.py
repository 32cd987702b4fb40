"""French messages for verdicts, funding, OPCOs and the experimentation's status (pure functions).

Vouvoiement, short sentences, simple markdown (**bold**, "- " lists). No figure is typed here: every
amount, date, age and count comes from the knowledge data or a computation, through the format
helpers. Every message ends with a "Source : ..." line.
"""

from __future__ import annotations

from bot.core.eligibility import (
    AGE_OK,
    PUBLIC_EMPLOYER,
    SECTOR_NOT_PRIORITY,
    SECTOR_TENSION,
    SECTOR_UNLISTED,
    UNDER_MIN_AGE,
    Verdict,
)
from bot.core.employer import LARGE_SHARE_OF_PARCOURS, NOT_POSITIVE, PUBLIC, TOO_LONG, TOO_MANY, EmployerPlan
from bot.core.funding import MONTHS_PER_YEAR, Coverage, FundingInputError, coverage
from bot.core.knowledge import Knowledge, Opco, load
from bot.core.read import AMBIGUOUS, FUTURE, IMPOSSIBLE, MAX_AGE, NEGATIVE, TOO_YOUNG_TO_BE_TRUE, SectorMatch
from bot.core.say.format import format_date, format_eur, format_number, join_and
from bot.core.status import Status


def _source_line(k: Knowledge, *source_ids: str) -> str:
    return "Source : " + join_and([k.source(source_id).title for source_id in source_ids])


def _funding_sources(k: Knowledge) -> list[str]:
    """The decree for the cap and the costs; the pro-rating has its own (secondary) source."""
    return ["decret"] + ([k.source_of("funding.prorated").id] if k.funding.prorated else [])


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


def closed_reminder(status: Status) -> str | None:
    """One line for an answer that would otherwise read as if the experimentation were still open, once it is
    over (the funding rule, who can benefit…); None while it is not."""
    if status.phase != "closed":
        return None
    unknown = "" if status.extension_known else " ; aucune prolongation n'est connue à ce jour"
    return f"À noter : l'expérimentation couvrait les contrats signés jusqu'au {format_date(status.contracts_until)}{unknown}."


def with_reminder(text: str, reminder: str | None) -> str:
    """`text` with `reminder` as its own paragraph before the closing "Source :" line (at the end without one)."""
    if not reminder:
        return text
    head, separator, source = text.rpartition("Source :")
    if not separator:
        return f"{text.rstrip()}\n\n{reminder}"
    return f"{head.rstrip()}\n\n{reminder}\n\n{separator}{source}"


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
            _source_line(k, *_funding_sources(k)),
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
    return "\n\n".join([_rule_text(k), worked, categories, _source_line(k, *_funding_sources(k))])


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


# Only private employers may sign (loi n°2022-1598, art. 11): the verdict's reason and the OPCO answer's caveat.
PUBLIC_EMPLOYER_RULE = (
    "un employeur public (hôpital public, mairie, administration) ne peut pas signer ce contrat. "
    "Il faut un employeur privé : une entreprise, une association, une clinique privée."
)
PUBLIC_EMPLOYER_CAVEAT = f"Attention : {PUBLIC_EMPLOYER_RULE}"


def opco_message(match: SectorMatch, k: Knowledge, public_employer: bool = False) -> str:
    """Which OPCO to contact for a sector, with the employer-branch caveat (and, for a public employer named in
    the question, that it may not sign the contract)."""
    if match.matched and match.opco_id:
        opco = k.opco(match.opco_id)
        head = f"Pour le secteur {match.label}, l'OPCO est en général {_opco_link(opco)}."
    else:
        opcos = ", ".join(opco.name for opco in k.opcos)
        head = (
            f"Je n'ai pas reconnu ce secteur. Il existe {format_number(len(k.opcos))} OPCO : {opcos}. "
            "Dites-moi le métier visé et je vous indique le bon."
        )
    if public_employer:
        return f"{head}\n\n{PUBLIC_EMPLOYER_CAVEAT}\n\n{_idcc_caveat()}\n\n{_source_line(k, 'travail_emploi', 'loi')}"
    return f"{head}\n\n{_idcc_caveat()}\n\n{_source_line(k, 'travail_emploi')}"


# --------------------------------------------------------------------------- verdict


def _headline(verdict: Verdict) -> str:
    min_age = format_number(verdict.min_age)
    if verdict.eligible:
        if verdict.status.is_closed:
            # Eligible on a closed experimentation is not good news: say both at once.
            return (
                "**Vous remplissez la condition d'âge, mais l'expérimentation est terminée.** "
                f"Elle était ouverte dès {min_age} ans, sans diplôme ni expérience exigés : "
                "voyez le calendrier ci-dessous."
            )
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
        if verdict.status.is_closed:
            return (
                f"**Pas encore** : il faut avoir au moins {min_age} ans, et vous remplirez cette condition {when}. "
                "De plus, l'expérimentation est terminée : voyez le calendrier ci-dessous."
            )
        return f"**Pas encore** : la VAE inversée est ouverte dès {min_age} ans. Vous remplirez cette condition {when}."
    return f"**Il me manque votre âge.** La VAE inversée est ouverte à toute personne d'au moins {min_age} ans."


def _reason_lines(verdict: Verdict) -> list[str]:
    min_age = format_number(verdict.min_age)
    label = verdict.sector.label if verdict.sector else ""
    texts = {
        AGE_OK: f"Âge : la condition des {min_age} ans est remplie. Aucune autre condition n'est demandée.",
        UNDER_MIN_AGE: f"Âge : il faut avoir au moins {min_age} ans.",
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
        if verdict.status.is_closed:
            return [
                "Quand vous aurez l'âge requis, demandez à un conseiller France Travail si l'expérimentation a été "
                "prolongée, ou ce qui existe alors pour se former en travaillant.",
                "D'ici là, renseignez-vous sur les métiers qui vous attirent.",
            ]
        return [
            "Revenez vers nous quand vous aurez l'âge requis.",
            "D'ici là, renseignez-vous sur les métiers qui vous attirent.",
        ]
    contact = "Contactez l'OPCO indiqué ci-dessus" if verdict.opco else "Contactez l'OPCO du secteur visé"
    if verdict.status.is_closed:
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
    return _verdict_sections(verdict, cover, k, _headline(verdict), _next_steps(verdict))


def _verdict_sections(verdict: Verdict, cover: Coverage | None, k: Knowledge, headline: str,
                      next_steps: list[str]) -> str:
    """The sections of a verdict, whoever it is phrased for."""
    reasons = _reason_lines(verdict)
    sections = [headline + (f"\n{_bullets(reasons)}" if reasons else "")]
    sections.append(f"**Calendrier**\n{_status_text(verdict.status, k)}")
    if verdict.eligible is not False:
        funding = _split_text(cover, k) if cover else _rule_text(k)
        sections += [f"**Financement**\n{funding}", f"**Votre OPCO**\n{_opco_text(verdict, k)}"]
    sections.append(f"**Prochaines étapes**\n{_bullets(next_steps)}")
    sources = (_funding_sources(k) if verdict.eligible is not False else ["decret"]) + (
        [verdict.sector.tension_source] if verdict.sector else []
    )
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
    if problem == IMPOSSIBLE:
        return (f"Cet âge ou cette date de naissance n'est pas possible (plus de {format_number(MAX_AGE)} ans, "
                "ou une date qui n'existe pas). Pouvez-vous vérifier ?")
    if problem == NEGATIVE:
        return "Un âge ne peut pas être négatif. Indiquez votre âge en chiffres, par exemple « 24 »."
    if problem == TOO_YOUNG_TO_BE_TRUE:
        return "Cet âge paraît bien jeune : s'agit-il d'une faute de frappe ? Indiquez votre âge, par exemple « 24 »."
    return "Je n'ai pas compris votre âge. Indiquez-le en chiffres ou donnez votre date de naissance."


# --------------------------------------------------------------------------- employers


def _plain(text: str) -> str:
    """A visitor's words shown back: one line, no markdown emphasis."""
    return " ".join(text.replace("*", " ").replace("_", " ").split())


def _count(value: int, singular: str, plural: str) -> str:
    return f"{format_number(value)} {singular if value == 1 else plural}"


def _employer_summary(plan: EmployerPlan) -> list[str]:
    request = plan.request
    lines = [f"Secteur : {plan.sector.label}" if plan.sector else "Secteur : non reconnu"]
    if request.jobs:
        lines.append(f"Postes : {_plain(request.jobs)}")
    if request.hires:
        lines.append(f"Recrutements : {format_number(request.hires)}")
    if not plan.months_assumed:
        lines.append(f"Durée des contrats : {_months(plan.months)}")
    if request.company_size:
        lines.append(f"Taille de l'entreprise : {_count(request.company_size, 'salarié', 'salariés')}")
    return lines


def _large_request(hires: int | None, k: Knowledge) -> list[str]:
    """A word on a number of hires that would take a large part of the whole experimentation's parcours."""
    cap = k.experimentation.parcours_cap
    if not hires or hires < cap * LARGE_SHARE_OF_PARCOURS:
        return []
    share = "tous les" if hires >= cap else f"{format_number(round(100 * hires / cap))} % des"
    return [f"Attention : {format_number(hires)} recrutements, c'est {share} {format_number(cap)} parcours prévus pour "
            "toute l'expérimentation, toutes entreprises confondues. Vérifiez d'abord avec votre OPCO ce qu'il peut "
            "financer."]


def _employer_funding(plan: EmployerPlan, k: Knowledge) -> str:
    cap = format_eur(k.funding.annual_cap_eur)
    prorata = ", au prorata de la durée" if k.funding.prorated and plan.months != MONTHS_PER_YEAR else ""
    lines = []
    if plan.months_assumed:
        lines.append(f"Sans durée indiquée, je compte des contrats de {_months(plan.months)}.")
    lines.append(
        f"Pour un parcours de {_months(plan.months)}, votre OPCO peut financer jusqu'à "
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
    categories = _bullets([category.label for category in k.funding.covered_categories])
    return "\n".join(lines) + "\n\nCe que l'OPCO peut financer :\n" + categories


def _employer_opco(plan: EmployerPlan, k: Knowledge) -> str:
    caveat = (
        "C'est une indication : votre OPCO est celui de votre branche. Vous le trouvez grâce au code IDCC "
        "de votre convention collective, écrit sur les fiches de paie, ou grâce à votre numéro SIRET."
    )
    if plan.opco and plan.sector:
        return f"Pour le secteur {plan.sector.label} : {_opco_link(plan.opco)}.\n{caveat}"
    return (
        f"Je n'ai pas reconnu votre secteur. Il existe {format_number(len(k.opcos))} OPCO : "
        f"{', '.join(opco.name for opco in k.opcos)}.\n{caveat}"
    )


def _employer_steps(plan: EmployerPlan, k: Knowledge) -> list[str]:
    tutoring = k.tutoring
    tutor = (
        f"Désignez un tuteur pour chaque personne : un salarié qui a au moins "
        f"{_count(tutoring.min_experience_years, 'an', 'ans')} d'expérience en lien avec le métier, ou vous-même. "
        f"Un tuteur suit au plus {format_number(tutoring.max_trainees_per_tutor)} personnes à la fois "
        f"({format_number(tutoring.max_trainees_employer_tutor)} si c'est vous)."
    )
    if plan.tutors_needed and plan.request.hires and plan.request.hires > 1:
        tutor += (
            f" Pour {format_number(plan.request.hires)} recrutements, prévoyez au moins "
            f"{_count(plan.tutors_needed, 'tuteur', 'tuteurs')}."
        )
    if plan.status.is_closed:
        check = (
            "Demandez d'abord à votre OPCO si l'expérimentation a été prolongée : sans prolongation, un contrat "
            f"signé après le {format_date(plan.status.contracts_until)} n'en relève pas."
        )
        first = [check, "Choisissez les postes et la certification visée : un diplôme, un titre, un CQP, "
                        "ou des blocs de compétences."]
    else:
        first = [
            "Choisissez les postes et la certification visée : un diplôme, un titre, un CQP, "
            "ou des blocs de compétences.",
            "Contactez votre OPCO : il confirme le financement et vous dit si le dispositif est ouvert à la date "
            "de signature.",
        ]
    return [
        *first,
        f"Trouvez vos candidats, par exemple avec France Travail. Ils doivent avoir au moins "
        f"{format_number(k.min_age)} ans ; aucun diplôme ni expérience n'est exigé.",
        f"Signez un contrat de professionnalisation allégé : sans durée minimale, jusqu'à "
        f"{_months(k.contract.max_months)}.",
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
        f"{_status_text(plan.status, k)} L'expérimentation {'prévoyait' if plan.status.is_closed else 'prévoit'} "
        f"{format_number(exp.parcours_cap)} parcours en tout, pour toute sa durée."
    )
    summary = "**Votre projet de recrutement**\n" + _bullets(_employer_summary(plan))
    details = ["**Financement**\n" + _employer_funding(plan, k), "**Votre OPCO**\n" + _employer_opco(plan, k)]
    steps = _bullets(_employer_steps(plan, k))
    if plan.status.is_closed:
        # The calendar first: the rest only holds if the experimentation is extended.
        sections = [summary, "**Calendrier**\n" + calendar, *details,
                    "**Les étapes, si l'expérimentation est prolongée**\n" + steps]
    else:
        sections = [summary, *details, "**Calendrier**\n" + calendar, "**Les étapes**\n" + steps]
    sections += [
        "C'est une estimation : le montant réel est fixé par votre OPCO.",
        _source_line(k, *_funding_sources(k), "service_public", "travail_emploi"),
    ]
    return "\n\n".join(sections)


def excluded_employer_message(kind: str, k: Knowledge) -> str:
    """Plain answer to a public employer or a private individual: not open to them, and what exists instead."""
    excluded = list(k.contract.excluded_employers)
    listed = join_and(excluded)
    france_vae = k.source("france_vae")
    who = "aux employeurs publics" if kind == PUBLIC else "aux particuliers employeurs"
    head = (
        f"**La VAE inversée n'est pas ouverte {who}.** Elle passe par un contrat de professionnalisation, "
        f"que seuls les employeurs privés (entreprises, associations) peuvent signer. Ne peuvent pas le signer : "
        f"{listed}."
    )
    if kind == PUBLIC:
        options = [f"Vos agents ou salariés peuvent faire une VAE classique avec France VAE ({france_vae.url})."]
        sources = ["loi", "service_public", "france_vae"]
        if k.contract.public_employers_apprenticeship:
            alternance = k.source("alternance_public")
            options.insert(
                0,
                "Pour recruter et former, un employeur public peut signer un **contrat d'apprentissage**. "
                f"Renseignez-vous sur le portail de l'alternance ({alternance.url}).",
            )
            sources.append("alternance_public")
    else:
        options = [
            f"La personne que vous employez peut faire reconnaître son expérience par une VAE classique, "
            f"avec France VAE ({france_vae.url}).",
            "Pour recruter, un conseiller France Travail peut vous orienter : https://www.francetravail.fr",
        ]
        sources = ["loi", "service_public", "france_vae"]
    return "\n\n".join([head, "**Ce qui existe pour vous**\n" + _bullets(options), _source_line(k, *sources)])


def _employer_headline(verdict: Verdict) -> str:
    min_age = format_number(verdict.min_age)
    if verdict.eligible:
        if verdict.status.is_closed:
            return (
                "**Cette personne remplit la condition d'âge, mais l'expérimentation est terminée.** "
                f"Elle était ouverte dès {min_age} ans, sans diplôme ni expérience exigés : "
                "voyez le calendrier ci-dessous."
            )
        return (
            "**Bonne nouvelle : cette personne remplit la condition d'âge.** "
            f"Vous pouvez la recruter en VAE inversée dès {min_age} ans, sans diplôme ni expérience exigés."
        )
    if verdict.eligible is False:
        when = f"le {format_date(verdict.turns_16_on)}" if verdict.turns_16_on else f"le jour de ses {min_age} ans"
        if verdict.status.is_closed:
            return (
                f"**Pas encore** : il faut avoir au moins {min_age} ans, et cette personne remplira cette condition "
                f"{when}. De plus, l'expérimentation est terminée : voyez le calendrier ci-dessous."
            )
        return f"**Pas encore** : la VAE inversée est ouverte dès {min_age} ans. Cette personne remplira cette condition {when}."
    return f"**Il me manque l'âge de la personne.** La VAE inversée est ouverte à toute personne d'au moins {min_age} ans."


def _employer_next_steps(verdict: Verdict) -> list[str]:
    if verdict.eligible is None:
        return ["Indiquez l'âge ou la date de naissance de la personne pour une réponse complète."]
    if verdict.eligible is False:
        if verdict.status.is_closed:
            return ["Si l'expérimentation est prolongée, vous pourrez signer le contrat quand la personne aura l'âge "
                    "requis : demandez-le à votre OPCO."]
        return ["Vous pourrez signer le contrat quand la personne aura l'âge requis."]
    plan = "Pour préparer votre recrutement (étapes, financement pour vos chiffres, OPCO), écrivez « je suis employeur »."
    if verdict.status.is_closed:
        return [
            "Demandez à votre OPCO si l'expérimentation a été prolongée avant de signer.",
            "Pour la personne, la VAE classique reste possible avec France VAE.",
            plan,
        ]
    return [
        "Choisissez avec la personne la certification ou les blocs de compétences visés.",
        "Contactez votre OPCO pour le financement, puis signez un contrat de professionnalisation allégé "
        "et désignez un tuteur.",
        plan,
    ]


def employer_verdict_message(verdict: Verdict, cover: Coverage | None, k: Knowledge) -> str:
    """Eligibility answer for an employer checking a future hire: about "cette personne", with the employer's steps."""
    return _verdict_sections(verdict, cover, k, _employer_headline(verdict), _employer_next_steps(verdict))


def verdict_message_for(role: str | None, verdict: Verdict, cover: Coverage | None, k: Knowledge) -> str:
    """The eligibility answer phrased for the visitor's role ("employeur", else the candidate's wording)."""
    if role == "employeur":
        return employer_verdict_message(verdict, cover, k)
    return verdict_message(verdict, cover, k)


def hires_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """Why a number of hires was not taken (the form then asks its question again)."""
    k = k or load()
    if problem == NOT_POSITIVE:
        return "Il faut au moins une personne."
    if problem == TOO_MANY:
        return (
            f"C'est plus que les {format_number(k.experimentation.parcours_cap)} parcours prévus pour toute "
            "l'expérimentation. Pouvez-vous vérifier ce nombre ?"
        )
    return "Je n'ai pas compris le nombre : écrivez-le en chiffres ou en lettres, par exemple « trois »."


def contract_months_problem_message(problem: str | None, k: Knowledge | None = None) -> str:
    """Why a contract duration was not taken (the form then asks its question again)."""
    k = k or load()
    if problem == NOT_POSITIVE:
        return "La durée doit être d'au moins un mois."
    if problem == TOO_LONG:
        return (
            f"Le contrat allégé dure au plus {_months(k.contract.max_months)}. "
            "Indiquez une durée plus courte."
        )
    return "Je n'ai pas compris la durée. Indiquez un nombre de mois, par exemple « douze mois » ou « un an »."


__all__ = [
    "age_problem_message",
    "contract_months_problem_message",
    "employer_plan_message",
    "employer_verdict_message",
    "excluded_employer_message",
    "hires_problem_message",
    "funding_input_problem_message",
    "funding_message",
    "funding_rule_message",
    "opco_message",
    "status_message",
    "verdict_message",
    "verdict_message_for",
]
