"""Generated visitors: seeded conversations built from ROME job titles the training data never uses, played and
checked like the held-out conversations (bot/tools/conversations.py).

Each simulated candidate has an age (written in digits, in words or as a birth date), a job title from the ROME
(masculine or feminine, sometimes without accents or with a one-letter typo), a goal and a situation, each said in
one of several registers (standard, colloquial, SMS); some ask a question or correct an answer mid-form. Each
simulated employer opens with a sentence naming their jobs, then gives the head count and the contract length.
What each conversation must end with comes from how it was built (the age, the ROME code's sector, the goal and
the situation), so a failure is a fault of the assistant, not of an expectation.

`python -m bot eval` reports the success rate (`--sim N` visitors, seed `--sim-seed`).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from bot.adapters.training import ROOT
from bot.core.knowledge import load
from bot.core.knowledge.rome import load_rome
from bot.core.read.jobs import title_forms
from bot.core.read.text import normalize, strip_accents, word_tokens
from bot.core.say.format import MONTHS
from bot.tools.conversations import DEFAULT_TODAY, Conversation

NUMBER_WORDS = {16: "seize", 17: "dix-sept", 18: "dix-huit", 19: "dix-neuf", 20: "vingt", 21: "vingt et un",
                22: "vingt-deux", 25: "vingt-cinq", 30: "trente", 34: "trente-quatre", 40: "quarante",
                45: "quarante-cinq", 50: "cinquante", 52: "cinquante-deux", 58: "cinquante-huit"}
OPENINGS = ("Suis-je éligible ?", "Bonjour, je voudrais savoir si je suis éligible à la VAE inversée.",
            "jsui eligible ?", "Est-ce que je peux faire une VAE inversée ?", "slt je peux en profiter ?")
GOALS = {
    "certification": ("Obtenir un diplôme complet", "un diplome", "avoir le titre pro en entier", "un CAP"),
    "blocs": ("Valider quelques blocs de compétences", "juste des blocs", "une partie du diplôme"),
    "emploi": ("Trouver un emploi", "trouver un taf", "décrocher un travail", "bosser"),
    "reconversion": ("Me reconvertir", "changer de métier", "une reconversion"),
}
SITUATIONS = {
    "salarie": ("Je suis salarié", "jsui en CDI", "je bosse en intérim", "salariée"),
    "demandeur_emploi": ("Je suis demandeur d'emploi", "au chômage", "chui au chomdu", "inscrite à France Travail"),
    "etudiant": ("Je suis étudiant", "chui au lycee", "en terminale", "étudiante en BTS"),
}
QUESTIONS = ("C'est quoi la VAE inversée ?", "Qui paie la formation ?", "Combien de temps dure le contrat ?")
EMPLOYER_OPENINGS = ("Notre entreprise est dans le secteur {sector}. Nous voulons recruter {count} {jobs} sur {months} mois.",
                     "Je dirige une entreprise ({sector}) et je voudrais embaucher {count} {jobs} pour {months} mois.",
                     "on est une boite du secteur {sector}, on voudrait recruter {count} {jobs} en contrat de {months} mois")
# A typo a visitor makes: one letter left out, inside a word long enough to stay readable.
TYPO_MIN_CHARS = 7


@lru_cache(maxsize=1)
def training_text() -> str:
    """Every example of the NLU training data, normalised: a title found in it is not used."""
    examples = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            examples.append(str(item.get("examples") or ""))
    return " " + normalize(" ".join(examples)) + " "


@lru_cache(maxsize=1)
def usable_titles() -> tuple[tuple[str, str, str], ...]:
    """(masculine, feminine, sector id) of every ROME title with one listed sector, absent from the training data."""
    rome, seen = load_rome(), training_text()
    # Whole forms, as the job reader knows them: "Trieur-classeur / Trieuse-classeuse de bois" is "Trieur-classeur
    # de bois" (a bare "Trieur-classeur" is no ROME title), parentheses left out.
    entries = [(title_forms(entry.title), rome.sector_of(entry.code)) for entry in rome.titles]
    # A title the ROME files under codes of different sectors ("monteur", "acheteur") has no one right answer, even
    # when it is spelt slightly differently ("directeur des / de travaux"): keyed as the job reader keys it.
    sectors_of: dict[str, set[str | None]] = {}
    for forms, sector in entries:
        for form in forms:
            sectors_of.setdefault(" ".join(word_tokens(form)), set()).add(sector)
    titles = []
    for forms, sector in entries:
        if sector is None or any(f" {normalize(form)} " in seen or len(sectors_of[" ".join(word_tokens(form))]) > 1
                                 for form in forms):
            continue
        titles.append((forms[0], forms[-1], sector))
    return tuple(titles)


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, word in enumerate(words) if len(word) >= TYPO_MIN_CHARS and word.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    cut = rng.randrange(2, len(words[i]) - 1)
    words[i] = words[i][:cut] + words[i][cut + 1:]
    return " ".join(words)


def said_age(age: int, rng: random.Random, today: date) -> str:
    style = rng.choice(("digits", "years", "words", "birth"))
    if style == "digits":
        return str(age)
    if style == "words" and age in NUMBER_WORDS:
        return f"j'ai {NUMBER_WORDS[age]} ans"
    if style == "birth":
        born = today.replace(year=today.year - age) - timedelta(days=rng.randrange(1, 300))
        return f"je suis né le {born.day} {MONTHS[born.month - 1]} {born.year}"
    return f"{age} ans"


def candidate(index: int, rng: random.Random, today: date) -> Conversation:
    masculine, feminine, sector = rng.choice(usable_titles())
    title = rng.choice((masculine, feminine))
    register = rng.choice(("formal", "colloquial", "sms", "typos"))
    job = {"formal": title, "colloquial": f"je suis {title.lower()}", "sms": strip_accents(title),
           "typos": typo(title.lower(), rng)}[register]
    age = rng.choice(sorted(NUMBER_WORDS))
    goal, situation = rng.choice(sorted(GOALS)), rng.choice(sorted(SITUATIONS))
    turns = [rng.choice(OPENINGS), said_age(age, rng, today), job, rng.choice(GOALS[goal]),
             rng.choice(SITUATIONS[situation])]
    if rng.random() < 0.15:  # a question mid-form, then the answer it interrupted
        turns.insert(rng.randrange(2, 5), rng.choice(QUESTIONS))
        register = "question"
    return Conversation(id=f"sim-{index}", turns=tuple(turns), register=register, outcome="verdict",
                        role="candidat", slots={"age": age, "sector": sector, "goal": goal, "situation": situation})


def employer(index: int, rng: random.Random) -> Conversation:
    masculine, _, sector = rng.choice(usable_titles())
    count, months = rng.choice((2, 3, 4, 5)), rng.choice((6, 12, 18, 24))
    jobs = f"postes de {masculine.lower()}"
    label = load().sector(sector).label
    turns = [rng.choice(EMPLOYER_OPENINGS).format(sector=label, count=count, jobs=jobs, months=months)]
    return Conversation(id=f"sim-{index}", turns=tuple(turns), register="employer", outcome="plan",
                        role="employeur", slots={"sector": sector, "hires": count, "contract_months": months})


def visitors(count: int, seed: int = 2026, today: date = DEFAULT_TODAY) -> list[Conversation]:
    """`count` generated conversations (about one employer in six), the same for the same seed."""
    rng = random.Random(seed)
    return [employer(i, rng) if rng.random() < 1 / 6 else candidate(i, rng, today) for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    from bot.adapters.training import ensure_model
    from bot.tools.conversations import measure

    parser = argparse.ArgumentParser(prog="python -m bot.tools.simulator", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "eval" / "simulator")
    args = parser.parse_args(argv)
    print(json.dumps(measure(ensure_model(), visitors(args.count, args.seed), args.out), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
