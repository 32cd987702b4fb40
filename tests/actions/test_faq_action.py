"""The FAQ action fills knowledge placeholders, keeps the buttons, and answers the status by date."""
import re

import pytest

from actions.faq import ActionAnswerFaq
from bot.core.say.typography import untypeset
from tests.actions.conftest import make_tracker, texts

FAQ_KEYS = ["definition", "difference_vae", "parcours", "certifications", "contrat_allege", "legal_basis",
            "ministry", "dates", "status", "volume", "why", "sectors", "who", "funding", "costs_covered", "opco",
            "opco_list", "contrat_pro", "pay", "private_employers", "employer_recruit", "employer_interest",
            "employer_cost", "tutor", "cdi", "how_to_start", "contact"]


@pytest.mark.parametrize("key", FAQ_KEYS)
def test_every_faq_answer_renders_with_a_source(dispatcher, domain, key):
    tracker = make_tracker(text="?", intent="faq", active_loop=None, response_key=f"faq/{key}")
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    answer = texts(dispatcher)
    assert "Source :" in answer
    assert not re.search(r"\{\w+\}", answer), answer
    assert dispatcher.messages[0]["buttons"]


def test_figures_in_faq_texts_only_come_from_placeholders(domain):
    for key in FAQ_KEYS:
        text = domain["responses"][f"utter_faq/{key}"][0]["text"]
        assert not re.search(r"\d", re.sub(r"\{\w+\}", "", text)), f"a literal figure in utter_faq/{key}"


def test_status_before_the_end_says_open(dispatcher, domain, monkeypatch):
    monkeypatch.setenv("VAE_REFERENCE_DATE", "2025-06-26")
    ActionAnswerFaq().run(dispatcher, make_tracker(intent="faq", active_loop=None, response_key="faq/status"), domain)
    answer = texts(dispatcher)
    assert "28 février 2026" in answer
    assert "aucune prolongation" not in answer.lower()


def test_status_after_the_end_says_closed_without_known_extension(dispatcher, domain):
    ActionAnswerFaq().run(dispatcher, make_tracker(intent="faq", active_loop=None, response_key="faq/status"), domain)
    answer = texts(dispatcher).lower()
    # Closed, and what remains instead of "ask the OPCO whether it was extended" (issue 34).
    assert "28 février 2026" in answer and "aucune prolongation" in answer and "apprentissage" in answer


def test_low_confidence_answer_falls_back(dispatcher, domain):
    tracker = make_tracker(intent="faq", active_loop=None, response_key="faq/definition", response_confidence=0.05)
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_default"


def _answer(dispatcher, domain, key: str, role: str | None = None) -> str:
    tracker = make_tracker(text="?", intent="faq", active_loop=None, response_key=f"faq/{key}",
                           slots={"role": role} if role else None)
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    return texts(dispatcher)


@pytest.mark.parametrize("key", ["ministry", "dates"])
@pytest.mark.parametrize("role", [None, "employeur"])
def test_the_arrete_date_is_not_given_as_a_three_year_launch(dispatcher, domain, key, role):
    # "Launched on 26 June 2023 for three years" would end in June 2026: the decree's window ends on 28 February.
    answer = _answer(dispatcher, domain, key, role)
    assert "26 juin 2023" in answer and "cahier des charges" in answer.lower()
    assert "lancé" not in answer.lower() and "Lancement" not in answer
    if key == "dates":
        assert "28 mai 2023" in answer and "28 février 2026" in answer


@pytest.mark.parametrize("role", [None, "employeur"])
def test_hiring_aids_are_dated_and_sourced_apart(dispatcher, domain, role):
    answer = _answer(dispatcher, domain, "employer_cost", role)
    assert "2024 et 2025" in answer and "existent encore" in answer
    assert answer.strip().splitlines()[-1].endswith("service-public.fr, contrat de professionnalisation (aides)")


def faq_answer(dispatcher, domain, key: str) -> str:
    ActionAnswerFaq().run(dispatcher, make_tracker(intent="faq", active_loop=None, response_key=f"faq/{key}"), domain)
    return texts(dispatcher)


@pytest.mark.parametrize("key", ["who", "funding", "why", "employer_recruit"])
def test_answers_that_read_as_open_recall_the_end_once_it_is_over(dispatcher, domain, key):
    # "La VAE inversée est ouverte à toute personne…" and "l'OPCO finance…" were said after 28 February 2026 too.
    answer = faq_answer(dispatcher, domain, key)
    assert "À noter : l'expérimentation couvrait les contrats signés jusqu'au 28 février 2026" in answer
    assert "aucune prolongation n'est connue" in answer
    assert answer.index("À noter") < answer.rindex("Source :")  # the source stays the last line


@pytest.mark.parametrize("key", ["who", "funding"])
def test_no_reminder_while_the_experimentation_is_open(dispatcher, domain, monkeypatch, key):
    monkeypatch.setenv("VAE_REFERENCE_DATE", "2025-06-26")
    assert "À noter" not in faq_answer(dispatcher, domain, key)


@pytest.mark.parametrize("key", ["status", "dates", "how_to_start", "pay"])
def test_answers_about_the_calendar_or_not_about_the_scheme_get_no_reminder(dispatcher, domain, key):
    assert "À noter" not in faq_answer(dispatcher, domain, key)


def test_a_new_duration_just_after_a_simulation_is_simulated_even_as_a_question(dispatcher, domain):
    # "et pour 6 mois ?" got the answer on who can benefit.
    tracker = make_tracker("et pour 6 mois ?", intent="faq", active_loop=None, response_key="faq/who",
                           slots={"pending_question": "funding_figures", "funding_cost": 12000.0,
                                  "funding_months": 12.0})
    events = ActionAnswerFaq().run(dispatcher, tracker, domain)
    answer = texts(dispatcher)
    assert "6 mois" in answer and "12 000 €" in answer and "au moins 16 ans" not in answer
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["funding_months"] == 6.0


@pytest.mark.parametrize("key", ["tutor", "funding", "certifications", "options_now"])
def test_the_same_question_asked_again_gets_the_short_form_with_the_same_buttons(dispatcher, domain, key):
    tracker = make_tracker(text="?", intent="faq", active_loop=None, response_key=f"faq/{key}",
                           slots={"status_told": True})
    ActionAnswerFaq().run(dispatcher, tracker, domain)
    first = dispatcher.messages[0]
    again_tracker = make_tracker(text="?", intent="faq", active_loop=None, response_key=f"faq/{key}",
                                 slots={"status_told": True})
    again_tracker.events.insert(0, {"event": "bot", "text": f"Bonjour.\n\n{first['text']}"})
    dispatcher.messages.clear()
    ActionAnswerFaq().run(dispatcher, again_tracker, domain)
    again = dispatcher.messages[0]
    text = untypeset(again["text"])
    assert text.startswith("Je vous ai répondu plus haut"), text
    gist = [line for line in text.split("Source :")[0].splitlines() if line.strip()]
    assert len(gist) <= 3 and "Source :" in text
    assert again["buttons"] == first["buttons"]
