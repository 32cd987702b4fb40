"""bot.adapters.speedups changes how fast Rasa answers, never what it answers.

The trained model parses the same messages and predicts the same next actions in a stock Rasa process and in
one with the speed-ups (separate processes: the speed-ups patch Rasa's classes for the whole process).
"""
from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapters import speedups as rasa_speedups
from bot.tools.bench.scenarios import all_messages
from bot.adapters.training import ROOT, ensure_model

PROBE = r'''
import asyncio, json, sys
speedups = sys.argv[2] in ("1", "serving")
if speedups:
    from bot.adapters import speedups as rasa_speedups
    rasa_speedups.apply(serving=sys.argv[2] == "serving")  # serving: as `python -m bot.adapters.speedups run` does
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
    # Answers that need no action server (FAQ answers, forms and, since it says where the experimentation stands,
    # the greeting go through it: the end-to-end suites).
    for text in ["tu es un robot ?", "merci beaucoup", "quelle est la capitale de l'Australie", "au revoir"]:
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


def run_probe(code: str, *args: str, stdin: str | None = None, timeout: int = 600,
              env: dict[str, str] | None = None) -> dict:
    """Run `code` in a fresh Python process (the speed-ups patch Rasa for a whole process); its PROBE line.
    The process gets only the environment given here (no VAE_SPEEDUPS_OFF unless `env` sets it)."""
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, input=stdin, capture_output=True,
                            text=True, timeout=timeout,
                            env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                 **(env or {})})
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1][len("PROBE "):])


def probe(model, speedups: bool, serving: bool = False) -> dict:
    mode = "serving" if serving else "1" if speedups else "0"
    return run_probe(PROBE, str(model), mode, stdin=json.dumps(MESSAGES))


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
    # Stock Rasa re-checks the inputs of every ResponseSelector/TED prediction (the ResponseSelector alone
    # predicts once per message); with the speed-ups only the first prediction of each of the two models does
    # (taking the concrete function once).
    assert stock["signature_checks"] > len(MESSAGES)
    assert fast["signature_checks"] <= 2


def test_when_serving_a_faq_answer_is_picked_for_faq_questions_only(stock_and_fast):
    stock, _ = stock_and_fast
    serving = probe(ensure_model(), speedups=True, serving=True)
    faq = [index for index, parse in enumerate(stock["parses"]) if parse[0] == "faq"]
    assert 10 < len(faq) < len(MESSAGES) - 10
    for index, (expected, found) in enumerate(zip(stock["parses"], serving["parses"], strict=True)):
        assert found[:2] == expected[:2] and found[4] == expected[4]  # intent, confidence, entities
        # The FAQ answer (key, confidence) of a FAQ question is the stock one; other messages get none, unless
        # the intent classifier took them for a FAQ question before the FallbackClassifier turned them down
        # (then the stock one).
        assert found[2:4] == expected[2:4] if index in faq else found[2:4] in ([None, 0.0], expected[2:4])
    assert sum(found[2] is None for found in serving["parses"]) > 10
    assert serving["answers"] == stock["answers"]


# Every turn of the stories and rules (training and test stories): the next action predicted by all the policies
# (stock) and by the RulePolicy first (speed-ups), in one process with the speed-ups installed.
PREDICTIONS_PROBE = r'''
import asyncio, json, sys
from bot.adapters import speedups as rasa_speedups
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
from bot.adapters import speedups as rasa_speedups

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


FINGERPRINT_PROBE = r'''
import json, random
import numpy as np
import scipy.sparse as sp
import rasa.shared.nlu.training_data.util as training_data_util
import rasa.shared.utils.io as io
from bot.adapters import speedups as rasa_speedups
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer import LexicalSyntacticFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.importers.importer import TrainingDataImporter
import tempfile, pathlib

NAMES = ("deep_container_fingerprint", "get_dictionary_fingerprint", "get_list_fingerprint")

def functions():
    return [getattr(io, name) for name in NAMES] + [training_data_util.sparse_matrix_to_string]

stock_functions = functions()
rasa_speedups.apply()
fast_functions = functions()
assert all(s is not f for s, f in zip(stock_functions, fast_functions))

def use(chosen):
    """Stock Rasa's functions call each other through the module: all of them are swapped together."""
    for name, function in zip(NAMES, chosen):
        setattr(io, name, function)
    training_data_util.sparse_matrix_to_string = chosen[-1]

def both(obj):
    results = []
    for chosen in (stock_functions, fast_functions):
        use(chosen)
        results.append(io.deep_container_fingerprint(obj))
    return results

def message_fingerprint(message, chosen):
    use(chosen)
    message._cached_fingerprint = None
    for features in message.features:
        features._cached_fingerprint = None
    return message.fingerprint()

# The project's NLU data, tokenized and featurized (tokens, sparse word and character n-grams, lexical
# features), then fingerprinted message by message and as a whole, as Rasa's training cache does.
data = TrainingDataImporter.load_from_config("config.yml", "domain.yml", ["data"]).get_nlu_data()
context = ExecutionContext(GraphSchema({}), "probe")
storage = LocalModelStorage(pathlib.Path(tempfile.mkdtemp()))
WhitespaceTokenizer.create({**WhitespaceTokenizer.get_default_config()}, storage, Resource("t"), context).process_training_data(data)
for name, cls, extra in (("w", CountVectorsFeaturizer, {}), ("c", CountVectorsFeaturizer, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5}),
                         ("l", LexicalSyntacticFeaturizer, {})):
    featurizer = cls.create({**cls.get_default_config(), **extra}, storage, Resource(name), context)
    featurizer.train(data)
    featurizer.process_training_data(data)
messages, mismatched = 0, []
for message in data.training_examples:
    messages += 1
    if message_fingerprint(message, stock_functions) != message_fingerprint(message, fast_functions):
        mismatched.append(message.get("text"))
with_features = sum(1 for m in data.training_examples if m.features)

def data_fingerprint(chosen):
    for message in data.training_examples:
        message_fingerprint(message, chosen)
    return data.fingerprint()

whole = [data_fingerprint(stock_functions), data_fingerprint(fast_functions)]
# Odd containers: text that json.dumps escapes, empty ones, numbers, keys that hash alike, NumPy values.
rng = random.Random(3)
odd = [{}, [], "", [""], {"": ""}, {"é": "\"quoted\"\n"}, [1, 1.5, None, True], {1: "a", "1": "b"},
       {"nested": [{"a": [1, {"b": "ü"}]}, ["x"] * 3]}, np.float32(0.1), [np.int64(3), np.float64(2.5)]]
odd += [{str(rng.random()): [rng.choice(["a", "é", "\\\\", 7, 0.25]) for _ in range(rng.randint(0, 4))]
         for _ in range(rng.randint(0, 5))} for _ in range(200)]
odd_mismatched = [repr(o) for o in odd if len(set(both(o))) != 1]
# Sparse matrices of several dtypes, with repeated, negative, tiny values, NaN, 0.0 and -0.0.
sparse_mismatched = []
for trial in range(200):
    m = sp.random(int(rng.randint(1, 30)), int(rng.randint(1, 3000)), density=rng.uniform(0, 0.05),
                  format=["coo", "csr"][trial % 2], dtype=[np.float32, np.float64, np.int64][trial % 3], random_state=trial)
    if trial % 5 == 0 and m.nnz:
        m = m.tocoo()
        m.data[0], m.data[-1] = (np.nan, -1e-9) if m.dtype.kind == "f" else (0, -3)
        if m.nnz > 3 and m.dtype.kind == "f":
            m.data[1], m.data[2] = 0.0, -0.0
    if stock_functions[-1](m) != fast_functions[-1](m):
        sparse_mismatched.append(trial)
print("PROBE " + json.dumps({"messages": messages, "with_features": with_features, "mismatched": mismatched[:10],
                             "whole_same": whole[0] == whole[1],
                             "odd": len(odd), "odd_mismatched": odd_mismatched[:10], "sparse_mismatched": sparse_mismatched}))
'''


def test_training_fingerprints_are_the_same_as_rasa_s():
    found = run_probe(FINGERPRINT_PROBE, timeout=600)
    assert found["messages"] > 3000 and found["with_features"] == found["messages"]
    assert found["mismatched"] == [] and found["whole_same"]
    assert found["odd"] > 200 and found["odd_mismatched"] == []
    assert found["sparse_mismatched"] == []


SPACY_PROBE = r'''
import json
from bot.adapters import speedups as rasa_speedups
rasa_speedups.apply()
from rasa.nlu.utils.spacy_utils import SpacyNLP
first, second = SpacyNLP.load_model("fr_core_news_md"), SpacyNLP.load_model("fr_core_news_md")
doc = first.model("Je voudrais devenir aide-soignante")
print("PROBE " + json.dumps({"same": first is second, "ner": "ner" in first.model.pipe_names and "ner" not in first.model.disabled,
                             "lemmas": [t.lemma_ for t in doc], "vectors": bool(doc.vector.any())}))
'''


def test_the_spacy_model_is_loaded_once_per_process():
    found = run_probe(SPACY_PROBE, timeout=300)
    assert found["same"] and not found["ner"]
    assert found["lemmas"][:2] == ["je", "vouloir"] and found["vectors"]


FALLBACK_UNDO_PROBE = r'''
import copy, json
from rasa.nlu.classifiers import fallback_classifier
stock = fallback_classifier.undo_fallback_prediction
from bot.adapters import speedups as rasa_speedups
rasa_speedups.apply()
from rasa.nlu import test as rasa_test  # what `rasa test nlu` calls

class Heavy:  # stands for the spaCy document: copying it is what the speed-up avoids
    def __deepcopy__(self, memo):
        raise AssertionError("deep-copied")

ranking = [{"name": "nlu_fallback", "confidence": 1.0}, {"name": "faq", "confidence": 0.31},
           {"name": "out_of_scope", "confidence": 0.29}]
prediction = {"text": "euh", "intent": ranking[0], "intent_ranking": ranking, "entities": [{"entity": "role"}]}
before = copy.deepcopy(prediction)
fast = rasa_test.fallback_classifier.undo_fallback_prediction(dict(prediction, spacy_doc=Heavy()))
same = {k: v for k, v in fast.items() if k != "spacy_doc"} == stock(prediction)
fast["intent_ranking"][0]["confidence"] = 0.0  # the values it changed are its own, as with the stock copy
alone = {"intent": ranking[0], "intent_ranking": ranking[:1]}
print("PROBE " + json.dumps({"same": same, "intent": fast["intent"]["name"], "untouched": prediction == before,
                             "alone_kept": fallback_classifier.undo_fallback_prediction(alone) is alone}))
'''


def test_undoing_a_fallback_in_rasa_test_copies_only_what_it_changes():
    found = run_probe(FALLBACK_UNDO_PROBE, timeout=300)
    assert found == {"same": True, "intent": "faq", "untouched": True, "alone_kept": True}


# --- Checking the action server's answers, and writing the requests to it: same verdicts, same JSON ---

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_request_bodies_carry_the_values_json_dumps_writes(value):
    assert json.loads(rasa_speedups.json_text(value)) == json.loads(json.dumps(value))


def test_request_bodies_of_values_orjson_does_not_take():
    import numpy as np

    for value in ({"confidence": np.float64(0.25)}, {"big": 2**70}, {1: "integer key"}):
        assert json.loads(rasa_speedups.json_text(value)) == json.loads(json.dumps(value))
    with pytest.raises(TypeError):  # what json.dumps does not take either
        rasa_speedups.json_text({"confidence": np.float32(0.5)})
    # The one difference: json.dumps writes NaN and Infinity, which are not JSON; orjson writes null.
    assert json.loads(rasa_speedups.json_text([float("nan"), float("inf")])) == [None, None]


@functools.lru_cache(maxsize=1)
def response_schema() -> tuple[dict, object, object]:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    return schema, cls(schema), rasa_speedups.event_validators(schema, cls)


def event_names() -> list[str]:
    schema, _, _ = response_schema()
    return [branch["properties"]["event"]["const"] for branch in schema["properties"]["events"]["items"]["oneOf"]]


def event_keys() -> list[str]:
    schema, _, _ = response_schema()
    items = schema["properties"]["events"]["items"]
    return sorted({key for branch in items["oneOf"] for key in branch.get("properties", {})} | set(items["properties"]))


FIELD_VALUES = (st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=4)
                | st.lists(st.text(max_size=3), max_size=2) | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


def real_events() -> list[dict]:
    from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, FollowupAction, Restarted,
                                         SessionStarted, SlotSet, UserUttered)

    events = [SlotSet("age", 25), SlotSet("requested_slot", None), ActiveLoop("eligibility_form"), ActiveLoop(None),
              FollowupAction("action_listen"), BotUttered("Bonjour", {"buttons": []}), Restarted(), SessionStarted(),
              UserUttered("bonjour", {"name": "greet", "confidence": 1.0}), ActionExecuted("utter_greet")]
    return [event.as_dict() for event in events]


@st.composite
def action_results(draw):
    """Answers of an action server: mostly well-formed events with a field or two changed, dropped or added."""
    names = st.sampled_from(event_names()) | st.sampled_from(["nope", "", 3, None])
    keys = st.sampled_from(event_keys())
    invented = st.fixed_dictionaries({"event": names}).flatmap(
        lambda event: st.dictionaries(keys, FIELD_VALUES, max_size=3).map(lambda more: {**event, **more}))

    def altered(event: dict) -> st.SearchStrategy:
        changes = st.dictionaries(keys | st.sampled_from(sorted(event)), FIELD_VALUES, max_size=2)
        return st.tuples(changes, st.lists(st.sampled_from(sorted(event)), max_size=1)).map(
            lambda change: {k: v for k, v in {**event, **change[0]}.items() if k not in change[1]})

    real = st.sampled_from(real_events())
    event = real | real.flatmap(altered) | invented
    one_odd = st.tuples(st.lists(real, max_size=3), st.lists(event, max_size=1)).map(lambda parts: parts[0] + parts[1])
    events = one_odd | st.lists(event, max_size=4) | st.lists(event | FIELD_VALUES, max_size=3)
    responses = st.lists(st.dictionaries(st.text(max_size=3), FIELD_VALUES, max_size=2), max_size=2)
    body = st.fixed_dictionaries({}, optional={"events": events | FIELD_VALUES, "responses": responses | FIELD_VALUES})
    likely_valid = st.fixed_dictionaries({"events": one_odd}, optional={"responses": responses})
    return draw(likely_valid | body | FIELD_VALUES)


def test_the_response_schema_is_checked_event_by_event():
    _, _, split = response_schema()
    assert split is not None and len(split[1]) == len(event_names()) == 23


@settings(max_examples=1500, deadline=None)
@given(action_results())
def test_checking_each_event_against_its_own_branch_gives_the_stock_verdict(result):
    _, whole, split = response_schema()
    assert rasa_speedups.action_result_is_valid(result, whole, split) == whole.is_valid(result)


def test_real_answers_of_the_action_server_are_valid_and_broken_ones_are_not():
    _, whole, split = response_schema()
    valid = {"events": real_events(), "responses": [{"text": "Bonjour"}]}
    assert whole.is_valid(valid) and rasa_speedups.action_result_is_valid(valid, whole, split)
    for broken in ({"events": [{"event": "slot", "value": 3}]}, {"events": [{"event": "unknown"}]},
                   {"events": [{"name": "age"}]}, {"events": {"event": "slot"}}, {"responses": "text"}, ["events"],
                   {"events": [{"event": "slot", "name": 3, "value": 1}]}):
        assert not whole.is_valid(broken) and not rasa_speedups.action_result_is_valid(broken, whole, split)


# --- The version guard and the VAE_SPEEDUPS_OFF switch, on Rasa's real attributes ---

PATCHED_PROBE = r'''
import importlib, json, logging, sys
for module, version in json.loads(sys.argv[1]).items():  # libraries pretending to be another version
    importlib.import_module(module).__version__ = version
records = []

class Kept(logging.Handler):
    def emit(self, record):
        records.append([record.levelname, record.getMessage()])

logging.getLogger("bot.adapters.speedups").addHandler(Kept())
from bot.adapters import speedups as rasa_speedups
import rasa.shared.nlu.training_data.util as training_data_util
import rasa.shared.utils.io as io
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.nlu.classifiers import fallback_classifier
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.core.events import Event
from rasa.shared.nlu.training_data.features import Features
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel

def attributes():
    """What each patch replaces (the class's own entries: staticmethod and classmethod objects as they are)."""
    return {"action_schema": [vars(RemoteAction)["_validate_action_result"]],
            "orjson_payload": [vars(EndpointConfig)["session"]],
            "event_types": [vars(Event)["resolve_by_type"]],
            "tf_direct_call": [vars(RasaModel)["_rasa_predict"]],
            "tf_fast_load": [vars(RasaModel)["load"]],
            "sparse_hstack": [vars(Features)["_combine_sparse_features"]],
            "rules_first": [vars(MessageProcessor)["_predict_next_with_tracker"]],
            "train_fingerprints": [io.deep_container_fingerprint, io.get_dictionary_fingerprint,
                                   io.get_list_fingerprint, training_data_util.sparse_matrix_to_string],
            "eval_no_deepcopy": [fallback_classifier.undo_fallback_prediction],
            "selector_retrieval_only": [vars(ResponseSelector)["process"]]}

stock = attributes()
installed = rasa_speedups.apply(serving=True)
again = rasa_speedups.apply(serving=True)
patched = {name: [a is not b for a, b in zip(before, after, strict=True)]
           for (name, before), after in zip(stock.items(), attributes().values(), strict=True)}
# Both spaCy patches replace SpacyNLP.load_model: told apart by the models it loads.
first, second = SpacyNLP.load_model("fr_core_news_md"), SpacyNLP.load_model("fr_core_news_md")
patched["shared_spacy"] = [first is second]
patched["spacy_no_ner"] = ["ner" in first.model.disabled and "ner" not in first.model.pipe_names]
print("PROBE " + json.dumps({"patched": patched, "installed": list(installed), "again": list(again),
                             "records": records}))
'''

NAMES = list(rasa_speedups.PATCH_NAMES)


def patched_state(off: str | None = None, versions: dict[str, str] | None = None) -> dict:
    """In a fresh process (patches cannot be undone): which patches apply(serving=True) installed, with
    VAE_SPEEDUPS_OFF=`off` and the libraries of `versions` pretending to be those versions."""
    env = {} if off is None else {rasa_speedups.OFF_ENV: off}
    return run_probe(PATCHED_PROBE, json.dumps(versions or {}), env=env, timeout=300)


def assert_left_out(found: dict, left_out: set[str]) -> None:
    assert sorted(found["patched"]) == sorted(NAMES)  # every patch of the table is checked
    for name, replaced in found["patched"].items():
        assert replaced and replaced == [name not in left_out] * len(replaced), name
    assert found["installed"] == found["again"] == [name for name in NAMES if name not in left_out]


@pytest.mark.parametrize("off, left_out", [
    (None, set()),
    ("", set()),
    ("tf_fast_load, rules_first shared_spacy", {"tf_fast_load", "rules_first", "shared_spacy"}),
    ("spacy_no_ner,,SPARSE_HSTACK", {"spacy_no_ner", "sparse_hstack"}),
    ("all", set(NAMES)),
])
def test_the_switch_leaves_out_exactly_the_named_patches(off, left_out):
    found = patched_state(off)
    assert_left_out(found, left_out)
    assert [level for level, _ in found["records"] if level == "WARNING"] == []


def test_unknown_names_in_the_switch_are_reported_once_and_ignored():
    found = patched_state("eval_no_deepcopy, tf_fast_laod,bogus")
    assert_left_out(found, {"eval_no_deepcopy"})
    warnings = [message for level, message in found["records"] if level == "WARNING"]
    assert len(warnings) == 1 and "VAE_SPEEDUPS_OFF" in warnings[0]
    assert "tf_fast_laod" in warnings[0] and "bogus" in warnings[0]
    assert all(name in warnings[0] for name in NAMES)  # the valid names


def test_on_another_rasa_version_nothing_is_patched():
    found = patched_state(versions={"rasa": "3.6.20"})
    assert_left_out(found, set(NAMES))
    assert len(found["records"]) == 1
    level, message = found["records"][0]
    assert level == "WARNING" and "3.6.20" in message and rasa_speedups.RASA_VERSION in message


def test_on_another_tensorflow_version_its_patches_are_left_out():
    found = patched_state(versions={"tensorflow": "2.13.0"})
    assert_left_out(found, {"tf_direct_call", "tf_fast_load"})
    assert len(found["records"]) == 1
    level, message = found["records"][0]
    assert level == "WARNING" and "tf_direct_call" in message and "tf_fast_load" in message and "2.13.0" in message
