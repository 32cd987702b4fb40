"""The benchmark's pure helpers: percentiles, per-level figures, ratios and targets, the visitors' scripts,
and the serving options read from the environment. (The benchmark itself is not a test.)"""
from __future__ import annotations

import math
import random

import pytest

from bot.tools.bench import report
from bot.tools.bench.scenarios import ELIGIBILITY, FAQ, FUNDING, GREETINGS, Turn, all_messages, conversation, on_script
from bot.tools.bench.stats import level_figures, percentile, ratio
from bot.tools.serve import Performance, endpoints_for


@pytest.mark.parametrize("fraction,expected", [(0.5, 50), (0.95, 95), (0.99, 99), (1.0, 100), (0.0, 1), (0.001, 1)])
def test_percentile_is_the_nearest_rank(fraction, expected):
    samples = list(range(100, 0, -1))  # 1..100, unordered
    assert percentile(samples, fraction) == expected


def test_percentile_of_few_samples_is_a_measured_value():
    assert percentile([10.0, 30.0], 0.5) == 10.0
    assert percentile([10.0, 30.0], 0.95) == 30.0
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_level_figures():
    figures = level_figures([10.0] * 90 + [100.0] * 9 + [500.0], errors=2, off_script=3, seconds=4.0)
    assert (figures.messages, figures.errors, figures.off_script) == (100, 2, 3)
    assert (figures.p50_ms, figures.p95_ms, figures.p99_ms, figures.max_ms) == (10.0, 100.0, 100.0, 500.0)
    assert figures.messages_per_s == 25.0
    assert level_figures([], 1, 0, 2.0).as_dict()["p95_ms"] is None


def test_ratio_refuses_missing_or_zero():
    assert ratio(30.0, 15.0) == 2.0
    assert ratio(None, 1.0) is None and ratio(1.0, 0.0) is None and ratio(math.nan, 1.0) is None


def _level(mode, visitors, per_s, p50, p95, errors=0, worker_mb=1500.0):
    return {"mode": mode, "visitors": visitors, "messages_per_s": per_s, "p50_ms": p50, "p95_ms": p95,
            "errors": errors, "memory": {"rasa": {"rss_largest_process_mb": worker_mb}}}


def test_comparison_and_targets():
    results = {
        "setups": {
            "ours": {"cold_start": {"all_workers_ready_s": 35.0}, "levels": [
                _level("saturation", 1, 50.0, 20.0, 30.0), _level("saturation", 20, 70.0, 200.0, 400.0),
                _level("realistic", 50, 12.0, 40.0, 90.0, errors=1, worker_mb=2000.0)]},
            "default": {"levels": [_level("saturation", 20, 30.0, 600.0, 1200.0), _level("realistic", 50, 11.0, 60, 150)]},
        },
        "training": {"full_s": 250.0, "no_change_bot_train_s": 1.0},
    }
    rows = {(r["mode"], r["visitors"]): r for r in report.comparison(results)}
    assert set(rows) == {("saturation", 20), ("realistic", 50)}
    assert rows[("saturation", 20)]["throughput_ratio"] == pytest.approx(70 / 30)
    assert rows[("saturation", 20)]["p95_ratio"] == pytest.approx(400 / 1200)
    verdicts = {t["target"]: t["met"] for t in report.targets(results)}
    assert verdicts["realistic, 50 visitors: p95"] is False
    assert verdicts["realistic, 50 visitors: errors"] is False
    assert verdicts["saturation, 20 visitors: throughput / default"] is True
    assert verdicts["1 visitor: p50"] is True
    assert verdicts["RSS per Rasa worker"] is True
    assert verdicts["cold start (all workers ready)"] is True
    assert verdicts["full training"] is True


def test_targets_not_measured_are_none():
    verdicts = {t["target"]: t["met"] for t in report.targets({"setups": {}})}
    assert set(verdicts.values()) == {None}


def test_conversation_is_greeting_faq_eligibility_funding_and_seeded():
    turns = conversation(random.Random(7))
    assert turns == conversation(random.Random(7))
    assert turns[0] in GREETINGS and turns[-1] in FUNDING
    dialogue = next(d for d in ELIGIBILITY if tuple(turns[-1 - len(d):-1]) == d)
    faq = turns[1:-1 - len(dialogue)]
    assert 2 <= len(faq) <= 3 and all(turn in FAQ for turn in faq)
    assert len(set(all_messages())) == len(all_messages())


def test_on_script_needs_every_expected_word():
    turn = Turn("Combien ?", ("13 500 €", "1 500 €"))
    assert on_script(turn, ["L'OPCO prend 13 500 €.", "Reste 1 500 €."])
    assert not on_script(turn, ["L'OPCO prend 13 500 €."])
    assert on_script(turn, ["L'OPCO prend 13\u202f500\u202f€.", "Reste 1\u202f500\u202f€."])  # as the bot writes them
    assert on_script(Turn("Bonjour"), ["n'importe quoi"])


def test_serving_options_from_the_environment(tmp_path):
    assert Performance.from_environment({}).rasa_env() == {"SANIC_WORKERS": "1"}
    fast = Performance.from_environment({"VAE_WORKERS": "2", "VAE_LOCK_STORE": "Redis", "VAE_TF_THREADS": "1",
                                         "VAE_REDIS_URL": "redis://:s3cret@10.0.0.5:6380/4"})
    assert fast.rasa_env()["SANIC_WORKERS"] == "2" and fast.rasa_env()["TF_INTRA_OP_PARALLELISM_THREADS"] == "1"
    section = fast.lock_store_yaml()
    assert "type: bot.adapters.locks.AtomicRedisLockStore" in section and 'url: "10.0.0.5"' in section and "port: 6380" in section
    assert "db: 4" in section and 'password: "s3cret"' in section
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://x\n")
    assert "lock_store:" in endpoints_for(endpoints, fast).read_text()
    assert endpoints_for(endpoints, Performance()) == endpoints
    for bad in ({"VAE_WORKERS": "2"}, {"VAE_WORKERS": "0"}, {"VAE_LOCK_STORE": "disk"}, {"VAE_WORKERS": "two"}):
        with pytest.raises(ValueError):
            Performance.from_environment(bad)
