"""What the bot says to a short follow-up: whether a sector counts among those the scheme names ("et l'informatique,
ça compte ?"), and the next step after each kind of answer ("et après ?")."""
from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.read.sectors import SectorMatch
from bot.core.say.layout import source_line
from bot.core.say.opco import opco_link

# "Et après ?" while the experimentation is open: the step that follows each kind of answer (the kinds of the
# `last_answer` slot, bot/core/dialogue/slots.py).
NEXT_STEPS = {
    "opco": ("La suite : l'employeur qui vous recrute contacte cet OPCO pour faire financer le parcours, avant de "
           "signer le contrat de professionnalisation. Pour savoir si la VAE inversée vous est ouverte, faites le "
           "test d'éligibilité."),
    "funding": ("La suite : l'employeur demande la prise en charge à son OPCO, qui confirme le montant avant la "
              "signature du contrat. Au-delà, le reste est à financer autrement, par exemple par l'employeur."),
    "verdict": ("La suite : trouvez un employeur privé qui recrute dans ce métier, choisissez ensemble la "
              "certification visée, puis l'employeur contacte son OPCO pour le financement avant de signer le "
              "contrat de professionnalisation."),
    "plan": ("La suite : contactez votre OPCO avec ces chiffres pour faire valider le financement, choisissez avec "
           "chaque personne la certification visée, puis signez le contrat de professionnalisation et désignez "
           "un tuteur."),
    "faq": ("Pour aller plus loin : faites le test d'éligibilité, demandez-moi quel OPCO contacter pour un métier, "
          "ou simulez le financement d'un parcours."),
}
# After the experimentation's end, whatever came before: what remains possible (the options answer follows).
NEXT_WHEN_CLOSED = "La suite : voici ce qui reste possible aujourd'hui."
NEXT_BUTTONS = [
    {"title": "Suis-je éligible ?", "payload": "Suis-je éligible ?"},
    {"title": "Trouver mon OPCO", "payload": "Quel est mon OPCO ?"},
    {"title": "Simuler le financement", "payload": "Simuler le financement"},
]


def same_opco_message(match: SectorMatch, k: Knowledge) -> str:
    """A follow-up that names another place or job of the sector just answered."""
    sector = k.sector(match.sector_id)
    return (f"C'est aussi le secteur {sector.label} : l'OPCO est le même, en général "
            f"{opco_link(k.opco(sector.opco_id))}.\n\n{source_line(k, 'travail_emploi')}")


def sector_concerned_message(match: SectorMatch, k: Knowledge) -> str:
    """Whether the sector is among those the scheme's sources name as a priority (none is excluded), its OPCO,
    and the source of the priority list."""
    sector = k.sector(match.sector_id)
    if sector.tension:
        head = (f"Oui : le secteur {sector.label} fait partie des secteurs qui peinent à recruter, le public visé en "
                "priorité par la VAE inversée.")
    else:
        head = (f"Le secteur {sector.label} n'est pas parmi les secteurs que nos sources citent en priorité, mais "
                "il n'est pas exclu : aucun secteur ne l'est.")
    opco = f"Son OPCO est en général {opco_link(k.opco(sector.opco_id))}."
    return f"{head} {opco}\n\n{source_line(k, sector.tension_source)}"
