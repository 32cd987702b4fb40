"""The funding simulation: figures in the message, the figures it asked for, a new duration for the last cost."""
import pytest

from actions.funding import ActionSimulateFunding
from bot.core.say.typography import untypeset
from tests.actions.conftest import make_tracker, slot_events, texts


def simulate(dispatcher, domain, text: str, **slots):
    events = ActionSimulateFunding().run(dispatcher, make_tracker(text, intent="inform", active_loop=None,
                                                                  slots=slots), domain)
    return events, texts(dispatcher)


def test_without_figures_the_rule_is_shown_and_the_figures_awaited(dispatcher, domain):
    events, answer = simulate(dispatcher, domain, "je veux simuler le financement")
    assert "9 000 €" in answer and "Exemple" in answer
    assert slot_events(events) == {"pending_question": "funding_figures"}


@pytest.mark.parametrize("text,figures", [("8k€ sur 18 mois", ["8 000 €", "18 mois"]),
                                          ("20000", ["20 000 €", "9 000 €"])])
def test_the_figures_awaited(dispatcher, domain, text, figures):
    events, answer = simulate(dispatcher, domain, text, pending_question="funding_figures")
    assert all(figure in answer for figure in figures), answer
    assert slot_events(events)["pending_question"] == "funding_figures"  # "et sur 24 mois ?" may follow


@pytest.mark.parametrize("text,months,opco", [("6 mois", "6 mois", "4 500 €"), ("et sur trois ans ?", "36 mois", "15 000 €")])
def test_a_new_duration_reuses_the_last_cost(dispatcher, domain, text, months, opco):
    events, answer = simulate(dispatcher, domain, text, pending_question="funding_figures",
                              funding_cost=15000.0, funding_months=18.0)
    assert "15 000 €" in answer and months in answer and opco in answer, answer
    assert slot_events(events)["funding_months"] == float(months.split()[0])


@pytest.mark.parametrize("text", ["j'ai 30 ans", "je voudrais modifier une réponse"])  # "une" was simulated as 1 €
def test_not_figures_after_all_goes_where_an_answer_goes_otherwise(dispatcher, domain, text):
    events, answer = simulate(dispatcher, domain, text, pending_question="funding_figures", funding_cost=15000.0)
    assert answer == ""
    assert {"event": "followup", "name": "eligibility_form"} in [
        {"event": e["event"], "name": e.get("name")} for e in events]
    assert slot_events(events) == {"pending_question": None}


def test_a_zero_cost_is_explained_and_the_figures_awaited_again(dispatcher, domain):
    # "0 €" was not read as figures, and the eligibility test started ("Quel âge avez-vous ?").
    events, answer = simulate(dispatcher, domain, "0 €", pending_question="funding_figures")
    assert "supérieur à zéro" in answer
    assert slot_events(events) == {"pending_question": "funding_figures"}


@pytest.mark.parametrize("text", ["je veux simuler le financement", "12 000 € par an"])
def test_the_rule_and_the_results_recall_the_end_once_it_is_over(dispatcher, domain, monkeypatch, text):
    _, closed = simulate(dispatcher, domain, text)
    assert "couvrait les contrats signés jusqu'au 28 février 2026" in closed
    assert closed.index("À noter") < closed.rindex("Source :")
    monkeypatch.setenv("VAE_REFERENCE_DATE", "2025-06-26")
    dispatcher.messages.clear()
    _, open_ = simulate(dispatcher, domain, text)
    assert "À noter" not in open_ and "9 000 €" in open_


def test_a_result_offers_next_steps_and_its_duration_button_is_a_follow_up(dispatcher, domain):
    # The results came without buttons: no obvious next step.
    simulate(dispatcher, domain, "15 000 € sur 18 mois")
    buttons = {untypeset(b["title"]): b["payload"] for b in dispatcher.messages[0]["buttons"]}
    assert "Suis-je éligible ?" in buttons
    dispatcher.messages.clear()
    events, answer = simulate(dispatcher, domain, buttons["Sur 24 mois"], pending_question="funding_figures",
                              funding_cost=15000.0, funding_months=18.0)
    assert "15 000 € sur 24 mois" in answer and slot_events(events)["funding_months"] == 24.0
