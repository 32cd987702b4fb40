"""The greeting: who the assistant is, where the experimentation stands in one sentence, and a choice."""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.buttons import GREETING_BUTTONS_CLOSED, GREETING_BUTTONS_OPEN
from bot.core.say.format import format_date
from bot.core.status import Status


def status_sentence(status: Status, k: Knowledge) -> str:
    """One sentence: until when contracts could be signed and, once over, that no extension is known as of the
    facts' last check (a date from the knowledge data)."""
    end = format_date(status.contracts_until)
    if status.phase != "closed":
        return f"L'expérimentation couvre les contrats signés jusqu'au {end}."
    if status.extension_known:
        return f"L'expérimentation, prolongée, couvrait les contrats signés jusqu'au {end}."
    checked = k.facts["experimentation.extension_known"].checked or k.reviewed
    return (f"L'expérimentation couvrait les contrats signés jusqu'au {end} ; "
            f"au {format_date(checked)}, aucune prolongation n'est connue.")


def greeting(status: Status, k: Knowledge) -> tuple[str, list[dict[str, str]]]:
    """The greeting's text and buttons."""
    hello = "Bonjour ! Je suis l'assistant de la VAE inversée."
    if status.phase == "closed":
        return (f"{hello} {status_sentence(status, k)} Voulez-vous en savoir plus sur le dispositif, "
                "ou voir ce qui reste possible aujourd'hui ?", GREETING_BUTTONS_CLOSED)
    return (f"{hello} {status_sentence(status, k)} Je peux vous expliquer le dispositif, vérifier si vous pouvez "
            "en bénéficier et vous dire comment il est financé.", GREETING_BUTTONS_OPEN)
