"""The visitor simulator (bot/tools/simulator.py): seeded, built from unseen ROME titles, expectations from how each
visitor was built."""
from __future__ import annotations

import re
from datetime import date

from bot.core.knowledge import load
from bot.core.knowledge.rome import load_rome
from bot.core.read.jobs import job_index
from bot.core.read.text import normalize, word_tokens
from bot.tools.conversations import DEFAULT_TODAY
from bot.tools.simulator import MONTHS, training_text, usable_titles, visitors


def test_the_same_seed_gives_the_same_visitors_and_another_seed_others():
    assert visitors(50, seed=7) == visitors(50, seed=7)
    assert visitors(50, seed=7) != visitors(50, seed=8)


def test_two_thousand_visitors_in_every_register():
    generated = visitors(2000)
    assert len(generated) == 2000 and len({v.id for v in generated}) == 2000
    assert {v.register for v in generated} == {"formal", "colloquial", "sms", "typos", "question", "employer"}
    assert all(v.outcome in ("verdict", "plan") and v.slots for v in generated)


def test_no_title_of_the_training_data_is_used():
    seen = training_text()
    assert len(usable_titles()) > 1000
    assert not [m for m, f, _ in usable_titles() if f" {normalize(m)} " in seen or f" {normalize(f)} " in seen]


def test_a_birth_date_gives_the_age_the_visitor_is_expected_to_have():
    for visitor in visitors(300):
        said = next((t for t in visitor.turns if t.startswith("je suis né le")), None)
        if said is None:
            continue
        day, month, year = re.match(r"je suis né le (\d+) (\S+) (\d{4})", said).groups()
        born = date(int(year), MONTHS.index(month) + 1, int(day))
        had = (DEFAULT_TODAY.month, DEFAULT_TODAY.day) >= (born.month, born.day)
        assert visitor.slots["age"] == DEFAULT_TODAY.year - born.year - (0 if had else 1)


def test_every_title_is_a_whole_rome_title_with_its_sector():
    # "Trieur-classeur / Trieuse-classeuse de bois" is "Trieur-classeur de bois": a bare "Trieur-classeur" is
    # no title, and no reader could be expected to find its sector.
    k = load()
    index = job_index(k, load_rome(k))
    for masculine, feminine, sector in usable_titles():
        for form in (masculine, feminine):
            assert index.titles[" ".join(word_tokens(form))][1] == sector, form
