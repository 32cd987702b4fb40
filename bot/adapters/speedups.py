"""`python -m bot.adapters.speedups run …`: Rasa's own command line, with per-message costs removed.

Profiling the Rasa server under load (py-spy, `make bench`) showed work that gives the same result every time.
Each patch below removes one such cost without changing any result (tests/test_rasa_speedups.py compares stock
and patched Rasa); the function that installs it explains what it saves and why the results stay the same.
Nothing else changes: NLU, policies, dialogue state and the stores work as in stock Rasa. bot/tools/serve.py
starts the Rasa server through this module; training, `make eval` and the bench use it too.

The patches (names as in PATCHES and VAE_SPEEDUPS_OFF):
- action_schema: the action server's answers checked against a schema compiled once, event by event;
- orjson_payload: the requests to the action server written by orjson instead of `json`;
- event_types: the Event subclass of each stored event's type name remembered;
- tf_direct_call: TensorFlow predictions call the concrete function directly, without re-checking the inputs;
- tf_fast_load: a TensorFlow model loaded without its one-step training run;
- spacy_no_ner: spaCy's named-entity recogniser, which nothing reads, left out;
- shared_spacy: the spaCy model loaded once per process, shared by the graph's two spaCy nodes;
- sparse_hstack: two COO sparse feature matrices joined directly instead of by `scipy.sparse.hstack`;
- rules_first: the RulePolicy runs first, and alone when it is sure;
- train_fingerprints: training cache fingerprints built faster, with the same values;
- eval_no_deepcopy: `rasa test nlu` copies only the intent and ranking when undoing a fallback;
- selector_retrieval_only: serving only (`run`, `shell`), the ResponseSelector runs only for FAQ questions.

Version guard: the patches replace private internals of Rasa RASA_VERSION (3.6.21). On any other Rasa
version apply() installs none of them, logs one warning naming both versions, and Rasa runs stock. The patches
that also replace another library's internals (TensorFlow, Keras, SciPy) are skipped, with one warning, when
that library is not the version they were written for (LIBRARY_VERSIONS).

Switch: VAE_SPEEDUPS_OFF names patches to leave out (comma or space separated, e.g.
`VAE_SPEEDUPS_OFF=tf_fast_load,rules_first`; `all` leaves them all out). An unknown name is reported in one
warning, with the valid names, and otherwise ignored.
"""
from __future__ import annotations

import functools
import importlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"  # the Rasa version whose internals the patches replace (written and tested for it)
# Other libraries whose private internals some patches replace: module name -> the version they were written for.
LIBRARY_VERSIONS = {"tensorflow": "2.12.0", "keras": "2.12.0", "scipy": "1.10.1"}
OFF_ENV = "VAE_SPEEDUPS_OFF"  # names of patches to leave out, comma or space separated; "all" for all of them
SERVING_COMMANDS = ("run", "shell")


def event_validators(schema: dict[str, Any], validator_class: type) -> tuple[Any, dict[str, Any]] | None:
    """Rasa's action response schema split by event type: (a validator of the response with its events checked
    only as objects, {event name: a validator of one event of that name}); None for a schema of another shape.

    Each event must match exactly one of the schema's `oneOf` branches, and each branch admits one event name
    (`"event": {"const": …}`), all different: an event is valid exactly when it matches the common part and
    the branch of its name. Checked that way, an event is compared with one branch instead of all 23."""
    events = (schema.get("properties") or {}).get("events") or {}
    items = events.get("items") or {}
    branches = items.get("oneOf")
    if not isinstance(branches, list) or set(items) - {"type", "properties", "required", "oneOf"}:
        return None
    names = [((branch.get("properties") or {}).get("event") or {}).get("const") for branch in branches]
    if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        return None
    common = {key: value for key, value in items.items() if key != "oneOf"}
    outer = {**schema, "properties": {**schema["properties"], "events": {**events, "items": {"type": "object"}}}}
    return validator_class(outer), {name: validator_class({**common, "allOf": [branch]})
                                    for name, branch in zip(names, branches)}


def action_result_is_valid(result: Any, whole: Any, split: tuple[Any, dict[str, Any]] | None) -> bool:
    """`whole.is_valid(result)` (the schema's validator), checked through `split` (event_validators) if given."""
    if split is None:
        return whole.is_valid(result)
    outer, by_name = split
    if not outer.is_valid(result):  # not an object, events not a list of objects, …
        return False
    for event in result.get("events") or []:
        name = event.get("event")
        validator = by_name.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def cached_action_result_validation() -> None:
    """action_schema. Each answer of the action server is checked against Rasa's response schema with
    `jsonschema.validate`, which first re-checks the schema itself against the JSON-Schema meta-schema: about a
    sixth of the server's CPU per message. The schema is a constant, so it is checked once and its validators
    reused; every answer is still validated, with the same error (best match) when it is invalid. Each event of an
    answer must match exactly one of the schema's 23 `oneOf` branches, one per event name: it is checked against
    the branch of its name only (the same verdict, tested; about a twentieth of the server's CPU per message)."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    validators: dict[type, Any] = {}

    def validators_of(action: RemoteAction) -> tuple[Any, tuple[Any, dict[str, Any]] | None]:
        if type(action) not in validators:
            schema = action.action_response_format_spec()
            cls = validator_for(schema)
            cls.check_schema(schema)
            validators[type(action)] = (cls(schema), event_validators(schema, cls))
        return validators[type(action)]

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if action_result_is_valid(result, *validators_of(self)):
            return True
        return original(self, result)  # invalid: the stock path raises the stock error

    RemoteAction._validate_action_result = validate_action_result


def json_text(value: Any) -> str:
    """`value` as JSON text, written by orjson: the same values as `json.dumps(value)` reads back (tested), about
    six times faster on a conversation; anything orjson does not take (a NumPy scalar, an integer over 64 bits,
    …) goes through `json.dumps`. Unlike `json.dumps`, a NaN or infinite float becomes `null` (valid JSON)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value)


def fast_request_bodies() -> None:
    """orjson_payload. Each call to the action server sends the whole conversation (every event, with each
    message's NLU result) as JSON written by the standard `json` module: about 1 ms per call for a ten-message
    conversation here, a twentieth of the server's CPU per message. orjson writes it (the same values, see
    json_text) in about a sixth of that time."""
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    @functools.wraps(EndpointConfig.session)
    def session(self: EndpointConfig) -> aiohttp.ClientSession:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        return aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=json_text,
                                     timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))

    EndpointConfig.session = session


def cached_event_types() -> None:
    """event_types. Reading a stored event walks every Event subclass to find its type
    (`Event.resolve_by_type`); the classes found are remembered (a type not found yet still takes the original
    path)."""
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type.__func__ if hasattr(Event.resolve_by_type, "__func__") else Event.resolve_by_type
    known: dict[str, type] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        found = known.get(type_name)
        if found is not None:
            return found
        resolved = original(type_name, default)
        if resolved is not None and resolved is not default:
            known[type_name] = resolved
        return resolved

    Event.resolve_by_type = staticmethod(resolve_by_type)


def direct_concrete_predictions() -> None:
    """tf_direct_call. Every prediction of a TensorFlow model (the ResponseSelector, TED; DIET in Rasa's default
    recipe) goes through `tf.function.__call__`, which re-checks the inputs against the function's fixed input
    signature (about a tenth of the server's CPU): the concrete function of that signature is called directly
    with the same tensors, made from the NumPy inputs the way tf.convert_to_tensor makes them but without its
    dispatch layers (any input it would not take goes the stock way, which raises the stock error). Uses
    TensorFlow's and Keras's private internals: guarded on their versions too."""
    import numpy as np
    from keras.utils import tf_utils
    from tensorflow.python.eager import context
    from tensorflow.python.framework import ops
    from rasa.shared.constants import DIAGNOSTIC_DATA
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel._rasa_predict
    # id(tf.function) -> (its concrete function, input specs, their dtypes as TensorFlow's enum values)
    concrete: dict[int, tuple[Any, list, list[int]]] = {}

    def rasa_predict(self: RasaModel, batch_in: Any) -> Any:
        function = self._tf_predict_step
        if function is None or self._run_eagerly or not self.prepared_for_prediction:
            return original(self, batch_in)  # first call: the stock path builds the function
        found = concrete.get(id(function))
        if found is None:
            specs = list(function.input_signature[0])
            found = concrete[id(function)] = (function.get_concrete_function(), specs,
                                              [spec.dtype.as_datatype_enum for spec in specs])
        function_of_signature, specs, dtypes = found
        if len(batch_in) != len(specs) or any(
            not isinstance(array, np.ndarray) or array.dtype != spec.dtype.as_numpy_dtype
            or array.ndim != len(spec.shape) for array, spec in zip(batch_in, specs)
        ):
            return original(self, batch_in)
        if self._training is not False:  # Keras tracks every attribute set: only when it changes
            self._training = False
        # What tf.convert_to_tensor does for a NumPy array of the right dtype, without its dispatch layers.
        device = context.context().device_name
        tensors = [ops.EagerTensor(array, device, dtype) for array, dtype in zip(batch_in, dtypes)]
        outputs = tf_utils.sync_to_numpy_or_python_type(
            function_of_signature._call_flat(tensors, function_of_signature.captured_inputs))
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    RasaModel._rasa_predict = rasa_predict


def load_without_training_step() -> None:
    """tf_fast_load. Loading a TensorFlow model (the ResponseSelector, TED, DIET) first trains it for one step on
    one example, only to create its variables, then overwrites them with the trained weights: about three
    quarters of the start-up time. The trained weights are read first instead, and the prediction Rasa makes
    anyway to warm the model up creates the variables, each restored from the checkpoint as it is created
    (TensorFlow's deferred restoration). Same weights, same predictions, without tracing a training step.
    Relies on how TensorFlow restores a checkpoint: guarded on its version too."""
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel.load.__func__

    def load(cls: type, model_file_name: str, model_data_example: Any, predict_data_example: Any = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any) -> Any:
        if finetune_mode or predict_data_example is None:
            return original(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                            *args, **kwargs)
        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                      run_eagerly=config.get(RUN_EAGERLY))
        # Optimizer slots in the checkpoint are not needed to predict: expect_partial() keeps TensorFlow quiet.
        status = model.load_weights(model_file_name)
        if status is not None:  # TensorFlow checkpoint format, which Rasa writes
            status.expect_partial()
        model.run_inference(predict_data_example)  # creates the variables, restored as they are created
        return model

    RasaModel.load = classmethod(load)


def spacy_without_ner() -> None:
    """spacy_no_ner. spaCy's named-entity recogniser runs on every message although nothing in the pipeline
    reads its output (SpacyNLP already leaves the parser out): it is left out too. Tokens, lemmas, tags and
    vectors are the same, so the trained model sees exactly the features it was trained on."""
    from rasa.nlu.utils import spacy_utils

    original = spacy_utils.SpacyNLP.load_model

    def load_model(spacy_model_name: str) -> Any:
        model = original(spacy_model_name)
        if "ner" in model.model.pipe_names:  # the enabled components
            model.model.disable_pipe("ner")
        return model

    spacy_utils.SpacyNLP.load_model = staticmethod(load_model)


def shared_spacy_model() -> None:
    """shared_spacy. The model's graph has two spaCy nodes (one provides the model, one runs it over the
    messages) and each loaded its own copy of the spaCy model, although only the provided one is used: it is
    loaded once per process and shared, in training and in the server (one copy less per worker). Installed
    after spacy_no_ner, so the shared copy is the one without NER."""
    from rasa.nlu.utils import spacy_utils

    original = spacy_utils.SpacyNLP.load_model
    loaded: dict[str, Any] = {}

    def load_model(spacy_model_name: str) -> Any:
        if spacy_model_name not in loaded:  # one copy per process, shared by the graph's two spaCy nodes
            loaded[spacy_model_name] = original(spacy_model_name)
        return loaded[spacy_model_name]

    spacy_utils.SpacyNLP.load_model = staticmethod(load_model)


def direct_sparse_concatenation() -> None:
    """sparse_hstack. Each message's sparse features (word and character n-grams, lexical features) are joined
    with `scipy.sparse.hstack`, whose generic block-matrix code checks and converts far more than two COO
    matrices side by side need (about a twentieth of the server's CPU per message, and of the featurizing
    before training): two COO matrices are joined directly, with the same entries in the same order, the same
    dtypes and shape; anything else goes the stock way. Uses SciPy's private helpers (`scipy.sparse._sputils`)
    and reproduces its output: guarded on its version too."""
    import numpy as np
    import scipy.sparse
    from rasa.shared.nlu.training_data.features import Features

    original = Features._combine_sparse_features

    def combine_sparse_features(self: Features, additional: Features) -> None:
        left, right = self.features, additional.features
        if not (isinstance(left, scipy.sparse.coo_matrix) and isinstance(right, scipy.sparse.coo_matrix)) \
                or left.shape[0] != right.shape[0]:
            return original(self, additional)  # other formats, and the stock error for mismatched rows
        # What scipy.sparse.bmat does for two COO blocks side by side, without its generic checks.
        shape = (left.shape[0], left.shape[1] + right.shape[1])
        index = scipy.sparse._sputils.get_index_dtype(maxval=max(shape))
        data = np.concatenate((left.data, right.data)).astype(scipy.sparse._sputils.upcast(left.dtype, right.dtype),
                                                               copy=False)
        rows = np.concatenate((left.row, right.row)).astype(index, copy=False)
        columns = np.concatenate((left.col, right.col + left.shape[1])).astype(index, copy=False)
        self.features = scipy.sparse.coo_matrix((data, (rows, columns)), shape=shape)
        self._cached_fingerprint = None

    Features._combine_sparse_features = combine_sparse_features


def fast_fingerprints() -> None:
    """train_fingerprints. Training fingerprints the output of every step of the pipeline for Rasa's cache
    (every message again after each featurizer: its text, tokens and features). Rasa builds each fingerprint by
    formatting every entry of every sparse feature matrix as text with Python's `%` and by hashing each
    container through `json.dumps`: about a sixth of a training's fixed cost. The same text is built with one
    formatting per distinct value and the containers' JSON is written directly when it holds only hexadecimal
    hashes (anything else goes through `json.dumps` as before): the same fingerprints, so the cache keeps
    working across the two."""
    import json

    import rasa.shared.nlu.training_data.util as training_data_util
    import rasa.shared.utils.io as io

    text_hash = io.get_text_hash  # Rasa's md5 of a text, unchanged

    def plain(hashes: list[Any]) -> bool:
        """True when every item is a str that json.dumps writes as itself between quotes (hex hashes are)."""
        return all(type(h) is str and h.isascii() and h.isalnum() for h in hashes)

    # Hashes of short texts (token texts, lemmas, offsets, tags recur in every message and every step).
    short_hashes: dict[str, str] = {}

    def deep_container_fingerprint(obj: Any, encoding: str = io.DEFAULT_ENCODING) -> str:
        if isinstance(obj, dict):
            return get_dictionary_fingerprint(obj, encoding)
        if isinstance(obj, list):
            return get_list_fingerprint(obj, encoding)
        if hasattr(obj, "fingerprint") and callable(obj.fingerprint):
            return obj.fingerprint()
        text = str(obj)
        if len(text) > 64 or encoding != io.DEFAULT_ENCODING:
            return text_hash(text, encoding)
        hashed = short_hashes.get(text)
        if hashed is None:
            hashed = text_hash(text, encoding)
            if len(short_hashes) < 200_000:
                short_hashes[text] = hashed
        return hashed

    def get_dictionary_fingerprint(dictionary: dict[Any, Any], encoding: str = io.DEFAULT_ENCODING) -> str:
        hashed = {deep_container_fingerprint(k, encoding): deep_container_fingerprint(v, encoding)
                  for k, v in dictionary.items()}
        if plain(list(hashed)) and plain(list(hashed.values())):
            stringified = "{" + ", ".join(f'"{k}": "{hashed[k]}"' for k in sorted(hashed)) + "}"
        else:
            stringified = json.dumps(hashed, sort_keys=True)
        return text_hash(stringified, encoding)

    def get_list_fingerprint(elements: list[Any], encoding: str = io.DEFAULT_ENCODING) -> str:
        hashed = [deep_container_fingerprint(element, encoding) for element in elements]
        stringified = "[" + ", ".join(f'"{h}"' for h in hashed) + "]" if plain(hashed) else json.dumps(hashed)
        return text_hash(stringified, encoding)

    def sparse_matrix_to_string(m: Any) -> str:
        coo = m.tocoo()
        # The stock code writes "  (row, col)\tvalue" with `%s` on NumPy scalars: indices print as integers,
        # values as NumPy prints them, which is formatted once per distinct value here.
        scalar, texts = coo.data.dtype.type, {}
        lines = []
        for row, col, value in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
            text = texts.get(value) if value else None  # 0.0 and -0.0 are equal keys but print apart
            if text is None:
                text = texts[value] = str(scalar(value))
            lines.append(f"  ({row}, {col})\t{text}")
        return "\n".join(lines)

    for name, fast in (("deep_container_fingerprint", deep_container_fingerprint),
                       ("get_dictionary_fingerprint", get_dictionary_fingerprint),
                       ("get_list_fingerprint", get_list_fingerprint)):
        fast.__wrapped__ = getattr(io, name)  # type: ignore[attr-defined]
        setattr(io, name, fast)
    sparse_matrix_to_string.__wrapped__ = training_data_util.sparse_matrix_to_string  # type: ignore[attr-defined]
    training_data_util.sparse_matrix_to_string = sparse_matrix_to_string


def light_fallback_undo() -> None:
    """eval_no_deepcopy. `rasa test nlu` (make eval) parses each test message with everything it computed, the
    spaCy document included, and when the FallbackClassifier answered, takes the intent ranked next from a deep
    copy of the whole result: copying the spaCy document copies its vocabulary, about 5 s per such message here
    (a fold's two evaluation passes of our config took 3 to 4.5 minutes instead of about 46 s). Only the intent
    and the ranking, the two values it changes, are copied; the caller's result is left untouched, as before."""
    import copy

    from rasa.nlu.classifiers import fallback_classifier
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

    original = fallback_classifier.undo_fallback_prediction

    @functools.wraps(original)
    def undo_fallback_prediction(prediction: dict[str, Any]) -> dict[str, Any]:
        ranking = prediction.get(INTENT_RANKING_KEY, [])
        if len(ranking) < 2:
            return prediction
        undone = dict(prediction)  # a new dict: the prediction given stays as it was
        undone[INTENT] = copy.deepcopy(ranking[1])
        undone[INTENT_RANKING_KEY] = copy.deepcopy(ranking[1:])
        return undone

    fallback_classifier.undo_fallback_prediction = undo_fallback_prediction


def rules_first_predictions() -> None:
    """rules_first. Every prediction of the next action runs all the policies, then keeps the best
    (`select_prediction`). When the RulePolicy is sure (confidence 1.0), no other policy can win: it has the
    highest priority and ties go to it; only "no user" and end-to-end predictions overrule confidence, and only
    the RulePolicy makes the first (TED makes the second only when trained on stories with user text, which
    this project has none of: a test checks); the others' predictions add no events. So the RulePolicy runs
    first, and when it is sure (and the previous action was not rejected, which zeroes its choice) the ensemble
    combines its prediction alone; otherwise every policy runs, as in stock Rasa. TED and memoization were a
    quarter of the server's CPU per message, while rules and forms decide almost every turn of this assistant."""
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.core.processor import MessageProcessor
    from rasa.engine.constants import PLACEHOLDER_TRACKER
    from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
    from rasa.shared.core.trackers import DialogueStateTracker

    original = MessageProcessor._predict_next_with_tracker

    def plan_of(processor: MessageProcessor) -> tuple[str, list[str]] | None:
        """(the RulePolicy's node, the other policies' nodes) of the model's graph, found once per graph runner;
        None when the graph does not have exactly one RulePolicy."""
        runner = processor.graph_runner
        if not hasattr(runner, "_rules_first_plan"):
            schema = runner._graph_schema
            target = processor.model_metadata.core_target
            needs = list(schema.nodes[target].needs.values()) if target in schema.nodes else []
            policies = [n for n in needs if n in schema.nodes and schema.nodes[n].fn == "predict_action_probabilities"]
            rules = [n for n in policies if issubclass(schema.nodes[n].uses, RulePolicy)]
            runner._rules_first_plan = (rules[0], [n for n in policies if n != rules[0]]) if len(rules) == 1 else None
        return runner._rules_first_plan

    def last_action_rejected(tracker: DialogueStateTracker) -> bool:
        for event in reversed(tracker.events):
            if isinstance(event, (ActionExecuted, ActionExecutionRejected)):
                return isinstance(event, ActionExecutionRejected)
        return False

    @functools.wraps(original)
    def predict_next_with_tracker(self: MessageProcessor, tracker: DialogueStateTracker) -> Any:
        plan = plan_of(self)
        if plan is None or tracker.followup_action:
            return original(self, tracker)
        rule_node, others = plan
        inputs = {PLACEHOLDER_TRACKER: tracker}
        rules = self.graph_runner.run(inputs=inputs, targets=[rule_node])[rule_node]
        # A node given as an input is not run: its value is the one given (None: left out of the ensemble).
        inputs[rule_node] = rules
        if rules.max_confidence >= 1.0 and not last_action_rejected(tracker):
            inputs.update({node: None for node in others})
        target = self.model_metadata.core_target
        return self.graph_runner.run(inputs=inputs, targets=[target])[target]

    MessageProcessor._predict_next_with_tracker = predict_next_with_tracker


def responses_for_retrieval_intents_only() -> None:
    """selector_retrieval_only. Serving only (`run`, `shell`): the ResponseSelector picks a FAQ answer only for a
    message the intent classifier took for a FAQ question (its retrieval intent), about a tenth of the server's
    CPU for any other message. For any other message, Rasa reads nothing of its
    prediction (the processor takes the answer only when the message's final intent is the retrieval intent,
    and so does our `action_answer_faq`), so that prediction is not made: the message gets the list of
    retrieval intents alone. `rasa test nlu` (make eval) scores the ResponseSelector on every message, so it is
    left stock."""
    from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, RESPONSE_SELECTOR_RETRIEVAL_INTENTS
    from rasa.nlu.selectors.response_selector import ResponseSelector
    from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY

    original = ResponseSelector.process

    @functools.wraps(original)
    def process(self: ResponseSelector, messages: list[Any]) -> list[Any]:
        served = [self.retrieval_intent] if self.retrieval_intent else self.all_retrieval_intents
        asked = []
        for message in messages:
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in served:
                asked.append(message)
            else:
                properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME, {})
                properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.all_retrieval_intents
                message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        if asked:
            original(self, asked)
        return messages

    ResponseSelector.process = process


@dataclass(frozen=True)
class Patch:
    """One speed-up: its stable name (VAE_SPEEDUPS_OFF), the function installing it (which explains it), a one-line
    description, the other libraries whose internals it replaces (LIBRARY_VERSIONS keys), whether it is only for
    serving (`run`, `shell`)."""
    name: str
    install: Callable[[], None]
    description: str
    libraries: tuple[str, ...] = ()
    serving_only: bool = False


# Installed in this order (spacy_no_ner before shared_spacy: the shared copy is the one without NER).
PATCHES: tuple[Patch, ...] = (
    Patch("action_schema", cached_action_result_validation,
          "the action server's answers checked against a schema compiled once, event by event"),
    Patch("orjson_payload", fast_request_bodies, "the requests to the action server written by orjson"),
    Patch("event_types", cached_event_types, "the Event subclass of each stored event's type name remembered"),
    Patch("tf_direct_call", direct_concrete_predictions,
          "TensorFlow predictions call the concrete function directly, without re-checking the inputs",
          libraries=("tensorflow", "keras")),
    Patch("tf_fast_load", load_without_training_step, "a TensorFlow model loaded without its one-step training run",
          libraries=("tensorflow",)),
    Patch("spacy_no_ner", spacy_without_ner, "spaCy's named-entity recogniser, which nothing reads, left out"),
    Patch("shared_spacy", shared_spacy_model, "the spaCy model loaded once per process, shared by both spaCy nodes"),
    Patch("sparse_hstack", direct_sparse_concatenation,
          "two COO sparse feature matrices joined directly instead of by scipy.sparse.hstack", libraries=("scipy",)),
    Patch("rules_first", rules_first_predictions, "the RulePolicy runs first, and alone when it is sure"),
    Patch("train_fingerprints", fast_fingerprints, "training cache fingerprints built faster, with the same values"),
    Patch("eval_no_deepcopy", light_fallback_undo,
          "rasa test nlu copies only the intent and ranking when undoing a fallback"),
    Patch("selector_retrieval_only", responses_for_retrieval_intents_only,
          "serving only: the ResponseSelector runs only for messages taken for FAQ questions", serving_only=True),
)
PATCH_NAMES = tuple(patch.name for patch in PATCHES)


def rasa_version_supported(found: str, expected: str = RASA_VERSION) -> bool:
    """True when Rasa `found` is the version the patches were written for (exactly: any other one, even a patch
    release, may have changed the internals they replace)."""
    return found.strip() == expected


def module_version(module: str) -> str:
    """The installed version of a library (its module's `__version__`; "" when it has none)."""
    return str(getattr(importlib.import_module(module), "__version__", ""))


def library_mismatches(patch: Patch, version_of: Callable[[str], str] = module_version) -> list[str]:
    """The libraries of `patch` not at the version it was written for, as "name found (written for expected)"."""
    found = {library: version_of(library) for library in patch.libraries}
    return [f"{library} {found[library] or '?'} (written for {LIBRARY_VERSIONS[library]})"
            for library in patch.libraries if found[library] != LIBRARY_VERSIONS[library]]


def switched_off(value: str) -> tuple[frozenset[str], list[str]]:
    """The patch names listed in a VAE_SPEEDUPS_OFF value (comma or space separated, any case; "all": every
    patch), and the unknown names found there, in their order."""
    words = [word.lower() for word in re.split(r"[\s,]+", value) if word]
    off = set(PATCH_NAMES) if "all" in words else {word for word in words if word in PATCH_NAMES}
    unknown = [word for word in dict.fromkeys(words) if word != "all" and word not in PATCH_NAMES]
    return frozenset(off), unknown


# Per process: the patches decided (name -> installed), whether Rasa's version turned them all down, the unknown
# names already reported. Each patch is decided once: apply() is idempotent.
_decided: dict[str, bool] = {}
_stock_rasa = False
_reported_unknown: set[str] = set()


def apply(serving: bool = False, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Install the speed-ups in this process (idempotent); Sanic's forked workers inherit them. `serving`: the
    serving-only ones too (`run`, `shell`). Nothing on another Rasa version than RASA_VERSION (one warning);
    not the patches named in VAE_SPEEDUPS_OFF (of `environ`, default os.environ). Returns the names of the
    patches installed in this process."""
    global _stock_rasa
    if _stock_rasa:
        return ()
    import rasa

    if not rasa_version_supported(rasa.__version__):
        _stock_rasa = True
        logger.warning("Rasa speed-ups not applied: they were written for Rasa %s, found Rasa %s; Rasa runs stock.",
                       RASA_VERSION, rasa.__version__)
        return ()
    off, unknown = switched_off((os.environ if environ is None else environ).get(OFF_ENV, ""))
    unknown = [name for name in unknown if name not in _reported_unknown]
    if unknown:
        _reported_unknown.update(unknown)
        logger.warning("%s: unknown speed-up name(s) %s ignored; valid names: %s, all.", OFF_ENV,
                       ", ".join(unknown), ", ".join(PATCH_NAMES))
    pending = [patch for patch in PATCHES if patch.name not in _decided and (serving or not patch.serving_only)]
    left_out, mismatched = [], []
    for patch in pending:
        if patch.name in off:
            _decided[patch.name] = False
            left_out.append(patch.name)
            continue
        mismatches = library_mismatches(patch, module_version)
        if mismatches:
            _decided[patch.name] = False
            mismatched.append(f"{patch.name} ({', '.join(mismatches)})")
            continue
        patch.install()
        _decided[patch.name] = True
    if left_out:
        logger.info("Rasa speed-ups left out by %s: %s.", OFF_ENV, ", ".join(left_out))
    if mismatched:
        logger.warning("Rasa speed-ups not applied, another library version than written for: %s.",
                       "; ".join(mismatched))
    return installed()


def installed() -> tuple[str, ...]:
    """The names of the patches installed in this process, in the table's order."""
    return tuple(name for name in PATCH_NAMES if _decided.get(name))


def main() -> None:
    apply(serving=bool(sys.argv[1:2]) and sys.argv[1] in SERVING_COMMANDS)
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
