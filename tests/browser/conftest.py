"""One real stack for the whole browser suite: action server, Rasa server and the widget's web server.

The Rasa server allows the web server's origin (CORS) exactly as `make run` allows http://localhost:8080.
Chromium is the system one (/usr/bin/chromium, Debian package); each test gets a fresh browser context,
so a fresh localStorage and a fresh conversation.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.tools.serve import Stack
from bot.adapters.training import ROOT
from bot.tools.web.server import web_server
from tests.browser.outage import Relay
from tests.support import chromium_browser, free_port, running_bot

RESULTS = ROOT / "results" / "browser"
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="package")
def site(tmp_path_factory):
    """The running stack: `url` of the demo page, plus running_bot's `db`, `stack`, `base`…

    A second copy of the demo page (`outage_url`) reaches the bot through `relay`, which a test can take
    down and bring back up to play an outage.
    """
    work = tmp_path_factory.mktemp("browser")
    web_port, outage_port = free_port(), free_port()
    origin, outage_origin = f"http://127.0.0.1:{web_port}", f"http://127.0.0.1:{outage_port}"
    with running_bot(work, cors=(origin, outage_origin)) as running:
        relay = Relay(running["rasa_port"], free_port())
        relay.up()
        with open(work / "web.log", "wb") as log:
            web = Stack([web_server(web_port, log=log, bot_url=running["base"]),
                         web_server(outage_port, log=log, bot_url=relay.url)])
            web.start(timeout=30)
            try:
                yield {**running, "url": origin + "/", "origin": origin, "outage_url": outage_origin + "/",
                       "relay": relay}
            finally:
                web.stop()
                relay.down()


@pytest.fixture(scope="package")
def browser():
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def new_context(browser):
    """Make browser contexts (fresh storage) closed after the test; French locale, desktop size by default."""
    contexts = []

    def make(**options):
        options = {"viewport": DESKTOP, "locale": "fr-FR", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


SECURITY_ERRORS = ("Content Security Policy", "Trusted Type", "TrustedHTML")


@pytest.fixture
def page(new_context, site):
    """A desktop page on the demo site; JavaScript dialogs are recorded (and dismissed).

    After the test, the page must have raised no JavaScript error and no CSP / Trusted Types violation.
    """
    page = new_context().new_page()
    page.dialogs, page.errors = [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message):
        if message.type == "error" and any(marker in message.text for marker in SECURITY_ERRORS):
            page.errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", on_console)
    page.goto(site["url"])
    yield page
    assert page.errors == [], "errors in the page"


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS
