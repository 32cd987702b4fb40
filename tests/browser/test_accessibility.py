"""RGAA / WCAG 2.1 AA checks of the widget in Chromium: axe-core, small screens, zoom, reduced motion; screenshots."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.widget_page import Widget

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def serious_violations(page) -> list[str]:
    """axe-core (shipped inside axe-playwright-python, nothing fetched) on the whole page."""
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]


def a_conversation(widget: Widget) -> None:
    """Messages of both kinds, rated answers and quick replies on screen."""
    widget.open()
    widget.ask("C'est quoi la VAE inversée ?")
    widget.ask("Suis-je éligible ?")
    widget.ask("30")


def test_axe_finds_no_serious_violation(page):
    assert serious_violations(page) == [], "closed widget"
    widget = Widget(page)
    a_conversation(widget)
    page.get_by_role("button", name="Vos données").click()
    assert serious_violations(page) == [], "open widget"


def test_screenshots_desktop_and_mobile(page, new_context, site, results_dir):
    widget = Widget(page)
    a_conversation(widget)
    page.screenshot(path=str(results_dir / "widget-desktop.png"))
    widget.bot_messages.nth(1).evaluate(  # scroll the conversation back to the FAQ answer
        "node => { node.closest('.vae-chat__scroller').scrollTop = node.offsetTop - 8; }")
    page.screenshot(path=str(results_dir / "widget-desktop-answer.png"))

    mobile = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                         device_scale_factor=2).new_page()
    mobile.goto(site["url"])
    mobile.screenshot(path=str(results_dir / "widget-mobile-360-closed.png"))
    a_conversation(Widget(mobile))
    mobile.screenshot(path=str(results_dir / "widget-mobile-360.png"))


def fits(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"] + 0.5 and box["y"] + box["height"] <= size["height"] + 0.5)


@pytest.mark.parametrize("name, viewport, scale", [
    ("320", {"width": 320, "height": 640}, 1),
    # 200 % zoom of a 1280 × 800 window: the same CSS viewport as 640 × 400 at scale 2.
    ("zoom-200", {"width": 640, "height": 400}, 2),
])
def test_usable_at_320_px_and_200_percent_zoom(new_context, site, results_dir, name, viewport, scale):
    page = new_context(viewport=viewport, device_scale_factor=scale).new_page()
    page.goto(site["url"])
    widget = Widget(page)
    assert fits(page, widget.launcher)
    a_conversation(widget)
    for control in (widget.input, widget.send_button, page.get_by_role("button", name="Fermer la discussion"),
                    widget.quick_replies.last):
        control.scroll_into_view_if_needed()
        assert fits(page, control), control
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"horizontal scrolling: {width} px"
    panel_width = page.evaluate("document.querySelector('.vae-chat__panel').scrollWidth")
    assert panel_width <= viewport["width"]
    page.screenshot(path=str(results_dir / f"widget-{name}.png"))
    # The panel covers the page: the focus cycles inside it instead of going to hidden page links.
    inside = "document.querySelector('.vae-chat__panel').contains(document.activeElement)"
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"the focus left the panel after {key}"
    widget.choose("BTP")  # still usable


def test_reduced_motion_stops_the_animations(new_context, site):
    for motion, expected_none in (("reduce", True), ("no-preference", False)):
        page = new_context(reduced_motion=motion).new_page()
        page.goto(site["url"])
        widget = Widget(page).open()
        dots = page.locator(".vae-chat__dots span").first
        animation = dots.evaluate("node => getComputedStyle(node).animationName")
        panel = widget.panel.evaluate("node => getComputedStyle(node).animationName")
        assert (animation == "none" and panel == "none") == expected_none, (motion, animation, panel)


def test_controls_have_french_names_and_roles(page):
    widget = Widget(page)
    expect(widget.launcher).to_have_accessible_name("Une question sur la VAE inversée ?")
    widget.open()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("log", name="Messages de la conversation")).to_have_attribute("aria-live", "polite")
    for name in ("Fermer la discussion", "Envoyer", "Nouvelle conversation", "Vos données"):
        expect(page.get_by_role("button", name=name)).to_be_visible()
    expect(widget.input).to_have_attribute("maxlength", "1000")
