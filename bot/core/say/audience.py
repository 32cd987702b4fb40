"""Who a message speaks to: the candidate themselves ("vous"), or an employer about the person they would hire."""

from __future__ import annotations

CANDIDATE = "candidat"
EMPLOYER = "employeur"  # also the value of the `role` slot for a visitor who hires


def audience_of(role: str | None) -> str:
    """The audience for a visitor's `role` slot: EMPLOYER for "employeur", else CANDIDATE."""
    return EMPLOYER if role == EMPLOYER else CANDIDATE
