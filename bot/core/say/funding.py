"""What the bot says about the OPCO's funding: the rule with a worked example, and a simulation's result."""

from __future__ import annotations

from bot.core.funding import MONTHS_PER_YEAR, Coverage, coverage
from bot.core.knowledge import Knowledge
from bot.core.say.audience import CANDIDATE, EMPLOYER
from bot.core.say.format import format_eur, format_months
from bot.core.say.layout import bullets, source_line


def funding_sources(k: Knowledge) -> list[str]:
    """The decree for the cap and the costs; the pro-rating has its own (secondary) source."""
    return ["decret"] + ([k.source_of("funding.prorated").id] if k.funding.prorated else [])


def covered_costs(labels: list[str]) -> str:
    """The list of what the OPCO can pay for, under its heading."""
    return "Ce que l'OPCO peut financer :\n" + bullets(labels)


# Who pays what the OPCO does not, by audience: the candidate is told "the employer", an employer "you".
REMAINDER = {
    CANDIDATE: ("Au-delà, le reste est à financer autrement, par exemple par l'employeur.",
                "par l'employeur ou un autre financement"),
    EMPLOYER: ("Au-delà, le reste est à votre charge ou à financer autrement.",
               "à votre charge ou par un autre financement"),
}


def rule_text(k: Knowledge, audience: str = CANDIDATE) -> str:
    """The funding rule in two sentences (also a verdict's "Financement" section without a simulation)."""
    prorata = ", au prorata de la durée du contrat" if k.funding.prorated else ""
    return (
        f"L'OPCO finance le parcours dans la limite de {format_eur(k.funding.annual_cap_eur)} par an{prorata}. "
        f"{REMAINDER[audience][0]}"
    )


def split_text(cover: Coverage, k: Knowledge, audience: str = CANDIDATE) -> str:
    """A simulation's figures: the cost, what the OPCO can pay, what is left (also a verdict's section)."""
    cap = format_eur(cover.annual_cap)
    prorated = k.funding.prorated and cover.months != MONTHS_PER_YEAR
    prorata = f", au prorata de {format_months(cover.months)}" if prorated else ""
    lines = [
        f"Coût du parcours : {format_eur(cover.cost)} sur {format_months(cover.months)}.",
        f"L'OPCO peut financer jusqu'à {format_eur(cover.opco_max)} ({cap} par an{prorata}).",
    ]
    if cover.within_cap:
        lines.append("Votre budget tient dans la limite : l'OPCO peut le financer en entier.")
    else:
        lines.append(
            f"Part de l'OPCO : {format_eur(cover.opco_share)}. Reste à financer : {format_eur(cover.remainder)}, "
            f"{REMAINDER[audience][1]}. Voyez-le avec l'OPCO."
        )
    return "\n".join(lines)


def funding_message(cover: Coverage, k: Knowledge) -> str:
    """Result of a funding simulation, with what the OPCO can pay for."""
    return "\n\n".join(
        [
            "**Simulation du financement**\n" + split_text(cover, k),
            covered_costs(list(cover.covered_categories)),
            "C'est une estimation : le montant réel est fixé par l'OPCO.",
            source_line(k, *funding_sources(k)),
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
        f"Exemple : un parcours de {format_months(example.months)} qui coûte {format_eur(example.cost)}. "
        f"L'OPCO peut financer jusqu'à {format_eur(example.opco_max)}, donc {outcome}."
    )
    categories = covered_costs([category.label for category in k.funding.covered_categories])
    return "\n\n".join([rule_text(k), worked, categories, source_line(k, *funding_sources(k))])
