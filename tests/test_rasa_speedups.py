"""bot.rasa_speedups changes how fast Rasa answers, never what it answers.

The trained model parses the same messages and predicts the same next actions in a stock Rasa process and in
one with the speed-ups (separate processes: the speed-ups patch Rasa's classes for the whole process).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.bench.scenarios import all_messages
from bot.training import ROOT, ensure_model

PROBE = r'''
import asyncio, json, sys
speedups = sys.argv[2] == "1"
if speedups:
    from bot import rasa_speedups
    rasa_speedups.apply()
from tensorflow.python.eager.polymorphic_function import function_spec
from rasa.core.agent import Agent

signature_checks = 0
original = function_spec.FunctionSpec.canonicalize_function_inputs

def counted(self, args, kwargs):
    global signature_checks
    signature_checks += 1
    return original(self, args, kwargs)

function_spec.FunctionSpec.canonicalize_function_inputs = counted
messages = json.loads(sys.stdin.read())
agent = Agent.load(sys.argv[1])
checks_at_load = signature_checks  # loading a model traces its functions: not counted

async def run():
    parses, answers = [], []
    for text in messages:
        parse = await agent.parse_message(text)
        selected = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        parses.append([parse["intent"]["name"], round(parse["intent"]["confidence"], 5),
                       selected.get("intent_response_key"), round(selected.get("confidence") or 0.0, 5),
                       sorted((e["entity"], str(e["value"])) for e in parse["entities"])])
    # Answers that need no action server (FAQ answers and forms go through it: the end-to-end suites).
    for text in ["Bonjour", "tu es un robot ?", "merci beaucoup", "quelle est la capitale de l'Australie",
                 "au revoir"]:
        replies = await agent.handle_text(text, sender_id="probe")
        answers.append([reply.get("text") for reply in replies or []])
    return parses, answers

parses, answers = asyncio.run(run())
print("PROBE " + json.dumps({"parses": parses, "answers": answers, "signature_checks": signature_checks - checks_at_load}))
'''

MESSAGES = all_messages() + [
    "eligible vae inversee", "c koi", "je suis employeur dans le btp", "quel opco pour une boulangerie",
    "j'ai 17 ans", "asdkjh", "quelle est la capitale de l'Australie", "<b>bonjour</b>",
]


def run_probe(code: str, *args: str, stdin: str | None = None, timeout: int = 600) -> dict:
    """Run `code` in a fresh Python process (the speed-ups patch Rasa for a whole process); its PROBE line."""
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, input=stdin, capture_output=True,
                            text=True, timeout=timeout,
                            env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1][len("PROBE "):])


def probe(model, speedups: bool) -> dict:
    return run_probe(PROBE, str(model), "1" if speedups else "0", stdin=json.dumps(MESSAGES))


@pytest.fixture(scope="module")
def stock_and_fast():
    model = ensure_model()
    return probe(model, speedups=False), probe(model, speedups=True)


def test_the_same_understanding_with_and_without_the_speed_ups(stock_and_fast):
    stock, fast = stock_and_fast
    assert len(stock["parses"]) == len(MESSAGES)
    assert fast["parses"] == stock["parses"]  # intents, FAQ keys, confidences (5 digits), entities


def test_the_same_answers_with_and_without_the_speed_ups(stock_and_fast):
    stock, fast = stock_and_fast
    assert all(stock["answers"])
    assert fast["answers"] == stock["answers"]


def test_predictions_skip_the_input_signature_checks(stock_and_fast):
    stock, fast = stock_and_fast
    # Stock Rasa re-checks the inputs of every DIET/ResponseSelector/TED prediction; with the speed-ups only
    # the first prediction of each of the three models does (taking the concrete function once).
    assert stock["signature_checks"] >= 2 * len(MESSAGES)
    assert fast["signature_checks"] <= 3


# Every turn of the stories and rules (training and test stories): the next action predicted by all the policies
# (stock) and by the RulePolicy first (speed-ups), in one process with the speed-ups installed.
PREDICTIONS_PROBE = r'''
import asyncio, json, sys
from bot import rasa_speedups
rasa_speedups.apply()
from rasa.core.agent import Agent
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

agent = Agent.load(sys.argv[1])
processor, domain = agent.processor, agent.domain
stories = TrainingDataImporter.load_from_config("config.yml", "domain.yml", ["data", "tests/stories"]).get_stories()
trackers = TrainingDataGenerator(stories, domain, augmentation_factor=0, use_story_concatenation=False).generate()
fast, stock = MessageProcessor._predict_next_with_tracker, MessageProcessor._predict_next_with_tracker.__wrapped__
compared, by_rules_alone, differences = 0, 0, []
for tracker in trackers:
    events = list(tracker.events)
    for index, event in enumerate(events):
        if not isinstance(event, ActionExecuted) or index == 0:
            continue
        predictions = []
        for predict in (stock, fast):
            prefix = DialogueStateTracker.from_events("probe", events[:index], domain.slots)
            p = predict(processor, prefix)
            predictions.append([domain.action_names_or_texts[p.max_confidence_index], round(p.max_confidence, 5),
                                p.policy_name, p.is_no_user_prediction, [e.as_dict()["event"] for e in p.events]])
        compared += 1
        by_rules_alone += "RulePolicy" in predictions[1][2] and predictions[1][1] >= 1.0
        if predictions[0] != predictions[1]:
            differences.append([tracker.sender_id, index, *predictions])
print("PROBE " + json.dumps({"compared": compared, "by_rules_alone": by_rules_alone, "differences": differences[:20]}))
'''


def test_the_rules_first_prediction_picks_what_all_the_policies_pick():
    found = run_probe(PREDICTIONS_PROBE, str(ensure_model()), timeout=900)
    assert found["compared"] > 200 and found["by_rules_alone"] > found["compared"] // 2
    assert found["differences"] == []


def test_no_training_story_or_rule_is_written_with_user_text():
    # The rules-first prediction relies on it: TED trained on user text could make end-to-end predictions,
    # which overrule even a sure rule. (The test stories may quote the user's text: they are not trained on.)
    import yaml

    files = [yaml.safe_load(path.read_text()) or {} for path in sorted((ROOT / "data").rglob("*.yml"))]
    steps = [step for data in files for block in data.get("stories", []) + data.get("rules", [])
             for step in block.get("steps", [])]
    assert len(steps) > 50 and not [step for step in steps if "user" in step]


SPARSE_PROBE = r'''
import json
import numpy as np
import scipy.sparse as sp
from rasa.shared.nlu.training_data.features import Features
from bot import rasa_speedups

stock = Features._combine_sparse_features
rasa_speedups.apply()
direct = Features._combine_sparse_features
rng = np.random.default_rng(7)
compared, mismatched = 0, []
for trial in range(300):
    rows = int(rng.integers(1, 40))
    left = sp.random(rows, int(rng.integers(1, 20000)), density=float(rng.uniform(0, 0.02)), format="coo",
                     dtype=[np.float32, np.float64, np.int64][trial % 3], random_state=trial)
    right = sp.random(rows, int(rng.integers(1, 600)), density=float(rng.uniform(0, 0.1)), format="coo",
                      dtype=[np.float32, np.float64][trial % 2], random_state=10_000 + trial)
    joined = []
    for combine in (stock, direct):
        features = Features(left.copy(), "sequence", "text", "a")
        combine(features, Features(right.copy(), "sequence", "text", "b"))
        joined.append(features.features)
    a, b = joined
    same = (type(a) is type(b) and a.shape == b.shape and a.dtype == b.dtype and a.row.dtype == b.row.dtype
            and np.array_equal(a.row, b.row) and np.array_equal(a.col, b.col) and np.array_equal(a.data, b.data))
    compared += 1
    if not same:
        mismatched.append(trial)
# Rows that do not match still raise the stock error; another format takes the stock path.
errors = []
for left in (sp.coo_matrix(np.ones((2, 3))), sp.csr_matrix(np.ones((2, 3)))):
    try:
        Features(left, "sequence", "text", "a").combine_with_features(Features(sp.coo_matrix(np.ones((3, 3))), "sequence", "text", "b"))
    except ValueError as error:
        errors.append(str(error))
csr = Features(sp.csr_matrix(np.eye(2)), "sequence", "text", "a")
csr.combine_with_features(Features(sp.csr_matrix(np.eye(2)), "sequence", "text", "b"))
print("PROBE " + json.dumps({"compared": compared, "mismatched": mismatched, "errors": errors,
                             "csr": [type(csr.features).__name__, list(csr.features.shape)]}))
'''


def test_sparse_features_are_joined_exactly_as_scipy_joins_them():
    found = run_probe(SPARSE_PROBE, timeout=300)
    assert found["compared"] == 300 and found["mismatched"] == []
    assert len(found["errors"]) == 2 and all("sequence dimensions do not match" in e for e in found["errors"])
    assert found["csr"] == ["csr_matrix", [2, 4]]
