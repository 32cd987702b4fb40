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


def probe(model, speedups: bool) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, str(model), "1" if speedups else "0"], cwd=ROOT,
                            input=json.dumps(MESSAGES), capture_output=True, text=True, timeout=600,
                            env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    lines = [line for line in result.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1][len("PROBE "):])


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
