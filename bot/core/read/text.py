"""Comparable forms of the visitor's words: lowercase, no accents, single spaces, singular tokens."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

# Dropped from sector phrases and sentences alike, so "chauffeur de bus" matches "chauffeur bus".
FUNCTION_WORDS = frozenset(
    "le la les l un une des du de d a au aux en et dans chez pour sur par avec".split()
)
# Dropped only when a whole answer is read as a sector ("je suis aide-soignante", "dans le BTP").
FILLER_WORDS = frozenset(
    """je j moi suis serai etais ai veux voudrais voudrai souhaite souhaiterais aimerais aimerai
    etre devenir faire travailler travaille bosser bosse metier metiers secteur domaine branche filiere
    activite job poste boulot comme tant que qu c est ce cest ca plutot genre euh ben bah bon alors
    oui vers ou mon ma mes actuellement aujourd hui futur""".split()
)


def strip_accents(text: str) -> str:
    """Lowercase, without accents, ligatures spelled out, typographic apostrophes made plain."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text: str) -> str:
    """Comparable form: lowercase, no accents, words separated by single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", strip_accents(text)).split())


def singular(token: str) -> str:
    if len(token) > 4 and token.endswith("aux"):
        return token[:-3] + "al"
    if len(token) > 3 and token[-1] in "sx":
        return token[:-1]
    return token


def word_tokens(text: str, drop: Iterable[str] = FUNCTION_WORDS) -> list[str]:
    """Normalised, singular tokens without the words in `drop`."""
    dropped = frozenset(drop)
    return [singular(token) for token in normalize(text).split() if token not in dropped]


# Chat and SMS spellings of common words, as visitors type them ("chui au lycee", "jveux un taf"), and their
# standard form: read on `normalize`d text, word by word.
CHAT_SPELLINGS = {
    **dict.fromkeys(("chui", "chuis", "jsui", "jsuis", "jsuie", "jui", "chu", "suis je"), "je suis"),
    **dict.fromkeys(("jveux", "jveu", "jvx", "veu", "jveut"), "je veux"),
    **dict.fromkeys(("jai", "jé", "g"), "j ai"),
    **dict.fromkeys(("jcherche", "jcherch"), "je cherche"),
    **dict.fromkeys(("jbosse", "jtaffe", "jtaf"), "je travaille"),
    **dict.fromkeys(("chomdu", "chomedu", "chomag"), "chomage"),
    **dict.fromkeys(("taf", "taff", "taffe", "boulo"), "travail"),
    **dict.fromkeys(("bosse", "taffe"), "travaille"),
    **dict.fromkeys(("bosser", "taffer"), "travailler"),
    "pr": "pour", "ds": "dans", "bcp": "beaucoup", "tjrs": "toujours", "tt": "tout", "pa": "pas", "ke": "que",
    "koi": "quoi", "dipl": "diplome", "diplom": "diplome", "lycee": "lycee", "lycé": "lycee",
}


def standard_spelling(text: str) -> str:
    """`normalize`d text with chat spellings written out: "chui au lycee" -> "je suis au lycee"."""
    return " ".join(CHAT_SPELLINGS.get(word, word) for word in normalize(text).split())
