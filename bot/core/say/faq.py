"""The figures, dates and names that fill the `{name}` placeholders of the FAQ answers (and of the demo page)."""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.employer import selected_project_rule
from bot.core.say.format import (
    format_date,
    format_eur,
    format_number,
    format_percent,
    join_and,
    number_in_words,
)
from bot.core.say.status import status_text
from bot.core.status import Status, experimentation_status, reference_date

# How to start, by phase: once closed, what to do instead; before, the first steps inside a selected project.
START = {
    "candidate": {
        "closed": ("Pour vous former en travaillant aujourd'hui, voyez l'apprentissage, le contrat de "
                   "professionnalisation ou la VAE avec France VAE."),
        "open": ("Pour commencer : choisissez la certification visée, puis un employeur qui recrute dans l'un de ces "
                 "projets ; l'OPCO du secteur vous dit lesquels."),
    },
    "employer": {
        "closed": ("Pour recruter et former aujourd'hui : le contrat de professionnalisation, financé par votre "
                   "OPCO, ou l'apprentissage."),
        "open": ("Pour commencer : contactez votre OPCO, qui vous dit par quel projet retenu passer, puis signez un "
                 "contrat de professionnalisation allégé et désignez un tuteur."),
    },
}


def faq_placeholders(k: Knowledge, status: Status | None = None) -> dict[str, str]:
    """Values for the `{name}` placeholders of FAQ responses (names fixed by the contract). Those about the
    signing window follow `status` (by default, on the reference date): "couvrait" once closed, "couvre" before."""
    exp, pay = k.experimentation, k.pay
    values = {
        "min_age": format_number(k.min_age),
        "annual_cap": format_eur(k.funding.annual_cap_eur),
        "parcours_cap": format_number(exp.parcours_cap),
        "max_contract_months": format_number(k.contract.max_months),
        "contracts_from": format_date(exp.contracts_from),
        "contracts_until": format_date(exp.contracts_until),
        "experimentation_years": number_in_words(exp.duration_years),
        "arrete_date": format_date(exp.arrete_date),
        "call_for_projects_date": format_date(exp.call_for_projects_date),
        "opco_count": format_number(len(k.opcos)),
        "opco_names": ", ".join(opco.name for opco in k.opcos),
        "ministry": k.ministry,
        "pay_under_21": format_percent(pay.under_21_pct),
        "pay_under_21_bac": format_percent(pay.under_21_bac_pct),
        "pay_21_25": format_percent(pay.from_21_to_25_pct),
        "pay_21_25_bac": format_percent(pay.from_21_to_25_bac_pct),
        "pay_26_plus": (
            f"le SMIC et au moins {format_percent(pay.from_26_branch_minimum_pct)} du minimum de la branche"
        ),
        "std_contract_min_months": format_number(k.contract.standard_min_months),
        "std_contract_max_months": format_number(k.contract.standard_max_months),
        "aid_26_plus": format_eur(k.employer_aids.aid_26_plus_eur),
        "aid_45_plus": format_eur(k.employer_aids.aid_45_plus_eur),
        "employer_aids_period": join_and([str(year) for year in k.employer_aids.years]),
        "tutor_max_trainees": number_in_words(k.tutoring.max_trainees_per_tutor),
        "tutor_max_trainees_employer": number_in_words(k.tutoring.max_trainees_employer_tutor),
        "tutor_min_experience_years": number_in_words(k.tutoring.min_experience_years),
    }
    values.update(_option_placeholders(k))
    values.update(_period_placeholders(k, status or experimentation_status(reference_date(), k)))
    values.update({f"src_{source.id}": source.title for source in k.sources.values()})
    return values


def _period_placeholders(k: Knowledge, status: Status) -> dict[str, str]:
    """The sentences whose tense follows the experimentation's phase (upcoming is worded as open)."""
    phase = "closed" if status.is_closed else "open"
    return {
        "status_now": status_text(status, k),
        "selected_project_rule": selected_project_rule(k, status.is_closed),
        "candidate_start": START["candidate"][phase],
        "employer_start": START["employer"][phase],
    }


def _option_placeholders(k: Knowledge) -> dict[str, str]:
    """What remains after the experimentation: ages, dates and addresses of the options (knowledge `options`)."""
    o = k.options
    checked = k.facts["experimentation.extension_known"].checked or k.reviewed
    values = {
        "extension_checked": format_date(checked),
        "selected_projects_carriers": join_and(list(o["selected_projects"]["carriers"])),
        "signed_in_window_max_months": format_number(o["signed_in_window"]["max_months"]),
        "contrat_pro_youth_min_age": format_number(o["contrat_pro"]["youth_min_age"]),
        "contrat_pro_youth_max_age": format_number(o["contrat_pro"]["youth_max_age"]),
        "contrat_pro_job_seekers_from_age": format_number(o["contrat_pro"]["job_seekers_from_age"]),
        "contrat_pro_minima": join_and(list(o["contrat_pro"]["minima_sociaux"])).replace(" et ", " ou "),
        "apprentissage_min_age": format_number(o["apprentissage"]["min_age"]),
        "apprentissage_max_age": format_number(o["apprentissage"]["max_age"]),
        "apprentissage_after_college_age": format_number(o["apprentissage"]["min_age_after_college"]),
        "vae_cpf_from": format_date(o["vae"]["cpf_whole_parcours_from"]),
        "vae_conge_hours": format_number(o["vae"]["conge_hours"]),
        "mission_locale_min_age": format_number(o["mission_locale"]["min_age"]),
        "mission_locale_max_age": format_number(o["mission_locale"]["max_age"]),
        "aid_exceptionnelle_ended": format_date(o["employer"]["aid_exceptionnelle_ended"]),
    }
    values.update({f"url_{option_id}": facts["where"] for option_id, facts in o.items() if "where" in facts})
    return values
