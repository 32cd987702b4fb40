"""The training data stays clean: no example twice, none of the held-out set in the training data."""
import re
from pathlib import Path

import yaml

from bot.core.read.text import strip_accents

ROOT = Path(__file__).resolve().parents[2]


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, normalised text) for each example of a Rasa NLU file, entity annotations removed."""
    found = []
    for block in yaml.safe_load(path.read_text()).get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip().removeprefix("- "))
            if text:
                found.append((block["intent"], re.sub(r"\W+", " ", text.lower()).strip()))
    return found


def training() -> list[tuple[str, str]]:
    return [e for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for e in examples(path)]


def test_no_example_is_repeated():
    texts = [text for _, text in training()]
    repeated = {t for t in texts if texts.count(t) > 1}
    assert not repeated


def test_every_intent_has_at_least_15_examples():
    counts: dict[str, int] = {}
    for intent, _ in training():
        counts[intent] = counts.get(intent, 0) + 1
    assert min(counts.values()) >= 15, {i: n for i, n in counts.items() if n < 15}


def test_heldout_set_is_not_in_the_training_data():
    heldout = examples(ROOT / "tests" / "nlu" / "heldout.yml")
    assert len(heldout) >= 150
    # Not even as a variant without accents ("t'as quel age" would give away "t'as quel âge ?").
    seen = {strip_accents(text) for _, text in training()}
    assert not [text for _, text in heldout if strip_accents(text) in seen]
