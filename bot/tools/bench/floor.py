"""The floor under the latency: the NLU parse alone (Agent.parse_message, in-process, no HTTP, no dialogue,
no store) and the spaCy pipeline alone, for the messages the visitors send.

Run in its own process by the benchmark (`python -m bot.tools.bench.floor MODEL`), so the model's memory and
TensorFlow's threads are gone before the load starts; prints one JSON object.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time

from bot.tools.bench.scenarios import all_messages
from bot.tools.bench.stats import summarise_floor


def timed_ms(action, *args) -> float:  # noqa: ANN001 (a plain callable)
    started = time.perf_counter()
    action(*args)
    return (time.perf_counter() - started) * 1000


async def nlu_parse_ms(model: str, messages: list[str], rounds: int) -> list[float]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    for text in messages:  # warm-up: the first predictions build TensorFlow's graphs
        await agent.parse_message(text)
    samples = []
    for _ in range(rounds):
        for text in messages:
            started = time.perf_counter()
            await agent.parse_message(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def spacy_ms(messages: list[str], rounds: int, spacy_model: str = "fr_core_news_md") -> list[float]:
    import spacy

    nlp = spacy.load(spacy_model, disable=["parser"])  # as Rasa's SpacyNLP loads it
    for text in messages:
        nlp(text)
    return [timed_ms(nlp, text) for _ in range(rounds) for text in messages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.bench.floor", description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a trained model (.tar.gz)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--spacy", action="store_true", help="also time the spaCy pipeline alone")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    messages = all_messages()
    result = {"messages": len(messages), "rounds": args.rounds,
              "nlu_parse": summarise_floor(asyncio.run(nlu_parse_ms(args.model, messages, args.rounds)))}
    if args.spacy:
        result["spacy"] = summarise_floor(spacy_ms(messages, args.rounds))
    print("BENCH-FLOOR " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
