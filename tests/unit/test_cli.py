"""`python -m bot …`: every verb of the command line reaches its tool."""
from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("verb, expected", [
    (["train", "--help"], "--force"),
    (["eval", "--help"], "--quick"),
    (["bench", "--help"], "--levels"),
    (["review", "--help"], "serve"),
])
def test_each_verb_answers_its_help(verb, expected):
    result = subprocess.run([sys.executable, "-m", "bot", *verb], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
