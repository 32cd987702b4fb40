"""Masking of personal data (pure): what must be masked, what must stay, and where in a Rasa event."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters.store.redaction import (ADDRESS_TOKEN, EMAIL_TOKEN, IBAN_TOKEN, NIR_TOKEN, PHONE_TOKEN, redact_event,
                                 redact_text, redact_value)

MASKED = [
    ("écrivez-moi à jean.dupont@gmail.com merci", "jean.dupont@gmail.com", EMAIL_TOKEN),
    ("mon mail : Marie-Ève.N'Diaye+vae@sous.domaine.fr", "Diaye", EMAIL_TOKEN),
    ("contact : jean (at) free.fr", "free.fr", EMAIL_TOKEN),
    ("mon numéro 06 12 34 56 78", "06 12 34 56 78", PHONE_TOKEN),
    ("appelez le 0612345678 svp", "0612345678", PHONE_TOKEN),
    ("tel: 06.12.34.56.78", "06.12.34.56.78", PHONE_TOKEN),
    ("tel 06-12-34-56-78", "06-12-34-56-78", PHONE_TOKEN),
    ("+33 6 12 34 56 78", "6 12 34 56 78", PHONE_TOKEN),
    ("+33612345678", "612345678", PHONE_TOKEN),
    ("+33 (0)1 45 67 89 10", "45 67 89 10", PHONE_TOKEN),
    ("0033 6 12 34 56 78", "12 34 56 78", PHONE_TOKEN),
    ("fixe 01 45 67 89 10", "01 45 67 89 10", PHONE_TOKEN),
    ("à Londres : +44 20 7946 0958", "7946 0958", PHONE_TOKEN),
    ("mon NIR 1 85 05 78 006 084 36", "006 084", NIR_TOKEN),
    ("sécu 185057800608436", "185057800608436", NIR_TOKEN),
    ("numéro 2 85 05 2A 006 084 12", "2A 006", NIR_TOKEN),
    ("sans la clé : 1850578006084", "1850578006084", NIR_TOKEN),
    ("IBAN FR76 3000 6000 0112 3456 7890 189 merci", "3000 6000", IBAN_TOKEN),
    ("fr7630006000011234567890189", "30006000011234567890189", IBAN_TOKEN),
    ("DE89 3704 0044 0532 0130 00", "3704 0044", IBAN_TOKEN),
    ("j'habite 12 rue des Lilas à Lyon", "rue des Lilas", ADDRESS_TOKEN),
    ("12 bis avenue du Général de Gaulle, 75002 Paris", "Général de Gaulle", ADDRESS_TOKEN),
    ("5 impasse des roses 13001 marseille", "impasse des roses", ADDRESS_TOKEN),
    ("au 3 place de la Mairie", "place de la Mairie", ADDRESS_TOKEN),
    ("8 bd Voltaire", "bd Voltaire", ADDRESS_TOKEN),
    ("je vis à 75011 Paris", "75011 Paris", ADDRESS_TOKEN),
    ("69003 Lyon Cedex 03", "69003 Lyon", ADDRESS_TOKEN),
    ("mon code postal : 33000", "33000", ADDRESS_TOKEN),
]

KEPT = [
    "j'ai 25 ans",
    "15 000 € sur 18 mois",
    "né le 3 mars 2009",
    "née en 1988",
    "9 000 €",
    "12 000 € par an pendant 36 mois",
    "décret n°2023-408 du 26 mai 2023",
    "loi n° 2022-1598 du 21 décembre 2022",
    "article L6325-1 du code du travail",
    "2009-03-03",
    "entre 16 et 25 ans",
    "dix-neuf ans",
    "je veux être aide-soignante dans le BTP",
    "j'ai suivi 3 cours de français",
    "j'ai fait 1 route de nuit",
    "RNCP 35830 Aide-soignant",
    "RNCP35830",
    "15000 Euros par an",
    "20000 Personnes",
    "bac+2, 35 heures par semaine",
    "de 2 000 à 5 000 €",
    "le 1er janvier 2024 à 14h30",
    "contrat de 6 à 12 mois",
    "OPCO 2i et Akto",
    "",
]


@pytest.mark.parametrize(("text", "secret", "token"), MASKED)
def test_personal_data_is_masked(text, secret, token):
    masked = redact_text(text)
    assert secret not in masked
    assert token in masked


@pytest.mark.parametrize("text", KEPT)
def test_figures_dates_and_references_are_kept(text):
    assert redact_text(text) == text


def test_the_rest_of_the_sentence_is_kept():
    text = "J'ai 30 ans, mon mail est a.b@c.fr et j'habite 4 rue Neuve, je veux être maçon."
    assert redact_text(text) == f"J'ai 30 ans, mon mail est {EMAIL_TOKEN} et j'habite {ADDRESS_TOKEN}, je veux être maçon."


def test_several_kinds_in_one_message():
    masked = redact_text("jean@x.fr / 06 12 34 56 78 / FR76 3000 6000 0112 3456 7890 189 / 1 85 05 78 006 084 36")
    assert masked == f"{EMAIL_TOKEN} / {PHONE_TOKEN} / {IBAN_TOKEN} / {NIR_TOKEN}"


def test_redaction_is_idempotent():
    once = redact_text("mail a@b.fr tel 0612345678 au 3 rue Haute 75001 Paris")
    assert redact_text(once) == once


def test_values_keep_their_shape():
    value = {"age": 25.0, "notes": ["a@b.fr", 3], "nested": {"tel": "0612345678", "ok": True}, "none": None}
    assert redact_value(value) == {"age": 25.0, "notes": [EMAIL_TOKEN, 3], "nested": {"tel": PHONE_TOKEN, "ok": True},
                                   "none": None}


def user_event(text: str) -> dict:
    return {
        "event": "user", "timestamp": 1.5, "text": text, "input_channel": "rest", "message_id": "m1",
        "metadata": {"from": "a@b.fr"},
        "parse_data": {"text": text, "intent": {"name": "inform", "confidence": 0.9},
                       "entities": [{"entity": "sector", "value": "a@b.fr", "start": 0, "end": 6}],
                       "intent_ranking": [{"name": "inform", "confidence": 0.9}], "metadata": {"x": "0612345678"}},
    }


def test_user_event_text_parse_data_entities_and_metadata_are_masked():
    event = redact_event(user_event("je suis a@b.fr"))
    assert event["text"] == event["parse_data"]["text"] == f"je suis {EMAIL_TOKEN}"
    assert event["parse_data"]["entities"][0]["value"] == EMAIL_TOKEN
    assert event["metadata"] == {"from": EMAIL_TOKEN}
    assert event["parse_data"]["metadata"] == {"x": PHONE_TOKEN}
    assert event["parse_data"]["intent"] == {"name": "inform", "confidence": 0.9}
    assert (event["timestamp"], event["message_id"], event["input_channel"]) == (1.5, "m1", "rest")


def test_original_event_is_not_modified():
    original = user_event("je suis a@b.fr")
    redact_event(original)
    assert original["text"] == "je suis a@b.fr"


def test_slot_values_are_masked_but_numbers_and_dialogue_slots_stay():
    assert redact_event({"event": "slot", "name": "sector_raw", "value": "a@b.fr"})["value"] == EMAIL_TOKEN
    for name, value in (("age", 25.0), ("sector", "sante"), ("birth_date", "2009-03-03"), ("role", "candidat"),
                        ("verdict", {"eligible": True, "sector": "btp", "reasons": ["age_ok"]})):
        assert redact_event({"event": "slot", "name": name, "value": value})["value"] == value


def test_bot_text_is_masked_and_other_events_untouched():
    assert redact_event({"event": "bot", "text": "Votre mail a@b.fr est noté"})["text"] == f"Votre mail {EMAIL_TOKEN} est noté"
    action = {"event": "action", "name": "action_listen", "timestamp": 2.0, "policy": None}
    assert redact_event(action) == action


# Texts with no digit, "@" nor "(at)"/"[at]" skip the patterns: none of them could match such a text.
WORDS = st.sampled_from(["rue", "avenue", "place", "des", "Lilas", "Paris", "code", "postal", "at", "(at)", "[at]",
                         "(", ")", "[", "]", "mail", "jean.dupont", "gmail.com", "FR", "IBAN", "+", "-", ".", ",",
                         "bis", "ter", "cedex", "tél", "é", "\n", " "])


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS | st.text(max_size=4), max_size=30).map(" ".join))
def test_text_the_patterns_cannot_match_is_left_as_is_without_them(text):
    from bot.adapters.store.redaction import _MAY_HOLD_PERSONAL_DATA, RULES

    if not _MAY_HOLD_PERSONAL_DATA.search(text):
        assert not any(rule.pattern.search(text) for rule in RULES)
        assert redact_text(text) is text
