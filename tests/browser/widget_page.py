"""The chat widget as a visitor sees it: a page object for the browser tests."""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Callable

from playwright.sync_api import Locator, Page, expect

STORAGE_KEY = "vae-chat"
ANSWER_TIMEOUT = 60.0


def wait_until(condition: Callable[[], object], timeout: float = 30.0, what: str = "a condition",
               page: Page | None = None) -> object:
    """Poll `condition` until it returns something truthy.

    With a `page`, waiting goes through Playwright so that its events (routes, dialogs) keep being handled.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        if page is not None:
            page.wait_for_timeout(100)
        else:
            time.sleep(0.1)


class Widget:
    def __init__(self, page: Page):
        self.page = page
        self.root = page.locator(".vae-chat")
        self.launcher = page.locator(".vae-chat__launcher")
        self.panel = page.get_by_role("dialog", name="Assistant VAE inversée")
        self.input = page.get_by_label("Votre message")
        self.send_button = page.locator(".vae-chat__send")
        self.bot_messages = page.locator(".vae-chat__message--bot")
        self.user_messages = page.locator(".vae-chat__message--user")
        self.quick_replies = page.locator(".vae-chat__quick-reply")
        self.typing = page.locator(".vae-chat__typing")
        self.alert = page.locator(".vae-chat__alert")

    # ------------------------------------------------------------ actions

    def open(self) -> "Widget":
        if not self.panel.is_visible():
            self.launcher.click()
        expect(self.panel).to_be_visible()
        return self

    def ask(self, text: str) -> str:
        """Type a message, send it with Enter, return the bot's answer (all its messages)."""
        before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        return self.answer_after(before)

    def choose(self, title: str) -> str:
        """Click a quick reply, return the bot's answer."""
        before = self.bot_messages.count()
        self.quick_replies.filter(has_text=title).first.click()
        return self.answer_after(before)

    def answer_after(self, before: int, timeout: float = ANSWER_TIMEOUT) -> str:
        wait_until(lambda: self.bot_messages.count() > before and not self.typing.is_visible(), timeout,
                   "the bot's answer", self.page)
        count = self.bot_messages.count()
        return "\n".join(self.bot_messages.nth(i).locator(".vae-chat__bubble").inner_text() for i in range(before, count))

    # ------------------------------------------------------------ state

    def stored(self) -> dict | None:
        raw = self.page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
        return json.loads(raw) if raw else None

    def sender(self) -> str:
        return self.stored()["sender"]

    def last_bot(self) -> Locator:
        return self.bot_messages.last

    def focused_class(self) -> str:
        return self.page.evaluate("document.activeElement ? document.activeElement.className : ''")


def events(db: Path, sender: str) -> list[dict]:
    """The stored events of one conversation, decoded, oldest first."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [{"type": type_name, **json.loads(data)} for type_name, data in rows]


def slot_values(db: Path, sender: str, slot: str) -> list:
    return [e.get("value") for e in events(db, sender) if e["type"] == "slot" and e.get("name") == slot]
