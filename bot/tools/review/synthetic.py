"""Realistic synthetic conversations, as the serialised Rasa events the bot would store.

Used by the benchmark (bench.py, 100 000 conversations inserted in bulk) and by the tests, which replay
them through the real tracker store. Each scenario is a list of steps; `events` turns it into event
dicts shaped like Rasa 3.6's (`Event.as_dict()`).
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

FORM = "eligibility_form"
FORM_SLOTS = ("age", "sector", "goal", "situation")


@dataclass(frozen=True)
class Say:
    """A visitor's message and what the NLU made of it."""

    text: str
    intent: str
    confidence: float = 0.96
    entities: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Do:
    """An action run by the bot, optionally with the message it says."""

    action: str
    text: str | None = None
    buttons: tuple[str, ...] = ()
    listen: bool = True  # the bot then waits for the visitor


@dataclass(frozen=True)
class Set:
    slot: str
    value: Any


@dataclass(frozen=True)
class Loop:
    name: str | None


@dataclass
class Scenario:
    name: str
    steps: list[Say | Do | Set | Loop] = field(default_factory=list)


ASK = {
    "age": "Quel âge avez-vous ? (par exemple « 24 » ou « né en 1998 »)",
    "sector": "Dans quel métier ou quel secteur souhaitez-vous travailler ?",
    "goal": "Quel est votre objectif ?",
    "situation": "Quelle est votre situation aujourd'hui ?",
}
SECTORS = {
    "sante": "aide-soignante", "aide_domicile": "aide à domicile", "transport": "conducteur routier",
    "btp": "maçon dans le BTP", "hotellerie_restauration": "cuisinier", "industrie": "soudeur",
    "logistique": "préparateur de commandes", "autre": "fleuriste",
}
FAQ_QUESTIONS = [
    ("C'est quoi la VAE inversée ?", "definition"), ("Qui finance le parcours ?", "funding"),
    ("Quel OPCO pour la restauration ?", "opco"), ("Jusqu'à quand peut-on signer un contrat ?", "dates"),
    ("Est-ce encore possible cette année ?", "status"), ("Quelle différence avec la VAE classique ?", "difference_vae"),
    ("Combien je serai payé ?", "pay"), ("Qui peut en bénéficier ?", "who"),
]
NOT_UNDERSTOOD = ["asdkjh qwpoeiru", "la capitale de l'Australie ?", "ma voiture fait un bruit bizarre",
                  "tu connais une recette de crêpes ?", "euh ben je sais pas trop en fait"]


def _ask(slot: str) -> list[Do | Set]:
    return [Set("requested_slot", slot), Do("action_ask_" + slot, ASK[slot])]


def _form() -> Do:
    return Do(FORM, listen=False)


def _answer(slot: str, rng: random.Random, age: int, sector: str) -> list[Say | Do | Set]:
    answers = {
        "age": (Say(f"j'ai {age} ans", "inform", 0.93), Set("age", float(age))),
        "sector": (Say(SECTORS[sector], "inform", 0.9, (("sector", SECTORS[sector]),)), Set("sector", sector),
                   Set("sector_raw", SECTORS[sector])),
        "goal": (Say("Obtenir une certification complète", "inform", 0.88), Set("goal", "certification")),
        "situation": (Say(rng.choice(["Je suis salarié", "Je suis demandeur d'emploi"]), "inform", 0.91),
                      Set("situation", rng.choice(["salarie", "demandeur_emploi"]))),
    }
    return [_form(), *answers[slot]]


def eligibility(rng: random.Random, age: int, sector: str, stop_at: str | None = None) -> Scenario:
    """The eligibility form, completed (verdict) or stopped at `stop_at`."""
    steps: list[Say | Do | Set | Loop] = [Say("Suis-je éligible ?", "check_eligibility", 0.97), _form(), Loop(FORM)]
    for slot in FORM_SLOTS:
        steps += _ask(slot)
        if slot == stop_at:
            steps += [Say("laisse tomber", "stop", 0.95), Do("action_deactivate_loop", listen=False), Loop(None),
                      Set("requested_slot", None), Do("utter_form_stopped", "C'est noté, j'arrête les questions.")]
            return Scenario(f"stopped_at_{slot}", steps)
        steps += _answer(slot, rng, age, sector)
    eligible = age >= 16
    steps += [Set("requested_slot", None), Loop(None), Do("action_eligibility_verdict",
              "Bonne nouvelle : vous remplissez la condition d'âge." if eligible else "Il faut avoir au moins 16 ans."),
              Set("verdict", {"eligible": eligible, "priority": sector != "autre", "phase": "closed", "sector": sector,
                              "reasons": ["age_ok" if eligible else "under_min_age"]})]
    return Scenario("eligible" if eligible else "not_eligible", steps)


def faq(rng: random.Random, questions: int = 2) -> Scenario:
    steps: list[Say | Do | Set | Loop] = [Say("Bonjour", "greet", 0.99), Do("action_greet", "Bonjour ! Je suis l'assistant de la VAE inversée.")]
    for text, key in rng.sample(FAQ_QUESTIONS, questions):
        steps += [Say(text, "faq", round(rng.uniform(0.6, 0.99), 3)), Do("action_answer_faq", f"Réponse à la question « {key} ».")]
    steps += [Say("merci", "thank", 0.98), Do("utter_thank", "Avec plaisir ! Avez-vous une autre question ?")]
    return Scenario("faq", steps)


def misunderstood(rng: random.Random) -> Scenario:
    text = rng.choice(NOT_UNDERSTOOD)
    return Scenario("misunderstood", [
        Say(text, "nlu_fallback", round(rng.uniform(0.2, 0.44), 3)),
        Do("utter_default", "Je n'ai pas bien compris. Pouvez-vous reformuler ?"),
        Say("C'est quoi la VAE inversée ?", "faq", 0.95), Do("action_answer_faq", "La VAE inversée, c'est…"),
    ])


def employer(rng: random.Random) -> Scenario:
    return Scenario("employer", [
        Say("Je suis employeur dans le BTP", "employer_intro", 0.94, (("sector", "BTP"),)), Set("role", "employeur"),
        Do("utter_employer_intro", "Bienvenue ! La VAE inversée permet à une entreprise privée de recruter."),
        Say("Qui paie pour l'employeur ?", "faq", 0.9), Do("action_answer_faq", "L'OPCO finance le parcours."),
    ])


SCENARIOS: list[tuple[float, Callable[[random.Random], Scenario]]] = [
    (0.30, lambda rng: faq(rng, rng.randint(1, 3))),
    (0.25, lambda rng: eligibility(rng, rng.randint(18, 58), rng.choice(list(SECTORS)))),
    (0.05, lambda rng: eligibility(rng, rng.randint(13, 15), rng.choice(list(SECTORS)))),
    (0.15, lambda rng: eligibility(rng, rng.randint(18, 58), rng.choice(list(SECTORS)), rng.choice(FORM_SLOTS))),
    (0.15, misunderstood),
    (0.10, employer),
]


def random_scenario(rng: random.Random) -> Scenario:
    roll, total = rng.random(), 0.0
    for weight, build in SCENARIOS:
        total += weight
        if roll < total:
            return build(rng)
    return SCENARIOS[-1][1](rng)


def with_feedback(steps_events: list[dict[str, Any]], value: str) -> list[dict[str, Any]]:
    """Append a 👍/👎 on the last bot message, as the widget's feedback route does."""
    answers = [e for e in steps_events if e["event"] == "bot"]
    if not answers:
        return steps_events
    answer = answers[-1]
    entry = {"ts": answer["timestamp"], "value": value, "text": answer["text"][:200]}
    return steps_events + [{"event": "slot", "timestamp": steps_events[-1]["timestamp"] + 5, "name": "feedback", "value": [entry]}]


def events(scenario: Scenario, start: float, channel: str = "rest", role: str | None = "candidat",
           gap: float = 7.0) -> list[dict[str, Any]]:
    """The serialised Rasa events of a scenario starting at `start` (seconds since the epoch)."""
    clock = [start]

    def at() -> float:
        clock[0] += 0.01
        return clock[0]

    result: list[dict[str, Any]] = [
        {"event": "action", "timestamp": at(), "name": "action_session_start", "policy": None, "confidence": 1.0},
        {"event": "session_started", "timestamp": at()},
        {"event": "action", "timestamp": at(), "name": "action_listen", "policy": None, "confidence": None},
    ]
    if role and not any(isinstance(s, Set) and s.slot == "role" for s in scenario.steps):
        result.append({"event": "slot", "timestamp": at(), "name": "role", "value": role})
    for step in scenario.steps:
        if isinstance(step, Say):
            clock[0] += gap
            message_id = uuid.uuid4().hex
            entities = [{"entity": e, "value": v, "start": step.text.find(v), "end": step.text.find(v) + len(v),
                         "extractor": "DIETClassifier"} for e, v in step.entities]
            intent = {"name": step.intent, "confidence": step.confidence}
            parse_data = {"intent": intent, "entities": entities, "text": step.text, "message_id": message_id,
                          "metadata": {}, "intent_ranking": [intent]}
            result.append({"event": "user", "timestamp": at(), "metadata": {}, "text": step.text,
                           "parse_data": parse_data, "input_channel": channel, "message_id": message_id})
            result.append({"event": "user_featurization", "timestamp": at(), "use_text_for_featurization": False})
        elif isinstance(step, Do):
            result.append({"event": "action", "timestamp": at(), "name": step.action, "policy": "RulePolicy", "confidence": 1.0})
            if step.text:
                result.append({"event": "bot", "timestamp": at(), "metadata": {"utter_action": step.action},
                               "text": step.text, "data": {"buttons": [{"title": b, "payload": b} for b in step.buttons]}})
            if step.listen:
                result.append({"event": "action", "timestamp": at(), "name": "action_listen", "policy": None, "confidence": None})
        elif isinstance(step, Set):
            result.append({"event": "slot", "timestamp": at(), "name": step.slot, "value": step.value})
        else:
            result.append({"event": "active_loop", "timestamp": at(), "name": step.name})
    return result
