"""Masking of the personal data a visitor may type (RGPD), applied before anything reaches the store.

Pure functions, no Rasa import. What is masked: e-mail addresses, phone numbers, social security
numbers (NIR), IBANs and postal addresses. What is kept: ages, amounts, dates, decree numbers, sectors,
because the dialogue and the review need them. When in doubt between a number someone could be
identified by and a figure, the patterns prefer masking identifiers (a SIRET looks like a NIR).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

EMAIL_TOKEN = "[e-mail masqué]"
PHONE_TOKEN = "[téléphone masqué]"
NIR_TOKEN = "[n° de sécurité sociale masqué]"
IBAN_TOKEN = "[IBAN masqué]"
ADDRESS_TOKEN = "[adresse masquée]"
TOKENS = (EMAIL_TOKEN, PHONE_TOKEN, NIR_TOKEN, IBAN_TOKEN, ADDRESS_TOKEN)

_SEP = r"[ .\-]?"  # what people put between digit groups

EMAIL = re.compile(r"[\w.+\-'’]+(?:@|\s?[(\[]at[)\]]\s?)[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")

# Country code and check digits, then groups of four capitals or digits (spaces optional).
IBAN = re.compile(r"(?<![\w])(?i:[A-Z]{2})\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])")

# Sex (1, 2, or 3/4/7/8 for special and provisional numbers), year, month (01-12, or 20-99 when
# unknown), department (2 digits, 2A/2B for Corsica), commune, order number, optional two-digit key.
NIR = re.compile(
    rf"(?<![\w])[123478]{_SEP}\d{{2}}{_SEP}(?:0[1-9]|1[0-2]|[2-9]\d){_SEP}(?:\d{{2}}|2[AaBb])"
    rf"{_SEP}\d{{3}}{_SEP}\d{{3}}(?:{_SEP}\d{{2}})?(?![\w])"
)

# French numbers: 0X XX XX XX XX, +33 X …, 0033 X …, +33 (0)X …; other countries with a + prefix.
PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)33{_SEP}(?:\(0\){_SEP})?|0)[1-9](?:{_SEP}\d{{2}}){{4}}(?!\d)"
    rf"|(?<![\w+])\+(?!33)[1-9]\d{{0,2}}(?:{_SEP}\d){{6,13}}(?!\d)"
)

# Street types that are nothing else in a sentence; the others ("place", "cours", "route"…) are also
# common nouns ("3 cours de français"), so they count only before a capitalised name.
_STREET_TYPES = r"rue|avenue|av\.?|boulevard|bd|bld|impasse|all[ée]e|quai|faubourg|lotissement|lieu[- ]dit"
_COMMON_NOUN_TYPES = (
    r"place|pl\.|chemin|route|rte|cours|square|passage|voie|r[ée]sidence|hameau|cit[ée]|sentier|"
    r"rond[- ]point|promenade|esplanade|villa|parvis|mail|chauss[ée]e|traverse|mont[ée]e|ruelle|domaine"
)
# Words that end a street name: the visitor goes on with their sentence.
_NAME_STOP = (
    r"et|à|a|au|aux|je|j|mais|pour|avec|ou|car|donc|depuis|qui|que|mon|ma|mes|est|suis|ai|il|elle|on|"
    r"nous|vous|dans|en|sur|chez|près|pres"
)
_NAME_WORD = rf"(?!(?:{_NAME_STOP})\b)[^\W\d_][\w'’\-]*"
_CAPITALISED = r"(?-i:[A-ZÀ-Ý])[\w'’\-]*"
_PARTICLE = r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])"
_POSTCODE = r"(?:0[1-9]|[1-8]\d|9[0-5]|97[1-8]|98[46-9])\d{3}"
_NUMBER = r"(?<![\w])\d{1,4}\s?(?:bis|ter)?,?\s+"
_MORE_NAME = rf"(?:[ \-]+(?:{_PARTICLE}\s*)?{_NAME_WORD}){{0,4}}"
_THEN_TOWN = rf"(?:,?\s+{_POSTCODE}\s+[^\W\d_][\w'’\-]*(?:[ \-]+{_CAPITALISED}){{0,3}})?"

STREET = re.compile(
    rf"{_NUMBER}(?:(?:{_STREET_TYPES})\s+(?:{_PARTICLE}\s*)?{_NAME_WORD}"
    rf"|(?:{_COMMON_NOUN_TYPES})\s+(?:{_PARTICLE}\s*)?{_CAPITALISED}){_MORE_NAME}{_THEN_TOWN}",
    re.IGNORECASE,
)
# A postcode followed by a capitalised town ("75011 Paris"), or announced as such ("code postal 69003").
_NOT_A_CITY = r"(?!(?i:euros?|eur|heures?|personnes|salari[ée]s|habitants|ans|mois|jours|km)\b)"
_CITY_WORD = r"[A-ZÀ-Ý][\w'’\-]*"
TOWN = re.compile(
    rf"(?<![\w°])(?<!RNCP )(?<!n° )(?<!n°){_POSTCODE}\s+{_NOT_A_CITY}{_CITY_WORD}"
    rf"(?:[ \-]+(?:{_CITY_WORD}|sur|sous|en|la|le|les|de|du|des|l['’]|d['’])){{0,4}}(?:\s+(?i:cedex)(?:\s+\d{{1,2}})?)?"
    rf"|(?i:code\s+postal)\s*:?\s*\d{{5}}",
)


def _iban_like(match: re.Match[str]) -> bool:
    """Enough digits for an account number, so that words such as "AB12CDEFGHIJKL" are left alone."""
    return sum(ch.isdigit() for ch in match.group()) >= 10


@dataclass(frozen=True)
class Rule:
    """One kind of personal data: its pattern, its token and an optional extra check on a match."""

    pattern: re.Pattern[str]
    token: str
    accept: Callable[[re.Match[str]], bool] = lambda match: True


# Order matters: an IBAN contains digit runs a NIR or a phone pattern would take, an address starts
# with a number.
RULES = (
    Rule(EMAIL, EMAIL_TOKEN),
    Rule(IBAN, IBAN_TOKEN, _iban_like),
    Rule(NIR, NIR_TOKEN),
    Rule(PHONE, PHONE_TOKEN),
    Rule(STREET, ADDRESS_TOKEN),
    Rule(TOWN, ADDRESS_TOKEN),
)


# Every pattern above needs a digit, or "@" / "(at)" for an e-mail: a text with none of them is left as is
# without running them (most of what the bot says, and many messages).
_MAY_HOLD_PERSONAL_DATA = re.compile(r"\d|@|[(\[]at[)\]]")


def redact_text(text: str) -> str:
    """`text` with every piece of personal data replaced by a token such as «[e-mail masqué]»."""
    if not _MAY_HOLD_PERSONAL_DATA.search(text):
        return text
    for rule in RULES:
        text = rule.pattern.sub(lambda m, r=rule: r.token if r.accept(m) else m.group(), text)
    return text


def redact_value(value: Any) -> Any:
    """Redact every string inside a JSON-like value (slot values, metadata); numbers stay as they are."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    return value


def _redact_parse_data(parse_data: dict[str, Any]) -> dict[str, Any]:
    redacted = dict(parse_data)
    if isinstance(parse_data.get("text"), str):
        redacted["text"] = redact_text(parse_data["text"])
    if isinstance(parse_data.get("entities"), list):
        redacted["entities"] = [
            {**entity, "value": redact_value(entity.get("value"))} if isinstance(entity, dict) else entity
            for entity in parse_data["entities"]
        ]
    if isinstance(parse_data.get("metadata"), dict):
        redacted["metadata"] = redact_value(parse_data["metadata"])
    return redacted


def redact_event(event: dict[str, Any]) -> dict[str, Any]:
    """A copy of a serialised Rasa event with the texts typed or said masked.

    Covers user and bot texts, the parse data (text, entity values), message metadata and slot values;
    intents, action names, numbers and timestamps are untouched.
    """
    redacted = dict(event)
    if isinstance(event.get("text"), str):
        redacted["text"] = redact_text(event["text"])
    if isinstance(event.get("parse_data"), dict):
        redacted["parse_data"] = _redact_parse_data(event["parse_data"])
    if isinstance(event.get("metadata"), dict):
        redacted["metadata"] = redact_value(event["metadata"])
    if event.get("event") == "slot":
        redacted["value"] = redact_value(event.get("value"))
    if isinstance(event.get("entities"), list):  # the "entities" event
        redacted["entities"] = redact_value(event["entities"])
    return redacted
