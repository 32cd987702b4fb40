"""What the bot says about OPCOs: which one to contact for a sector, how the employer finds theirs, who may sign."""

from __future__ import annotations

from bot.core.knowledge import Knowledge, Opco
from bot.core.read.sectors import SectorMatch
from bot.core.say.audience import CANDIDATE, EMPLOYER
from bot.core.say.format import format_number
from bot.core.say.layout import source_line

# How to be sure of the OPCO: the candidate (or anyone asking) is told how the employer finds it; an employer
# making their plan, how they find theirs.
IDCC_CAVEAT = {
    CANDIDATE: (
        "C'est une indication : le bon OPCO est celui de la branche de l'employeur. "
        "L'employeur le trouve grâce à l'IDCC, écrit sur la fiche de paie, ou grâce à son numéro SIRET."
    ),
    EMPLOYER: (
        "C'est une indication : votre OPCO est celui de votre branche. Vous le trouvez grâce au code IDCC "
        "de votre convention collective, écrit sur les fiches de paie, ou grâce à votre numéro SIRET."
    ),
}

# Only private employers may sign (loi n°2022-1598, art. 11): the verdict's reason and the OPCO answer's caveat.
PUBLIC_EMPLOYER_RULE = (
    "un employeur public (hôpital public, mairie, administration) ne peut pas signer ce contrat. "
    "Il faut un employeur privé : une entreprise, une association, une clinique privée."
)
PUBLIC_EMPLOYER_CAVEAT = f"Attention : {PUBLIC_EMPLOYER_RULE}"


def opco_link(opco: Opco) -> str:
    """An OPCO's name in bold with its website."""
    return f"**{opco.name}** ({opco.website})"


def every_opco(k: Knowledge) -> str:
    """How many OPCOs there are, and their names."""
    return f"Il existe {format_number(len(k.opcos))} OPCO : {', '.join(opco.name for opco in k.opcos)}."


def opco_message(match: SectorMatch, k: Knowledge, public_employer: bool = False, audience: str = CANDIDATE) -> str:
    """Which OPCO to contact for a sector, with the employer-branch caveat worded for `audience` (and, for a public
    employer named in the question, that it may not sign the contract)."""
    if match.matched and match.opco_id:
        opco = k.opco(match.opco_id)
        head = f"Pour le secteur {match.label}, l'OPCO est en général {opco_link(opco)}."
    else:
        head = f"Je n'ai pas reconnu ce secteur. {every_opco(k)} Dites-moi le métier visé et je vous indique le bon."
    caveat = IDCC_CAVEAT[audience]
    if public_employer:
        return f"{head}\n\n{PUBLIC_EMPLOYER_CAVEAT}\n\n{caveat}\n\n{source_line(k, 'travail_emploi', 'loi')}"
    return f"{head}\n\n{caveat}\n\n{source_line(k, 'travail_emploi')}"
