"""What the servers expose: Rasa's HTTP API off by default and behind a token when on; every server on
127.0.0.1 only; CORS for the configured origins only; Rasa's telemetry off; no secret in the repository."""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from bot.tools.serve import API_TOKEN_ENV, rasa_launcher, rasa_server
from bot.adapters.training import ROOT
from tests.robustness.servers import bot_servers, listening_addresses

# The API routes that read or change conversations, the model or the training: never open to a visitor.
API_ROUTES = [
    ("GET", "/status", None),
    ("GET", "/domain", None),
    ("GET", "/conversations/someone/tracker", None),
    ("POST", "/conversations/someone/tracker/events", {"event": "slot", "name": "age", "value": 200}),
    ("PUT", "/conversations/someone/tracker/events", [{"event": "restart"}]),
    ("GET", "/conversations/someone/story", None),
    ("POST", "/conversations/someone/execute", {"name": "action_eligibility_verdict"}),
    ("POST", "/conversations/someone/trigger_intent", {"name": "check_eligibility"}),
    ("POST", "/conversations/someone/messages", {"text": "bonjour", "sender": "user"}),
    ("POST", "/model/parse", {"text": "bonjour"}),
    ("POST", "/model/train", {}),
    ("PUT", "/model", {"model_file": "/tmp/evil.tar.gz"}),
    ("DELETE", "/model", None),
    ("POST", "/model/test/intents", {}),
]


def call(base: str, method: str, path: str, body, **params) -> requests.Response:
    return requests.request(method, base + path, json=body, params=params, timeout=60)


# --- Rasa's HTTP API -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("method,path,body", API_ROUTES, ids=[f"{m} {p}" for m, p, _ in API_ROUTES])
def test_api_is_off_by_default(shared_bot, method, path, body):
    reply = call(shared_bot["base"], method, path, body)
    assert reply.status_code in (401, 403, 404, 405), (reply.status_code, reply.text[:200])


def test_launcher_turns_the_api_on_only_with_a_token_kept_off_the_command_line():
    assert rasa_launcher({}) == rasa_launcher({API_TOKEN_ENV: "  "})
    assert "--enable-api" not in " ".join(rasa_server(port=1).command)
    token = "jeton-" + secrets.token_hex(8)
    command = rasa_server(port=1, env={API_TOKEN_ENV: token}).command
    assert "--enable-api" in " ".join(command) and "--auth-token" in " ".join(command)
    assert token not in " ".join(command)  # any local user could read it with `ps`


@pytest.fixture(scope="module")
def api_bot(tmp_path_factory):
    token = secrets.token_urlsafe(24)
    with bot_servers(tmp_path_factory.mktemp("api-bot"), extra_env={API_TOKEN_ENV: token}) as servers:
        yield {**servers, "token": token}


def test_api_with_a_token_refuses_every_call_without_it(api_bot):
    base, token = api_bot["base"], api_bot["token"]
    for method, path, body in API_ROUTES:
        for params in ({}, {"token": "mauvais-jeton"}, {"token": token.upper()}):
            reply = call(base, method, path, body, **params)
            assert reply.status_code in (401, 403), (method, path, params, reply.status_code)
    assert call(base, "GET", "/status", None, token=token).status_code == 200
    tracker = call(base, "GET", "/conversations/someone/tracker", None, token=token)
    assert tracker.status_code == 200 and tracker.json()["sender_id"] == "someone"
    cmdline = Path(f"/proc/{api_bot['rasa'].process.pid}/cmdline").read_bytes().decode()
    assert token not in cmdline
    assert "--interface\x00127.0.0.1" in cmdline


# --- sockets and CORS ----------------------------------------------------------------------------------------

def test_servers_listen_on_localhost_only(shared_bot):
    assert listening_addresses(shared_bot["rasa_port"]) == {"127.0.0.1"}
    assert listening_addresses(shared_bot["actions_port"]) == {"127.0.0.1"}


def preflight(base: str, origin: str) -> requests.Response:
    return requests.options(base + "/webhooks/rest/webhook", timeout=30, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:8081", "null",
                                    "http://localhost:8080.evil.example", "https://localhost:8080"])
def test_cors_refuses_other_origins(shared_bot, origin):
    reply = preflight(shared_bot["base"], origin)
    assert reply.headers.get("Access-Control-Allow-Origin") not in (origin, "*")
    post = requests.post(shared_bot["rest"], json={"sender": "cors", "message": "Bonjour"},
                         headers={"Origin": origin}, timeout=60)
    assert post.headers.get("Access-Control-Allow-Origin") not in (origin, "*")


@pytest.mark.parametrize("origin", ["http://localhost:8080", "http://127.0.0.1:8080"])
def test_cors_allows_the_demo_page_by_default(shared_bot, origin):
    assert preflight(shared_bot["base"], origin).headers.get("Access-Control-Allow-Origin") == origin


# --- telemetry ----------------------------------------------------------------------------------------------

def rasa_telemetry_status(command: list[str], home: Path) -> str:
    """`rasa telemetry` (the status) as a machine that never ran Rasa sees it: an empty home folder, and no
    RASA_TELEMETRY_ENABLED inherited from this test session (which imported bot)."""
    env = {k: v for k, v in os.environ.items() if k != "RASA_TELEMETRY_ENABLED"}
    done = subprocess.run([*command, "telemetry"], cwd=ROOT, env={**env, "HOME": str(home)},
                          capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


def test_rasa_as_the_product_starts_it_sends_no_telemetry(tmp_path):
    stock = rasa_telemetry_status([sys.executable, "-m", "rasa"], tmp_path / "stock")
    # What the test guards against: stock Rasa turns telemetry (Segment) and error reports (Sentry) on.
    assert "currently enabled" in stock and "reports anonymous usage telemetry" in stock
    ours = rasa_telemetry_status(rasa_launcher({}), tmp_path / "ours")
    assert "currently disabled" in ours, ours[-500:]
    assert "reports anonymous usage telemetry" not in ours


# --- secrets -------------------------------------------------------------------------------------------------

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@'\"]+:([^\s/@'\"]+)@"),
    "AWS key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "API secret key": re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"),
    "JSON web token": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
}
# `password = "…"` and the like; test files may hold throwaway passwords for the accounts they create.
ASSIGNED_SECRET = re.compile(
    r"(?i)(?:password|passwd|secret|api_?key|auth_?token|access_?token)\w*[\"']?\s*[:=]\s*[\"']([^\"'\s]{6,})[\"']")
PLACEHOLDERS = {"password", "secret", "motdepasse", "changeme", "xxxxxx", "<password>", "<secret>"}
SECRET_FILES = re.compile(r"(^|/)(\.env(\..*)?|id_rsa|id_ed25519|.*\.pem|.*\.key|.*\.p12|credentials\.json)$")


def repository_files() -> list[str]:
    """Tracked files and new files not ignored: what a commit would hold."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return sorted(set(listed))


def secrets_in(path: str, text: str) -> list[str]:
    found = []
    for name, pattern in SECRET_PATTERNS.items():
        for match in pattern.finditer(text):
            value = match.group(1) if pattern.groups else match.group(0)
            if value.lower() not in PLACEHOLDERS and not value.startswith(("$", "{", "<")):
                found.append(f"{path}: {name}: {match.group(0)[:60]}")
    if not path.startswith("tests/"):
        for match in ASSIGNED_SECRET.finditer(text):
            if match.group(1).lower() not in PLACEHOLDERS and not match.group(1).startswith(("$", "{", "<")):
                found.append(f"{path}: assigned secret: {match.group(0)[:60]}")
    return found


def test_the_scanner_finds_what_it_looks_for():
    planted = "\n".join([
        "-----BEGIN RSA " + "PRIVATE KEY-----", "url = 'postgresql://vae:" + "hunter22@db:5432/vae'",
        "AKIA" + "ABCDEFGHIJKLMNOP", "token: 'gh" + "p_" + "a" * 36 + "'", 'API_KEY = "' + "k3y-" + "9" * 12 + '"'])
    assert len(secrets_in("bot/config.py", planted)) == 5
    assert secrets_in("tests/x.py", 'PASSWORD = "un-mot-de-passe"') == []
    assert secrets_in("README.md", "VAE_DATABASE_URL=postgresql://user@host:5432/vae") == []


def test_repository_holds_no_secrets():
    files = repository_files()
    assert "bot/adapters/channels.py" in files
    assert not [f for f in files if SECRET_FILES.search(f)]
    found = []
    for path in files:
        file = ROOT / path
        if not file.is_file() or file.stat().st_size > 2_000_000:
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += secrets_in(path, text)
    assert not found, "\n".join(found)
