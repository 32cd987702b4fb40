"""Numbers in the visitor's words: written in digits (with French thousands separators) or in words."""
from __future__ import annotations

import re

from text_to_num import alpha2digit

from bot.core.read.text import strip_accents

# A whole number as French writes it: "12000", "12 000" (plain, no-break or narrow no-break space).
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"


def words_to_digits(text: str, small: bool = False) -> str:
    """`text` without accents, numbers in words written in digits ("dix-neuf ans" -> "19 ans"). Numbers under
    three ("un", "deux") stay words unless `small`: "un fils de 5 ans" holds no age of one."""
    return alpha2digit(strip_accents(text), "fr", threshold=0) if small else alpha2digit(strip_accents(text), "fr")


def digits(text: str) -> str:
    """Every number in digits ("trois" -> "3", "un an" -> "1 an"), lowercase, no accents, apostrophes and
    punctuation as single spaces (digits, decimal marks, % and € kept)."""
    converted = words_to_digits(text, small=True)
    return " ".join(re.sub(r"[^a-z0-9.,%€]+", " ", converted.replace("€", " eur ")).split())


def to_int(number: str) -> int:
    """A whole number written with thousands separators: "12 000" -> 12000."""
    return int(re.sub(r"\D", "", number))
