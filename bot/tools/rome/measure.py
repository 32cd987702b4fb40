"""Accuracy and speed of the job reader on ROME titles, now and (with --before REF) at another commit.

    python -m bot.tools.rome.measure [--n 2000] [--seed 33] [--before 201fbef]

A seeded sample of ROME titles, typed as answers (masculine or feminine, some plural, some without accents, some
with a one-letter typo) and inside sentences ("je suis X depuis 5 ans"), each expected in the sector of its code
(knowledge/rome/sectors.yml; a title the knowledge file lists word for word keeps that sector). Prints the
accuracy of `parse_sector` (answers) and `find_sector_in` (sentences), per-message p50/p95, and the index's
build time and memory.
"""
from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bot.core.knowledge import Knowledge, load
from bot.core.knowledge.rome import Rome, load_rome
from bot.core.read.jobs import title_forms
from bot.core.read.text import strip_accents, word_tokens

SENTENCES = (
    "je suis {} depuis 5 ans",
    "je travaille comme {} dans une petite entreprise",
    "j'ai été {} pendant dix ans et je cherche une formation",
    "actuellement {}, je voudrais savoir si je suis éligible",
    "bonjour, je suis {} et j'ai 34 ans",
)
CHAT = ("suis-je éligible ?", "combien ça coûte ?", "bonjour", "qui finance la formation ?", "j'ai 30 ans",
        "je veux parler à un conseiller", "est-ce que les frais de transport sont couverts ?")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Case:
    text: str
    expected: str
    code: str
    title: str


def expected_sector(k: Knowledge, rome: Rome, form: str, code: str) -> str | None:
    """The sector a title should be read as: a knowledge phrase equal to it, else its code's sector."""
    return _phrases(k).get(" ".join(word_tokens(form))) or rome.sector_of(code)


@functools.lru_cache(maxsize=4)
def _phrases(k: Knowledge) -> dict[str, str]:
    return {" ".join(word_tokens(phrase)): sector.id for sector in k.sectors for phrase in sector.synonyms}


def typo(text: str, rng: random.Random) -> str:
    """One-letter typo (substitution, deletion, doubled letter or swap) in a word of 4 letters or more."""
    words = text.split(" ")
    choices = [i for i, word in enumerate(words) if sum(c.isalpha() for c in word) >= 4]
    if not choices:
        return text
    i = rng.choice(choices)
    word = words[i]
    positions = [p for p, c in enumerate(word) if c.isalpha()]
    p = rng.choice(positions[1:])  # visitors rarely miss the first letter
    kind = rng.choice(("sub", "del", "dup", "swap"))
    if kind == "sub":
        word = word[:p] + rng.choice(LETTERS) + word[p + 1:]
    elif kind == "del":
        word = word[:p] + word[p + 1:]
    elif kind == "dup":
        word = word[:p] + word[p] + word[p:]
    elif p + 1 < len(word):
        word = word[:p] + word[p + 1] + word[p] + word[p + 2:]
    words[i] = word
    return " ".join(words)


def sample(n: int = 2000, seed: int = 33, k: Knowledge | None = None) -> list[Case]:
    """`n` ROME titles whose code names a sector, typed the way visitors type them."""
    k = k or load()
    rome = load_rome(k)
    rng = random.Random(seed)
    pool = [(entry, form) for entry in rome.titles for form in title_forms(entry.title)]
    cases: list[Case] = []
    while len(cases) < n:
        entry, form = rng.choice(pool)
        expected = expected_sector(k, rome, form, entry.code)
        if expected is None:
            continue
        text = form
        roll = rng.random()
        if roll < 0.15:
            first, _, rest = text.partition(" ")
            text = f"{first}s {rest}".strip()  # plural
        if rng.random() < 0.3:
            text = strip_accents(text)
        if rng.random() < 0.3:
            text = typo(text, rng)
        if rng.random() < 0.5:
            text = text.lower()
        cases.append(Case(text, expected, entry.code, entry.title))
    return cases


def in_sentences(cases: list[Case], seed: int = 33) -> list[Case]:
    rng = random.Random(seed)
    return [Case(rng.choice(SENTENCES).format(case.text[0].lower() + case.text[1:]), case.expected, case.code,
                 case.title) for case in cases]


def accuracy(read: Callable[[str], object], cases: list[Case]) -> tuple[float, list[tuple[Case, str | None]]]:
    misses = []
    for case in cases:
        match = read(case.text)
        got = getattr(match, "sector_id", None) if match is not None else None
        if got != case.expected:
            misses.append((case, got))
    return 1 - len(misses) / len(cases), misses


def timings(read: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """p50 and p95, in milliseconds, of one call per text (after one warm-up call)."""
    read(texts[0])
    durations = []
    for text in texts:
        start = time.perf_counter()
        read(text)
        durations.append((time.perf_counter() - start) * 1000)
    durations.sort()
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1]


def module_at(ref: str) -> types.ModuleType:
    """`bot.core.read.sectors` as it was at commit `ref` (git show), loaded under another name."""
    root = Path(__file__).resolve().parents[3]
    source = subprocess.run(["git", "-C", str(root), "show", f"{ref}:bot/core/read/sectors.py"],
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader(f"sectors_at_{ref}", loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:bot/core/read/sectors.py", "exec"), module.__dict__)
    return module


def build_cost() -> tuple[float, float]:
    """Seconds to build the job index from the files, then MiB it retains (tracemalloc, a second build)."""
    from bot.core.read import jobs

    def build() -> float:
        load_rome.cache_clear()
        jobs.job_index.cache_clear()
        gc.collect()
        start = time.perf_counter()
        k = load()
        jobs.job_index(k, load_rome(k))
        return time.perf_counter() - start

    seconds = build()
    tracemalloc.start()
    build()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, current / 2**20


def report(name: str, module: types.ModuleType, answers: list[Case], sentences: list[Case]) -> None:
    k = load()
    answer_acc, _ = accuracy(lambda text: module.parse_sector(text, k), answers)
    sentence_acc, _ = accuracy(lambda text: module.find_sector_in(text, k), sentences)
    texts = [case.text for case in answers[:500]]
    long_texts = [case.text for case in sentences[:500]] + list(CHAT) * 20
    p50, p95 = timings(lambda text: module.parse_sector(text, k), texts)
    s50, s95 = timings(lambda text: module.find_sector_in(text, k), long_texts)
    print(f"{name:>8}: answers {answer_acc:6.1%}  sentences {sentence_acc:6.1%}  "
          f"parse_sector p50 {p50:5.2f} ms p95 {p95:5.2f} ms  find_sector_in p50 {s50:5.2f} ms p95 {s95:5.2f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.rome.measure", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=33)
    parser.add_argument("--before", metavar="REF", help="also measure bot/core/read/sectors.py at this commit")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses of the current reader")
    args = parser.parse_args(argv)
    seconds, mib = build_cost()
    print(f"index build {seconds * 1000:.0f} ms, {mib:.1f} MiB retained (titles, codes, mapping, index)")
    answers = sample(args.n, args.seed)
    sentences = in_sentences(answers, args.seed)
    print(f"{len(answers)} ROME titles as answers and in sentences (seed {args.seed})")
    if args.before:
        report(args.before[:8], module_at(args.before), answers, sentences)
    from bot.core.read import sectors

    report("now", sectors, answers, sentences)
    if args.misses:
        k = load()
        for label, read, cases in (("answer", sectors.parse_sector, answers),
                                   ("sentence", sectors.find_sector_in, sentences)):
            _, misses = accuracy(lambda text: read(text, k), cases)
            for case, got in misses[:args.misses]:
                print(f"  {label} miss: {case.text!r} ({case.code} {case.title}) -> {got}, want {case.expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
