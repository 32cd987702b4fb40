"""Train the model only when what it is trained from has changed.

A fingerprint of config, domain, training data and pinned dependencies is stored beside the model, with one of
the code of our own trainable pipeline components; when both match, nothing runs. When the inputs changed,
`rasa train` runs, and Rasa's own cache (.rasa/cache) retrains only the components whose inputs changed. When our
components' code changed, the training is a full one (`--force`): Rasa's cache knows a component by its class
name and configuration, not by its code, and would hand back the component the old code trained.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL_NAME = "vae"
TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "requirements.lock")
# The code of our trainable NLU components (config.yml names them): what they learn is decided here.
COMPONENT_CODE = ("bot/adapters/intents.py", "bot/adapters/nlu.py", "bot/adapters/faq_blend.py")


def fingerprint(root: Path = ROOT, config: str = "config.yml") -> str:
    """A hash of every file the model is trained from."""
    digest = hashlib.sha256()
    inputs = [config if name == "config.yml" else name for name in TRAINING_INPUTS]
    for name in inputs:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def code_fingerprint(root: Path = ROOT) -> str:
    """A hash of the code of our trainable pipeline components."""
    digest = hashlib.sha256()
    for name in COMPONENT_CODE:
        digest.update(name.encode())
        digest.update((root / name).read_bytes())
    return digest.hexdigest()


def model_path(root: Path = ROOT, name: str = MODEL_NAME) -> Path:
    return root / "models" / f"{name}.tar.gz"


def ensure_model(
    root: Path = ROOT, config: str = "config.yml", name: str = MODEL_NAME, force: bool = False
) -> Path:
    """Return the trained model, training it first if the inputs changed since the last training."""
    model = model_path(root, name)
    if os.environ.get("VAE_NO_TRAIN") == "1" and model.exists():
        print(f"==> VAE_NO_TRAIN=1: using {model.relative_to(root)} as it is")
        return model
    stamp = model.with_name(f"{name}.fingerprint")
    current = f"{fingerprint(root, config)}\ncode {code_fingerprint(root)}"
    before = stamp.read_text() if model.exists() and stamp.exists() else ""
    if not force and before == current:
        print(f"==> model {model.relative_to(root)} is up to date (nothing changed), no training")
        return model
    # Through bot.adapters.speedups: spaCy without its unused NER featurizes the data (same features, less time).
    command = [sys.executable, "-m", "bot.adapters.speedups", "train", "--config", config, "--domain", "domain.yml",
               "--data", "data", "--out", "models", "--fixed-model-name", name]
    if before and before.splitlines()[-1] != current.splitlines()[-1]:
        print(f"==> training {model.relative_to(root)} with {config}, in full: our components' code changed")
        command.append("--force")
    else:
        print(f"==> training {model.relative_to(root)} with {config} (Rasa reuses its cache for unchanged parts)")
    subprocess.run(command, cwd=root, check=True)
    stamp.write_text(current)
    return model
