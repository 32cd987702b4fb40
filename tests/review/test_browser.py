"""The review console in Chromium (system package, headless): login → filter → transcript → tag → export,
and an axe-core accessibility check of each page."""
from __future__ import annotations

import csv
import io
import random
import time
from pathlib import Path

import pytest

from bot.tools.review.synthetic import eligibility, events, faq, misunderstood
from bot.adapters.store.database import sqlite_url
from tests.review.conftest import AGENT, AGENT_PASSWORD, add_agent, make_store, replay, start_console
from tests.support import chromium_browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


@pytest.fixture(scope="module")
def console(tmp_path_factory, domain):
    work = tmp_path_factory.mktemp("review-browser")
    url = sqlite_url(work / "store.db")
    tracker_store = make_store(url, domain)
    now = time.time()
    conversations = [("eligible", eligibility(random.Random(1), 25, "sante")),
                     ("abandoned", eligibility(random.Random(2), 31, "btp", stop_at="goal")),
                     ("lost", misunderstood(random.Random(3))),
                     *((f"faq-{n}", faq(random.Random(n))) for n in range(5))]
    for index, (sender, scenario) in enumerate(conversations):
        replay(tracker_store, sender, events(scenario, now - 7200 + 60 * index))
    tracker_store.engine.dispose()
    add_agent(url)
    server, base = start_console(url, work)
    yield base
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def page(browser, console):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.get_by_label("Nom du compte").fill(AGENT)
    page.get_by_label("Mot de passe").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(base + "/")


def test_login_filter_transcript_tag_export(page, console):
    from playwright.sync_api import expect

    log_in(page, console)
    expect(page.locator("#total")).to_have_text("8")

    page.get_by_label("Le bot n'a pas compris").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#total")).to_have_text("1")
    assert "misunderstood=1" in page.url

    page.locator("table.conversations tbody a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conversation du")
    expect(page.locator(".transcript .misunderstood .badge")).to_have_text("Non compris")
    page.get_by_label("Étiquette").select_option("ajouter_aux_donnees")
    page.get_by_label("Commentaire").fill("Ajouter cet exemple à out_of_scope")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_have_text("Étiquette et commentaire enregistrés.")

    page.get_by_role("link", name="« Retour à la liste").click()
    assert "misunderstood=1" in page.url
    expect(page.locator("table.conversations tbody tr")).to_have_count(1)
    expect(page.locator("table.conversations tbody td").last).to_have_text("Ajouter aux données")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith("conversations.csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [(row["conversation"], row["etiquette"]) for row in rows] == [("lost", "ajouter_aux_donnees")]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="messages incompris (YAML NLU)").click()
    assert "- intent: TODO" in Path(download_info.value.path()).read_text(encoding="utf-8")


def test_statistics_page_and_logout(page, console):
    from playwright.sync_api import expect

    log_in(page, console)
    page.get_by_role("link", name="Statistiques").click()
    expect(page.locator("svg.chart")).to_have_count(5)
    page.get_by_label("Issue").select_option("abandoned")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".kpis li").first).to_contain_text("1")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login")
    page.goto(console + "/stats")
    assert "/login" in page.url


def test_pages_have_no_serious_accessibility_violation(page, console):
    from axe_playwright_python.sync_playwright import Axe

    def violations() -> list[str]:
        results = Axe().run(page, options=WCAG_AA)
        return [f"{v['id']}: {v['help']} — {v['nodes'][0]['target']}" for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")]

    page.goto(console + "/login")
    assert violations() == [], "login"
    log_in(page, console)
    assert violations() == [], "list"
    page.locator("table.conversations tbody a").first.click()
    assert violations() == [], "transcript"
    page.goto(console + "/stats")
    assert violations() == [], "stats"
