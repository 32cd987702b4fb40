"""Reading the visitor's words: every parser of the product, one module per kind of answer.

- text.py       comparable forms (no accents, single spaces, singular tokens)
- numbers.py    numbers in digits or in words
- durations.py  durations ("18 mois", "un an et demi", "6 semaines") and a contract's length
- age.py        ages, birth dates and years, age ranges
- money.py      a cost and its period
- sectors.py    jobs and sectors (exact phrase, then typo-tolerant)
- profile.py    a candidate's goal and situation
- hiring.py     an employer's hires, jobs and company size
- speaker.py    who is speaking: an employer or not, and which kind
- changes.py    requests to change an answer
- reading.py    Reading, the result type, and the problem codes the parsers share

Nothing here raises on what a visitor types: a parser returns a value or a problem code, and the caller decides
what to ask next. Nothing here imports the rules or the wording.
"""
# Transitional re-exports while the other floors move to the modules above (removed once they have).
from bot.core.read.age import (AMBIGUOUS, FUTURE, IMPOSSIBLE, MAX_AGE, NEGATIVE, TOO_YOUNG_TO_BE_TRUE,  # noqa: F401
                               AgeParse, age_on, parse_age)
from bot.core.read.changes import ANY_ANSWER, requested_change  # noqa: F401
from bot.core.read.money import MIN_BARE_AMOUNT_EUR, MoneyParse, parse_money  # noqa: F401
from bot.core.read.profile import parse_goal, parse_situation  # noqa: F401
from bot.core.read.reading import UNCLEAR, Reading  # noqa: F401
from bot.core.read.sectors import OTHER_SECTOR, SectorMatch, find_sector_in, known_sector_match, parse_sector  # noqa: F401
from bot.core.read.text import normalize, strip_accents  # noqa: F401
