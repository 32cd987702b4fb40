"""The one result type of reading: what was read from a message for one question, or why nothing could be."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Reading:
    """A value read from the visitor's words, the other answers read with it, or the problem that prevented it.

    `problem` is what the visitor is told (or a code the say floor words), None when a value was read or when the
    message simply holds no such answer. `recognised` is False for a free-text answer kept as it came (an unknown
    job): a question or another answer in the same message wins over it.
    """

    value: Any = None
    extra: Mapping[str, Any] | None = None
    problem: str | None = None
    recognised: bool = True

    @property
    def found(self) -> bool:
        return self.value is not None


# Problem codes shared by the parsers (each parser adds its own, e.g. the age's "future"); the say floor words them.
UNCLEAR = "unclear"  # nothing of the kind in the text
NOT_POSITIVE = "not_positive"  # zero or negative where a positive figure is needed
TOO_MANY = "too_many"  # more hires than parcours in the whole experimentation
TOO_LONG = "too_long"  # longer than the allégé contract's maximum
