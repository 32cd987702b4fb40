"""The one result type of reading: what was read from a message for one question, or why nothing could be.

Every parser's result is a `Reading`: the form's readers build one directly; the parsers of bot/core/read return
a subclass that names its details (an age's birth date, a sector's label…), kept in `extra`.
"""
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

    @property
    def ok(self) -> bool:
        """A usable value: read, and with no problem."""
        return self.problem is None and self.value is not None

    def __hash__(self) -> int:  # `extra` is a mapping: hashed by its items
        return hash((type(self), self.value, tuple(sorted((self.extra or {}).items())), self.problem, self.recognised))


def detail(name: str, doc: str = "") -> property:
    """A parser's detail, kept in `Reading.extra`, read as an attribute of its result (`parsed.birth_date`)."""
    return property(lambda reading: (reading.extra or {}).get(name), doc=doc or name)


# Problem codes shared by the parsers (each parser adds its own, e.g. the age's "future"); the say floor words them.
UNCLEAR = "unclear"  # nothing of the kind in the text
NOT_POSITIVE = "not_positive"  # zero or negative where a positive figure is needed
TOO_MANY = "too_many"  # more hires than parcours in the whole experimentation
TOO_LONG = "too_long"  # longer than the allégé contract's maximum
