"""Rasa's own checks on the project: data validation and the test stories."""
import subprocess
import sys

from bot.adapters.training import ROOT, ensure_model


def rasa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasa", *args], cwd=ROOT, capture_output=True, text=True)


def test_data_validates_without_warnings():
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_stories_are_predicted_without_error(tmp_path):
    model = ensure_model()
    result = rasa("test", "core", "--model", str(model), "--stories", "tests/stories",
                  "--fail-on-prediction-errors", "--out", str(tmp_path))
    failed = (tmp_path / "failed_test_stories.yml")
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details + result.stdout[-2000:] + result.stderr[-2000:]
