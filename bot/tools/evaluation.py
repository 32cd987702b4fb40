"""`make eval`: how well the assistant understands visitors, ours against Rasa's default recipe.

For each configuration (config.yml, config.default.yml) on the same data:
- 5-fold cross-validation of the NLU (Rasa's own `rasa test nlu --cross-validation`): intent macro-F1 and
  FAQ answer (response selection) macro-F1;
- a held-out set (tests/nlu/heldout.yml, none of it in the training data): accuracy on the full label
  (the intent, and for FAQ questions the chosen answer), confusion counts and the list of errors; for ours,
  also with the ResponseSelector trained from other random seeds, as its choice among close FAQ answers moves
  with the seed: the spread tells a change in the data from noise;
- the test stories (tests/stories), with `rasa test core`;
- for ours, generated visitors (bot/tools/simulator.py: 2 000, seeded, ROME titles the training data never
  uses), and the held-out whole conversations (tests/conversations/heldout.yml), run in-process and checked
  (bot/tools/conversations.py): the share that ends as it should, with no invariant of the dialogue broken.
Everything lands in results/eval/, and a one-screen summary is printed at the end.
"""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from bot.adapters.training import MODEL_NAME, ROOT, ensure_model, fingerprint
from bot.core.dialogue.followup import INTENT as FOLLOW_UP
from bot.tools.bench.setups import default_model

RESULTS = ROOT / "results" / "eval"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
CONFIGS = {"ours": ("config.yml", "vae"), "default": ("config.default.yml", "default")}
# Predictions that make the bot ask for a rephrasing instead of answering something else.
SAFE_FALLBACKS = {"nlu_fallback"}
TARGETS = {"cv_intent_macro_f1": 0.95, "heldout_accuracy": 0.92, "conversations_pass_rate": 0.9,
           "simulator_pass_rate": 0.98}
# Generated visitors played by `make eval` (about 4 minutes for 2 000 on 2 cores) and by `--quick`.
SIMULATED_VISITORS, QUICK_SIMULATED_VISITORS = 2000, 300
# The ResponseSelector seeds of the held-out spread; the first is config.yml's.
SEEDS = (2023, 2024, 2025, 2026)


def rasa(*args: str, log: Path | None = None) -> None:
    """Run Rasa's command line, through bot.adapters.speedups (the same results; `rasa test nlu` no longer deep-copies
    the spaCy document of every message the fallback answered); its output goes to `log` when given, else to the
    terminal."""
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") if log is not None else nullcontext() as output:
        subprocess.run([sys.executable, "-m", "bot.adapters.speedups", *args], cwd=ROOT, check=True, stdout=output,
                       stderr=subprocess.STDOUT if output is not None else None)


def cross_validation(config: str, out: Path) -> dict[str, float]:
    """Rasa's 5-fold cross-validation of the NLU; rerun only when what the model is trained from changed
    (the fingerprint of the last run is kept beside its reports)."""
    stamp, current = out / "fingerprint", fingerprint(ROOT, config)
    if stamp.exists() and stamp.read_text() == current and (out / "intent_report.json").exists():
        print(f"==> cross-validation of {config}: nothing changed since the last run, reports reused", flush=True)
    else:
        print(f"==> 5-fold cross-validation of {config} (log: {out.relative_to(ROOT)}.log)", flush=True)
        stamp.unlink(missing_ok=True)
        rasa("test", "nlu", "--nlu", "data", "--config", config, "--cross-validation", "--folds", "5",
             "--out", str(out), log=out.with_suffix(".log"))
        stamp.write_text(current)
    scores = {"cv_intent_macro_f1": macro_f1(out / "intent_report.json")}
    selection = out / "response_selection_report.json"
    if selection.exists():
        scores["cv_faq_macro_f1"] = macro_f1(selection)
    return scores


def macro_f1(report: Path) -> float:
    return round(json.loads(report.read_text())["macro avg"]["f1-score"], 4)


def full_label(parse: dict) -> str:
    """The intent, or `faq/<key>` for a FAQ question: what the visitor actually gets answered.

    Our ResponseSelector is trained for the `faq` retrieval intent and answers under that name; the default
    recipe's names none, so Rasa files its choice under `default`. A message our FollowUpHint marked `follow_up`
    (bot/adapters/followup.py) is scored on the NLU's own intent, ranked next: a held-out message comes with no
    answer before it, and a follow-up without one gets what that intent gets (bot/core/dialogue/followup.py)."""
    intent = (parse.get("intent") or {}).get("name") or ""
    if intent == FOLLOW_UP:
        intent = next((i.get("name") or "" for i in parse.get("intent_ranking") or [] if i.get("name") != FOLLOW_UP), "")
    if intent == "faq":
        selectors = parse.get("response_selector") or {}
        selected = selectors.get("faq") or selectors.get("default") or {}
        return (selected.get("response") or {}).get("intent_response_key") or "faq"
    return intent


def heldout(model: Path, out: Path) -> dict[str, float]:
    """Parse every held-out utterance with the trained model and compare full labels."""
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    examples = [(m.get("text"), m.get("intent_response_key") or m.get("intent"))
                for m in load_data(str(HELDOUT)).intent_examples]
    agent = Agent.load(str(model))

    async def parse_all() -> list[str]:
        return [full_label(await agent.parse_message(text)) for text, _ in examples]

    predicted = asyncio.run(parse_all())
    errors = [{"text": t, "expected": e, "predicted": p} for (t, e), p in zip(examples, predicted) if e != p]
    confusion = Counter(f"{e['expected']} -> {e['predicted']}" for e in errors)
    # A wrong answer given with confidence is worse than "je n'ai pas bien compris": count those apart.
    confident_wrong = [e for e in errors if e["predicted"] not in SAFE_FALLBACKS]
    out.mkdir(parents=True, exist_ok=True)
    (out / "heldout_errors.json").write_text(json.dumps(errors, ensure_ascii=False, indent=1))
    (out / "heldout_confusion.json").write_text(json.dumps(confusion.most_common(), ensure_ascii=False, indent=1))
    return {"heldout_accuracy": round(1 - len(errors) / len(examples), 4), "heldout_size": len(examples),
            "heldout_confident_wrong_rate": round(len(confident_wrong) / len(examples), 4)}


def with_selector_seed(config: dict, seed: int) -> dict:
    """The configuration with the ResponseSelector trained from `seed` (the same config, otherwise)."""
    if not any(c.get("name") == "ResponseSelector" for c in config["pipeline"]):
        raise ValueError("the configuration has no ResponseSelector")
    pipeline = [dict(c, random_seed=seed) if c.get("name") == "ResponseSelector" else c for c in config["pipeline"]]
    return {**config, "pipeline": pipeline}


def selector_seed(config: dict) -> int | None:
    return next((c.get("random_seed") for c in config["pipeline"] if c.get("name") == "ResponseSelector"), None)


def heldout_over_seeds(seeds: tuple[int, ...], out: Path, own: dict[str, float]) -> dict[str, float]:
    """The held-out set with our model trained from each ResponseSelector seed (config.yml's model for its own
    seed; for another seed, a copy of the config in results/eval/seeds/, a model models/vae-seed<N>.tar.gz that
    Rasa's cache trains from the featurized data already there: the selector and what follows it). Errors made
    on every seed are the model's; the others are the seed's. `own`: the held-out scores of config.yml's model,
    already measured into `out`."""
    from rasa.shared.utils.io import read_yaml_file, write_yaml

    config = read_yaml_file(str(ROOT / "config.yml"))
    own_seed = selector_seed(config)
    runs: dict[int, dict[str, float]] = {}
    errors: dict[int, set[str]] = {}
    for seed in seeds:
        if seed == own_seed:
            runs[seed], seed_out = own, out
        else:
            seed_config = RESULTS / "seeds" / f"config.seed{seed}.yml"
            seed_config.parent.mkdir(parents=True, exist_ok=True)
            write_yaml(with_selector_seed(config, seed), seed_config)
            model = ensure_model(config=str(seed_config.relative_to(ROOT)), name=f"{MODEL_NAME}-seed{seed}")
            seed_out = out / f"seed{seed}"
            runs[seed] = heldout(model, seed_out)
        errors[seed] = {e["text"] for e in json.loads((seed_out / "heldout_errors.json").read_text())}
        print(f"    seed {seed}: held-out accuracy {runs[seed]['heldout_accuracy']}", flush=True)
    accuracies = [r["heldout_accuracy"] for r in runs.values()]
    always = sorted(set.intersection(*errors.values()))
    (out / "heldout_seeds.json").write_text(json.dumps(
        {"accuracy": {str(s): r["heldout_accuracy"] for s, r in runs.items()}, "errors_on_every_seed": always},
        ensure_ascii=False, indent=1))
    return {"heldout_accuracy_seed_mean": round(sum(accuracies) / len(accuracies), 4),
            "heldout_accuracy_seed_min": min(accuracies), "heldout_accuracy_seed_max": max(accuracies),
            "heldout_errors_on_every_seed": len(always)}


def conversations(model: Path, out: Path) -> dict[str, float]:
    """The held-out whole conversations: the pass rate (and per register, printed), failures in `out`."""
    from bot.tools.conversations import HELDOUT_CONVERSATIONS, load_conversations, measure

    result = measure(model, load_conversations(HELDOUT_CONVERSATIONS), out)
    print(f"    conversations by register: {result.pop('conversations_by_register')}", flush=True)
    return result


def simulated_visitors(model: Path, out: Path, count: int) -> dict[str, float]:
    """`count` generated visitors (bot/tools/simulator.py, seeded), played and checked like the conversations."""
    from bot.tools.conversations import measure
    from bot.tools.simulator import visitors

    result = measure(model, visitors(count), out / "simulator")
    print(f"    simulated visitors by register: {result.pop('conversations_by_register')}", flush=True)
    return {"simulator_pass_rate": result["conversations_pass_rate"], "simulator_visitors": result["conversations"]}


def stories(model: Path, out: Path) -> dict[str, float]:
    rasa("test", "core", "--model", str(model), "--stories", "tests/stories", "--out", str(out))
    report = json.loads((out / "story_report.json").read_text())
    return {"stories_action_f1": round(report["weighted avg"]["f1-score"], 4)}


def evaluate(quick: bool = False, default_cv: bool = True, seeds: tuple[int, ...] | None = None) -> int:
    """Every measure for both configurations; `quick`: only the held-out set with ours (with config.yml's seed
    unless `seeds` are given); without `default_cv`, no cross-validation for the default recipe (its reports
    stay as they are, if any)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    if quick:
        model = ensure_model()
        scores = heldout(model, RESULTS / "ours")
        if seeds:
            scores.update(heldout_over_seeds(seeds, RESULTS / "ours", scores))
        scores.update(conversations(model, RESULTS / "ours"))
        scores.update(simulated_visitors(model, RESULTS / "ours", QUICK_SIMULATED_VISITORS))
        print(json.dumps(scores, indent=1), f"\nErrors: {RESULTS.relative_to(ROOT)}/ours/heldout_errors.json and "
              "conversation_failures.json")
        return 0
    scores: dict[str, dict[str, float]] = {}
    # The default-recipe model is the benchmark's (trained once in a /tmp copy, cached in var/bench/).
    config, model_name = CONFIGS["ours"]
    models = {"ours": ensure_model(config=config, name=model_name), "default": default_model()[0]}
    # The two cross-validations (ten NLU trainings) run side by side, as neither training keeps two cores
    # busy; their output goes to results/eval/<name>/cross_validation.log.
    with ThreadPoolExecutor(max_workers=len(CONFIGS)) as pool:
        folds = {name: pool.submit(cross_validation, config, RESULTS / name / "cross_validation")
                 for name, (config, _) in CONFIGS.items() if default_cv or name != "default"}
    for name, model in models.items():
        out = RESULTS / name
        cv = folds[name].result() if name in folds else {}
        scores[name] = {**cv, **heldout(model, out), **stories(model, out / "stories")}
    scores["ours"].update(heldout_over_seeds(seeds or SEEDS, RESULTS / "ours", scores["ours"]))
    scores["ours"].update(conversations(models["ours"], RESULTS / "ours"))
    scores["ours"].update(simulated_visitors(models["ours"], RESULTS / "ours", SIMULATED_VISITORS))
    (RESULTS / "summary.json").write_text(json.dumps(scores, indent=1))
    print_summary(scores)
    return 0


def print_summary(scores: dict[str, dict[str, float]]) -> None:
    metrics = sorted({m for s in scores.values() for m in s})
    print(f"\n{'metric':28} {'ours':>10} {'default':>10} {'target':>8}")
    for metric in metrics:
        target = TARGETS.get(metric)
        row = [f"{scores[n].get(metric, float('nan')):10.4g}" for n in CONFIGS]
        print(f"{metric:28} {' '.join(row)} {target if target else '':>8}")
    print(f"\nDetails (confusion matrices, errors): {RESULTS.relative_to(ROOT)}/")
