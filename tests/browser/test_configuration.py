"""The optional configuration object: title, opening message, buttons and colours, kept readable."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.widget_page import Widget


def configured_page(new_context, site, config: dict):
    page = new_context().new_page()
    page.add_init_script(f"window.vaeChatConfig = {json.dumps(config)};")
    page.goto(site["url"])
    return page


def colours(page) -> dict:
    return page.locator(".vae-chat__launcher").evaluate(
        "node => ({background: getComputedStyle(node).backgroundColor, color: getComputedStyle(node).color})")


def test_title_opening_message_and_buttons(new_context, site):
    page = configured_page(new_context, site, {
        "title": "Mon conseiller", "openingMessage": "Bienvenue sur **notre** site.",
        "openingButtons": [{"title": "Les dates", "payload": "Quelles sont les dates ?"}],
    })
    widget = Widget(page)
    widget.launcher.click()
    expect(page.get_by_role("dialog", name="Mon conseiller")).to_be_visible()
    expect(widget.bot_messages.first.locator("strong")).to_have_text("notre")
    expect(widget.quick_replies).to_have_text(["Les dates"])


@pytest.mark.parametrize("primary, background, text", [
    ("#ffd21f", "rgb(255, 210, 31)", "rgb(26, 26, 26)"),  # a light colour gets dark text
    ("#006e3c", "rgb(0, 110, 60)", "rgb(255, 255, 255)"),
    ("#777777", "rgb(29, 79, 145)", "rgb(255, 255, 255)"),  # no text colour reaches 4.5:1: the default
    ("rouge", "rgb(29, 79, 145)", "rgb(255, 255, 255)"),
])
def test_colours_keep_a_readable_contrast(new_context, site, primary, background, text):
    page = configured_page(new_context, site, {"primaryColor": primary})
    assert colours(page) == {"background": background, "color": text}
