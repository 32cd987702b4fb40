"""What the bot says about where the experimentation stands: not started, open (days left) or closed."""

from __future__ import annotations

from bot.core.knowledge import Knowledge
from bot.core.say.format import format_date, format_number
from bot.core.say.layout import source_line
from bot.core.status import Status


def status_text(status: Status, k: Knowledge) -> str:
    """The calendar in a few sentences (also the "Calendrier" section of a verdict and of an employer's plan)."""
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
    text = f"L'expérimentation couvrait les contrats signés du {start} au {end}."
    if not status.extension_known:
        checked = k.facts["experimentation.extension_known"].checked or k.reviewed
        text += (f" Au {format_date(checked)}, aucune prolongation n'est connue : "
                 "plus aucun nouveau contrat ne peut être signé dans ce cadre.")
    return text


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
    return f"{status_text(status, k)}\n\n{source_line(k, 'decret')}"
