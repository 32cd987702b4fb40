"""The figures, dates and names that fill the `{name}` placeholders of the FAQ answers (and of the demo page)."""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.format import (
    format_date,
    format_eur,
    format_number,
    format_percent,
    join_and,
    number_in_words,
)


def faq_placeholders(k: Knowledge) -> dict[str, str]:
    """Values for the `{name}` placeholders of FAQ responses (names fixed by the contract)."""
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
    }
    values.update(_option_placeholders(k))
    values.update({f"src_{source.id}": source.title for source in k.sources.values()})
    return values


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
