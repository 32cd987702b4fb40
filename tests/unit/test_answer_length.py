"""Issue 34: answers stay short. Every FAQ answer the product can give, and the options answer for every profile,
holds at most MAX_FAQ_LINES lines before its source line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.dialogue.faq import render
from bot.core.options import Profile
from bot.core.read.speaker import PARTICULIER, PRIVATE, PUBLIC
from bot.core.say.faq import faq_placeholders
from bot.core.say.options import options_message
from tests.unit.say_checks import K

MAX_FAQ_LINES = 8
FAQ = yaml.safe_load((Path(__file__).parents[2] / "data" / "nlu" / "faq.yml").read_text(encoding="utf-8"))
ANSWERS = [(key, index, variant["text"]) for key, variants in FAQ["responses"].items()
           for index, variant in enumerate(variants)]


def _lines_before_source(text: str) -> int:
    return len([line for line in text.split("Source :")[0].strip().splitlines() if line.strip()])


@pytest.mark.parametrize("key,index,text", ANSWERS, ids=[f"{key}-{index}" for key, index, _ in ANSWERS])
def test_every_faq_answer_is_short(key, index, text):
    assert _lines_before_source(render(text, faq_placeholders(K))) <= MAX_FAQ_LINES


@pytest.mark.parametrize("profile", [
    Profile(age=14), Profile(age=20), Profile(age=40, situation="salarie"), Profile(age=50, experienced=True),
    Profile(), Profile(employer_kind=PRIVATE), Profile(employer_kind=PUBLIC), Profile(employer_kind=PARTICULIER),
])
def test_the_options_answer_is_short(profile):
    assert _lines_before_source(options_message(profile, K)) <= MAX_FAQ_LINES
