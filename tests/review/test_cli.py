"""`python -m bot.tools.review …` in the terminal: accounts, list, show, stats, export, purge, erase."""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import time

import pytest

from bot.tools.review.auth import Accounts, verify_password
from bot.tools.review.cli import main
from bot.tools.review.synthetic import eligibility, events, faq, misunderstood
from bot.adapters.store.database import create_engine, sqlite_url
from bot.adapters.store.retention import DAY_SECONDS
from bot.adapters.training import ROOT
from tests.review.conftest import make_store, replay


@pytest.fixture
def url(tmp_path, domain) -> str:
    url = sqlite_url(tmp_path / "cli.db")
    tracker_store = make_store(url, domain)
    now = time.time()
    replay(tracker_store, "eligible", events(eligibility(random.Random(1), 25, "sante"), now - 120))
    replay(tracker_store, "lost", events(misunderstood(random.Random(1)), now - 60))
    replay(tracker_store, "old", events(faq(random.Random(1)), now - 200 * DAY_SECONDS))
    tracker_store.engine.dispose()
    return url


def run(url: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--database", url, *args], out=out)
    return code, out.getvalue()


def test_users_add_from_stdin_in_a_real_process(url):
    command = [sys.executable, "-m", "bot.tools.review", "--database", url, "users", "add", "marie", "--password-stdin"]
    done = subprocess.run(command, input="un-long-mot-de-passe\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "Compte « marie » créé." in done.stdout
    assert run(url, "users", "list") == (0, "marie\n")
    again = subprocess.run(command, input="un-long-mot-de-passe\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert again.returncode == 1 and "existe déjà" in again.stderr


def test_short_passwords_are_refused(url, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("court\n"))
    assert run(url, "users", "add", "paul", "--password-stdin")[0] == 1


def test_password_change_and_removal(url, monkeypatch):
    engine = create_engine(url)
    accounts = Accounts(engine)
    accounts.add_user("paul", "premier-mot-de-passe")
    monkeypatch.setattr(sys, "stdin", io.StringIO("second-mot-de-passe\n"))
    assert run(url, "users", "passwd", "paul", "--password-stdin")[0] == 0
    assert accounts.login("paul", "second-mot-de-passe", "127.0.0.1") is not None
    assert run(url, "users", "remove", "paul")[0] == 0
    assert accounts.user_names() == []
    engine.dispose()


def test_list_and_filters(url):
    code, text = run(url, "list")
    assert code == 0 and text.startswith("3 conversation(s)")
    assert "Éligible" in text and "lost" in text
    code, text = run(url, "list", "--misunderstood", "--json")
    assert [row["sender_id"] for row in json.loads(text)["conversations"]] == ["lost"]


def test_show(url):
    code, text = run(url, "show", "lost")
    assert code == 0 and "[NON COMPRIS]" in text and "Visiteur :" in text
    assert run(url, "show", "nobody")[0] == 1


def test_stats(url):
    code, text = run(url, "stats")
    assert code == 0 and "Conversations : 3" in text and "Messages non compris" in text
    assert json.loads(run(url, "stats", "--json", "--outcome", "eligible")[1])["conversations"] == 1


def test_export_to_a_file(url, tmp_path):
    target = tmp_path / "out.csv"
    assert run(url, "export", "csv", "--outcome", "eligible", "-o", str(target))[0] == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("eligible;")
    assert "- intent: TODO" in run(url, "export", "nlu")[1]


def test_purge_and_erase(url):
    assert run(url, "purge", "--dry-run") == (0, "1 conversation(s) inactive(s) depuis plus de 90 jours seraient supprimées.\n")
    assert run(url, "purge", "--days", "90")[0] == 0
    assert run(url, "list", "--json")[1].count('"sender_id"') == 2
    code, text = run(url, "erase", "lost")
    assert code == 0 and text.startswith("Conversation effacée")
    assert run(url, "erase", "lost")[0] == 1


def test_rebuild(url):
    assert run(url, "rebuild") == (0, "3 conversation(s) résumée(s).\n")


def test_scrypt_hash_format():
    from bot.tools.review.auth import hash_password

    stored = hash_password("mot-de-passe-solide")
    assert stored.count("$") == 5 and verify_password("mot-de-passe-solide", stored)
    assert not verify_password("autre", stored) and not verify_password("x", "pas-un-hash")
