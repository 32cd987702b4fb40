"""The slot names and values that several forms and actions share (see the slots of domain.yml)."""
from __future__ import annotations

from typing import Any, Mapping

# The `pending_question` slot: what the assistant has just asked outside a form.
PENDING = "pending_question"
PENDING_OPCO_SECTOR = "opco_sector"
PENDING_FUNDING_FIGURES = "funding_figures"

# The `role` slot's values.
EMPLOYER_ROLE = "employeur"
CANDIDATE_ROLE = "candidat"
# Answers of the employer form that only an employer gave: whoever has one was welcomed already.
RETURNING_EMPLOYER_SLOTS = ("jobs_to_fill", "hires", "contract_months")


def returning_employer(slots: Mapping[str, Any]) -> bool:
    """An employer who has answered the employer form before (and may be back to change an answer)."""
    return (slots.get("role") == EMPLOYER_ROLE
            and any(slots.get(slot) is not None for slot in RETURNING_EMPLOYER_SLOTS))

# The `last_answer` slot: which answer was given last, for a short follow-up ("et pour une boulangerie ?", "et
# après ?", bot/core/dialogue/followup.py). Its kinds; a FAQ answer is "faq/<key>".
LAST_ANSWER = "last_answer"
OPCO_ANSWER, FUNDING_ANSWER, VERDICT_ANSWER, PLAN_ANSWER, FAQ_ANSWER = "opco", "funding", "verdict", "plan", "faq"
ANSWER_KINDS = (OPCO_ANSWER, FUNDING_ANSWER, VERDICT_ANSWER, PLAN_ANSWER, FAQ_ANSWER)


def answered(kind: str, key: str | None = None) -> dict[str, str]:
    """The slot value an answering decision sets: the kind of answer it gave (with its key for a FAQ answer)."""
    return {LAST_ANSWER: f"{kind}/{key}" if key else kind}
