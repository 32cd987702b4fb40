"""The review console as a real server: login, sessions, throttling, CSRF, pages and the JSON API."""
from __future__ import annotations

import csv
import io
import random
import time

import pytest
import sqlalchemy as sa

from bot.tools.review.auth import MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, failed_logins, sessions, users
from bot.tools.review.client import ConsoleClient
from bot.tools.review.synthetic import eligibility, events, faq, misunderstood
from bot.tools.review.web import LOGIN_COOKIE, SESSION_COOKIE
from bot.adapters.store.database import create_engine
from tests.review.conftest import AGENT, AGENT_PASSWORD, BACKENDS, add_agent, database, make_store, replay, start_console

OTHER, OTHER_PASSWORD = "second-agent", "encore-un-mot-de-passe"


@pytest.fixture(scope="module", params=BACKENDS)
def console(request, tmp_path_factory, domain):
    work = tmp_path_factory.mktemp("console")
    generator = database(request.param, work)
    url = next(generator)
    tracker_store = make_store(url, domain)
    now = time.time()
    for index, (sender, scenario) in enumerate([
        ("eligible", eligibility(random.Random(1), 25, "sante")),
        ("abandoned", eligibility(random.Random(1), 30, "btp", stop_at="sector")),
        ("lost", misunderstood(random.Random(1))),
        ("faq/with slash & accents é", faq(random.Random(1))),
    ]):
        replay(tracker_store, sender, events(scenario, now - 3600 + index))
    tracker_store.engine.dispose()
    add_agent(url)
    add_agent(url, OTHER, OTHER_PASSWORD)
    server, base = start_console(url, work)
    engine = create_engine(url)
    yield {"base": base, "engine": engine, "url": url}
    server.stop()
    engine.dispose()
    generator.close()


@pytest.fixture(autouse=True)
def no_failed_logins(console):
    """Throttling counts failures for 15 minutes: each test starts with none."""
    with console["engine"].begin() as connection:
        connection.execute(failed_logins.delete())


@pytest.fixture
def agent(console, agent_client_factory) -> ConsoleClient:
    return agent_client_factory(console["base"])


def anonymous(console) -> ConsoleClient:
    return ConsoleClient(console["base"])


# --- nothing without a session -----------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/stats", "/conversations/eligible"])
def test_pages_redirect_anonymous_visitors_to_the_login(console, path):
    reply = anonymous(console).get(path)
    assert reply.status_code == 303
    assert reply.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/api/conversations", "/api/conversations/eligible", "/api/stats",
                                  "/api/export.csv", "/api/export.jsonl", "/api/export.nlu.yml", "/api/me"])
def test_api_answers_401_without_a_session(console, path):
    reply = anonymous(console).get(path)
    assert reply.status_code == 401
    assert reply.json() == {"error": "Connexion requise."}


def test_unsafe_requests_without_a_session_are_refused(console):
    client = anonymous(console)
    assert client.api("DELETE", "/api/conversations/eligible").status_code == 401
    assert client.request("POST", "/conversations/eligible/erase", data={"confirm": "1"}).status_code == 303
    assert client.get("/api/conversations").status_code == 401


def test_login_page_and_stylesheet_are_public(console):
    client = anonymous(console)
    page = client.get("/login")
    assert page.status_code == 200 and "Connexion" in page.text and 'lang="fr"' in page.text
    assert client.get("/static/review.css").status_code == 200


# --- login ------------------------------------------------------------------------------------------
def test_login_sets_a_secure_session_cookie(console):
    client = anonymous(console)
    reply = client.login(AGENT, AGENT_PASSWORD)
    assert reply.status_code == 303 and reply.headers["Location"] == "/"
    [cookie] = [c for c in reply.raw.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE + "=")]
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Max-Age="):
        assert flag in cookie
    assert client.get("/").status_code == 200


def test_wrong_password_and_unknown_account_get_the_same_answer(console):
    for name, password in ((AGENT, "mauvais-mot-de-passe"), ("inconnu", "peu-importe-vraiment")):
        client = anonymous(console)
        reply = client.login(name, password)
        assert reply.status_code == 401
        assert "Nom de compte ou mot de passe incorrect." in reply.text
        assert SESSION_COOKIE not in client.cookies


def test_login_form_needs_its_token(console):
    client = anonymous(console)
    client.get("/login")
    reply = client.request("POST", "/login", data={"name": AGENT, "password": AGENT_PASSWORD})
    assert reply.status_code == 403 and SESSION_COOKIE not in client.cookies
    reply = client.request("POST", "/login", data={"name": AGENT, "password": AGENT_PASSWORD, "csrf_token": "x" * 43})
    assert reply.status_code == 403


def test_after_login_only_local_redirects(console):
    client = anonymous(console)
    client.get("/login")
    token = client.cookies[LOGIN_COOKIE]
    reply = client.request("POST", "/login", data={"csrf_token": token, "name": AGENT, "password": AGENT_PASSWORD,
                                                   "next": "//evil.example/"})
    assert reply.headers["Location"] == "/"


def test_login_returns_to_the_page_asked_for(console):
    client = anonymous(console)
    target = client.get("/stats", outcome="eligible").headers["Location"]
    assert target == "/login?next=%2Fstats%3Foutcome%3Deligible"
    client.get(target)
    reply = client.request("POST", "/login", data={"csrf_token": client.cookies[LOGIN_COOKIE], "name": AGENT,
                                                   "password": AGENT_PASSWORD, "next": "/stats?outcome=eligible"})
    assert reply.headers["Location"] == "/stats?outcome=eligible"


def test_failed_logins_are_throttled_per_account(console):
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        assert anonymous(console).login(AGENT, "pas-le-bon-mot-de-passe").status_code == 401
    blocked = anonymous(console).login(AGENT, AGENT_PASSWORD)  # even the right password
    assert blocked.status_code == 429 and "Trop de tentatives" in blocked.text
    assert anonymous(console).login(OTHER, OTHER_PASSWORD).status_code == 303  # other accounts still work


def test_failed_logins_are_throttled_per_address(console):
    for attempt in range(MAX_FAILURES_PER_IP):
        assert anonymous(console).login(f"devine-{attempt}", "pas-le-bon-mot-de-passe").status_code == 401
    assert anonymous(console).login(OTHER, OTHER_PASSWORD).status_code == 429


def test_passwords_are_stored_hashed_with_scrypt(console):
    with console["engine"].connect() as connection:
        stored = connection.execute(sa.select(users.c.password_hash).where(users.c.name == AGENT)).scalar()
    assert stored.startswith("scrypt$") and AGENT_PASSWORD not in stored


# --- sessions -----------------------------------------------------------------------------------------
def expire_sessions(console, **values) -> None:
    with console["engine"].begin() as connection:
        connection.execute(sessions.update().values(**values))


@pytest.mark.parametrize("expiry", ["absolute", "idle"])
def test_expired_sessions_are_refused(console, agent, expiry):
    assert agent.get("/api/me").status_code == 200
    expire_sessions(console, **({"expires_at": time.time() - 1} if expiry == "absolute" else {"last_seen_at": time.time() - 3600}))
    assert agent.get("/api/me").status_code == 401
    assert agent.get("/").status_code == 303


def test_logout_ends_the_session_on_the_server(console, agent):
    token = agent.cookies[SESSION_COOKIE]
    assert agent.post("/logout").status_code == 303
    replay_cookie = ConsoleClient(console["base"])
    replay_cookie.cookies[SESSION_COOKIE] = token
    assert replay_cookie.get("/api/me").status_code == 401


def test_sessions_store_only_a_hash_of_the_token(console, agent):
    with console["engine"].connect() as connection:
        hashes = [row.token_hash for row in connection.execute(sa.select(sessions.c.token_hash))]
    assert agent.cookies[SESSION_COOKIE] not in hashes


# --- CSRF ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("token", [None, "jeton-faux"])
def test_posts_without_the_csrf_token_are_refused(console, agent, token):
    data = {"tag": "a_revoir", "comment": "x", **({"csrf_token": token} if token else {})}
    reply = agent.post("/conversations/eligible/note", data, with_csrf=False)
    assert reply.status_code == 403 and "CSRF" in reply.text
    assert agent.post("/logout", with_csrf=False).status_code == 403
    assert agent.api("POST", "/api/conversations/eligible/note", {"tag": "a_revoir"}, with_csrf=False).status_code == 403
    assert agent.api("DELETE", "/api/conversations/eligible", with_csrf=False).status_code == 403
    assert agent.get("/api/conversations/eligible").status_code == 200  # nothing was erased


# --- pages and API --------------------------------------------------------------------------------------
def test_security_headers(console, agent):
    reply = agent.get("/")
    assert "default-src 'none'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["X-Frame-Options"] == "DENY" and reply.headers["Cache-Control"] == "no-store"


def test_list_page_filters(console, agent):
    page = agent.get("/", outcome="abandoned")
    assert page.status_code == 200
    assert "Questionnaire abandonné" in page.text and '<strong id="total">1</strong>' in page.text
    assert "(à « Secteur »)" in page.text


def test_stats_page_draws_charts(console, agent):
    page = agent.get("/stats")
    assert page.status_code == 200 and page.text.count("<svg") >= 4
    assert "Conversations par jour" in page.text


def test_api_list_and_transcript(console, agent):
    listing = agent.get("/api/conversations", misunderstood="1").json()
    assert listing["total"] == 1 and listing["conversations"][0]["sender_id"] == "lost"
    transcript = agent.get("/api/conversations/eligible").json()
    assert transcript["outcome"] == "eligible" and transcript["verdict"]["eligible"] is True
    user = [entry for entry in transcript["entries"] if entry["kind"] == "user"]
    assert user[0]["name"] == "check_eligibility" and user[0]["confidence"] == pytest.approx(0.97)
    assert agent.get("/api/conversations/nobody").status_code == 404


def test_sender_ids_with_slashes_and_accents(console, agent):
    from urllib.parse import quote

    path = "/conversations/" + quote("faq/with slash & accents é", safe="")
    assert agent.get(path).status_code == 200
    assert agent.get("/api" + path).json()["sender_id"] == "faq/with slash & accents é"


def test_tag_and_comment(console, agent):
    reply = agent.post("/conversations/abandoned/note", {"tag": "a_revoir", "comment": "Relancer, tel 0612345678"})
    assert reply.status_code == 303 and "saved=1" in reply.headers["Location"]
    page = agent.get("/conversations/abandoned")
    assert "Relancer, tel [téléphone masqué]" in page.text  # agents' comments are masked too
    assert agent.get("/api/conversations", tag="a_revoir").json()["total"] == 1
    api = agent.api("POST", "/api/conversations/abandoned/note", {"tag": "ajouter_aux_donnees", "comment": "ok"})
    assert api.status_code == 200 and api.json()["tag"] == "ajouter_aux_donnees"
    assert agent.api("POST", "/api/conversations/abandoned/note", {"tag": "inconnu"}).status_code == 400


def test_exports_follow_the_filters(console, agent):
    reply = agent.get("/api/export.csv", outcome="eligible")
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in reply.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
    assert [row["conversation"] for row in rows] == ["eligible"]
    jsonl = agent.get("/api/export.jsonl").text.splitlines()
    assert len(jsonl) == 4
    nlu = agent.get("/api/export.nlu.yml").text
    assert "- intent: TODO" in nlu


def test_stats_api(console, agent):
    stats = agent.get("/api/stats").json()
    assert stats["conversations"] == 4 and stats["outcomes"]["abandoned"] == 1
    assert stats["dropped_slots"] == {"sector": 1}


def test_erase_from_the_console(console, agent, domain):
    tracker_store = make_store(console["url"], domain)
    replay(tracker_store, "to-erase", events(faq(random.Random(2)), time.time() - 60))
    tracker_store.engine.dispose()
    assert agent.get("/api/conversations/to-erase").status_code == 200
    refused = agent.post("/conversations/to-erase/erase", {})
    assert refused.status_code == 400
    reply = agent.post("/conversations/to-erase/erase", {"confirm": "1"})
    assert reply.status_code == 303 and reply.headers["Location"] == "/?erased=1"
    assert agent.get("/api/conversations/to-erase").status_code == 404
    assert "La conversation a été effacée." in agent.get("/", erased="1").text


def test_unknown_pages_are_french_404(console, agent):
    reply = agent.get("/nulle-part")
    assert reply.status_code == 404 and "Page introuvable" in reply.text
