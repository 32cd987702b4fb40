"""The read layer on a store filled through the real tracker store (SQLite and PostgreSQL): filters, keyset
pages, statistics and exports."""
from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from datetime import datetime, time as day_time, timedelta

import pytest
import yaml

from bot.tools.review.exports import CSV_BOM, export_chunks
from bot.tools.review.synthetic import Do, Say, Scenario, eligibility, employer, events, faq, misunderstood, with_feedback
from bot.adapters.store.notes import ADD_TO_DATA, save_note
from bot.adapters.store.queries import Filters, ReviewStore
from bot.adapters.store.summaries import TIMEZONE
from tests.review.conftest import BACKENDS, database, make_store, replay

TODAY = datetime.now(TIMEZONE).date()
CREPES = Scenario("crepes", [Say("tu connais une recette de crêpes ?", "out_of_scope", 0.45), Do("utter_out_of_scope", "Désolé…")])
FORMULA = Scenario("formula", [Say("=HYPERLINK(\"http://x\")", "out_of_scope", 0.9), Do("utter_out_of_scope", "Désolé…")])


@dataclass(frozen=True)
class Visit:
    sender: str
    scenario: Scenario
    days_ago: int
    channel: str = "rest"
    feedback: str | None = None


def rng() -> random.Random:
    return random.Random(5)


VISITS = [
    Visit("eligible-sante", eligibility(rng(), 25, "sante"), 1),
    Visit("eligible-btp", eligibility(rng(), 40, "btp"), 2, "socketio", "up"),
    Visit("young", eligibility(rng(), 14, "transport"), 3),
    Visit("stop-age", eligibility(rng(), 30, "btp", stop_at="age"), 4),
    Visit("stop-goal", eligibility(rng(), 30, "btp", stop_at="goal"), 4, feedback="down"),
    Visit("faq-1", faq(rng()), 5),
    Visit("lost", misunderstood(rng()), 6, feedback="down"),
    Visit("boss", employer(rng()), 7, "socketio"),
    Visit("crepes", CREPES, 8),
    Visit("formula", FORMULA, 8),
    *(Visit(f"bulk-{n:02d}", faq(random.Random(n), 1), 10) for n in range(20)),
]


def start_of(visit: Visit, index: int) -> float:
    day = TODAY - timedelta(days=visit.days_ago)
    return datetime.combine(day, day_time(12, 0), TIMEZONE).timestamp() + index  # distinct starts


@pytest.fixture(scope="module", params=BACKENDS)
def review(request, tmp_path_factory, domain):
    generator = database(request.param, tmp_path_factory.mktemp("queries"))
    url = next(generator)
    tracker_store = make_store(url, domain)
    for index, visit in enumerate(VISITS):
        items = events(visit.scenario, start_of(visit, index), channel=visit.channel,
                       role="employeur" if visit.sender == "boss" else "candidat")
        replay(tracker_store, visit.sender, with_feedback(items, visit.feedback) if visit.feedback else items)
    save_note(tracker_store.engine, "lost", ADD_TO_DATA, "exemple à ajouter", "agent")
    store = ReviewStore(tracker_store.engine)
    yield store
    tracker_store.engine.dispose()
    generator.close()


def senders(store: ReviewStore, **params: str) -> set[str]:
    page = store.page(Filters.from_params(params), limit=500)
    assert page.total == len(page.rows)
    return {row.sender_id for row in page.rows}


@pytest.mark.parametrize(("params", "expected"), [
    ({"outcome": "eligible"}, {"eligible-sante", "eligible-btp"}),
    ({"outcome": "not_eligible"}, {"young"}),
    ({"outcome": "abandoned"}, {"stop-age", "stop-goal"}),
    ({"role": "employeur"}, {"boss"}),
    ({"channel": "socketio"}, {"eligible-btp", "boss"}),
    ({"misunderstood": "1"}, {"lost", "crepes"}),
    ({"negative_feedback": "1"}, {"stop-goal", "lost"}),
    ({"tag": ADD_TO_DATA}, {"lost"}),
    ({"text": "crepes"}, {"crepes"}),
    ({"text": "RECETTE DE CRÊPES"}, {"crepes"}),
    ({"text": "100%_"}, set()),
    ({"channel": "socketio", "outcome": "eligible"}, {"eligible-btp"}),
    ({"start": (TODAY - timedelta(days=4)).isoformat(), "end": (TODAY - timedelta(days=3)).isoformat()},
     {"young", "stop-age", "stop-goal"}),
])
def test_filters(review, params, expected):
    assert senders(review, **params) == expected


def test_no_form_and_all(review):
    assert len(senders(review)) == len(VISITS)
    assert senders(review, outcome="no_form") == {v.sender for v in VISITS} - senders(review, outcome="eligible") \
        - senders(review, outcome="not_eligible") - senders(review, outcome="abandoned")


def test_keyset_pages_cover_everything_once_in_order(review):
    seen, cursor, totals = [], None, set()
    while True:
        page = review.page(Filters(), cursor, limit=7)
        seen += page.rows
        totals.add(page.total)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert totals == {len(VISITS)}
    assert len({row.sender_id for row in seen}) == len(seen) == len(VISITS)
    assert [row.started_at for row in seen] == sorted((row.started_at for row in seen), reverse=True)
    assert seen[0].sender_id == "eligible-sante"


def test_a_tampered_cursor_gives_the_first_page(review):
    assert review.page(Filters(), "n'importe quoi", limit=3).rows == review.page(Filters(), None, limit=3).rows


def test_statistics(review):
    stats = review.stats(Filters())
    assert stats.conversations == len(VISITS)
    assert stats.outcomes == {"eligible": 2, "not_eligible": 1, "abandoned": 2, "no_form": len(VISITS) - 5}
    assert dict(stats.dropped_slots) == {"age": 1, "goal": 1}
    assert stats.outcomes_by_sector == {"sante": {"eligible": 1}, "btp": {"eligible": 1}, "transport": {"not_eligible": 1}}
    assert (stats.feedback_up, stats.feedback_down) == (1, 2)
    assert stats.misunderstood == 2 and stats.fallback_rate == pytest.approx(2 / stats.user_messages)
    assert (stats.forms_started, stats.forms_completed) == (5, 3)
    assert stats.top_intents[0][0] == "faq"
    days = [day for day, _ in stats.per_day]
    assert days == sorted(days) and len(days) == 10 and sum(n for _, n in stats.per_day) == len(VISITS)
    filtered = review.stats(Filters(role="employeur"))
    assert filtered.conversations == 1 and dict(filtered.top_intents) == {"employer_intro": 1, "faq": 1}
    assert json.loads(json.dumps(stats.as_dict()))["completion_rate"] == pytest.approx(0.6)


def test_transcript(review):
    transcript = review.transcript("stop-goal")
    conversation = transcript.conversation
    assert conversation.outcome == "abandoned" and conversation.dropped_slot == "goal"
    assert [m.text for m in conversation.user_messages][:2] == ["Suis-je éligible ?", "j'ai 30 ans"]
    assert conversation.feedback[0]["value"] == "down"
    assert review.transcript("lost").note.tag == ADD_TO_DATA
    assert review.transcript("nobody") is None


def export(review: ReviewStore, kind: str, **params: str) -> str:
    return "".join(export_chunks(review, kind, Filters.from_params(params)))


def test_csv_export_of_the_filtered_conversations(review):
    text = export(review, "csv", outcome="abandoned")
    assert text.startswith(CSV_BOM)
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert {row["conversation"] for row in rows} == {"stop-age", "stop-goal"}
    assert {row["question_abandonnee"] for row in rows} == {"age", "goal"}
    formula = list(csv.DictReader(io.StringIO(export(review, "csv", text="hyperlink")[1:]), delimiter=";"))
    assert formula[0]["premier_message"].startswith("'=")  # not run by a spreadsheet


def test_jsonl_export(review):
    lines = export(review, "jsonl", role="employeur").splitlines()
    [record] = [json.loads(line) for line in lines]
    assert record["sender_id"] == "boss" and record["role"] == "employeur"
    assert [m["from"] for m in record["messages"]][:2] == ["visiteur", "bot"]
    assert record["messages"][0]["intent"] == "employer_intro"


def test_misunderstood_messages_as_nlu_data_rasa_can_read(review):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    snippet = export(review, "nlu")
    assert yaml.safe_load(snippet)["version"] == "3.1"
    data = RasaYAMLReader().reads(snippet)
    examples = sorted(message.get("text") for message in data.intent_examples)
    assert examples == sorted(["tu connais une recette de crêpes ?", *(
        m.text for m in review.transcript("lost").conversation.misunderstood)])
    assert {message.get("intent") for message in data.intent_examples} == {"TODO"}
    empty = export(review, "nlu", role="employeur")
    assert yaml.safe_load(empty)["nlu"] == []


def test_channels(review):
    assert review.channels() == ["rest", "socketio"]
