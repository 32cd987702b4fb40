"""When `make train` trains (bot/adapters/training.py): on a project tree of its own, the command it would run
recorded instead of run."""
from __future__ import annotations

import subprocess

import pytest

from bot.adapters import training


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in (*training.TRAINING_INPUTS, *training.COMPONENT_CODE):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == "data":
            path.mkdir()
            (path / "nlu.yml").write_text("nlu: []\n")
        else:
            path.write_text(f"# {name}\n")
    runs: list[list[str]] = []

    def run(command, cwd, check):
        runs.append(command)
        (tmp_path / "models").mkdir(exist_ok=True)
        (tmp_path / "models" / "vae.tar.gz").write_bytes(b"model")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(training.subprocess, "run", run)
    return tmp_path, runs


def test_nothing_changed_nothing_runs(project):
    root, runs = project
    training.ensure_model(root)
    training.ensure_model(root)
    assert len(runs) == 1 and "--force" not in runs[0]


def test_changed_data_trains_with_rasas_cache(project):
    root, runs = project
    training.ensure_model(root)
    (root / "data" / "nlu.yml").write_text("nlu: [changed]\n")
    training.ensure_model(root)
    assert len(runs) == 2 and "--force" not in runs[1]


def test_changed_component_code_trains_in_full(project):
    # Rasa's cache knows a component by its class and configuration, not its code: it would hand back the
    # component the old code trained.
    root, runs = project
    training.ensure_model(root)
    (root / "bot/adapters/intents.py").write_text("# new code\n")
    training.ensure_model(root)
    assert len(runs) == 2 and runs[1][-1] == "--force"
    training.ensure_model(root)
    assert len(runs) == 2


def test_a_stamp_from_before_the_code_was_fingerprinted_trains_in_full(project):
    root, runs = project
    training.ensure_model(root)
    stamp = root / "models" / "vae.fingerprint"
    stamp.write_text(training.fingerprint(root))  # the old one-line stamp
    training.ensure_model(root)
    assert runs[-1][-1] == "--force"
