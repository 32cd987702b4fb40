"""The widget against the real bot: questions, the eligibility dialogue, history, safety, feedback, erasure."""
from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.widget_page import Widget, events, slot_values, wait_until

INJECTION = "<img src=x onerror=alert(1)>"


def test_a_faq_question_is_answered(page):
    widget = Widget(page).open()
    answer = widget.ask("C'est quoi la VAE inversée ?")
    assert "professionnalisation" in answer.lower(), answer
    expect(widget.user_messages.last).to_contain_text("C'est quoi la VAE inversée ?")
    # Its "Source : …" line (a narrow no-break space before the colon) is set apart, the space kept.
    expect(widget.last_bot().locator(".vae-chat__source")).to_have_count(1)
    assert "Source\u202f:" in widget.last_bot().locator(".vae-chat__source").inner_text()
    # Each answer of the bot can be rated.
    expect(widget.last_bot().get_by_role("button", name="Réponse utile")).to_be_visible()


def test_an_eligibility_dialogue_with_buttons_and_typing_reaches_a_verdict(page, site, results_dir):
    widget = Widget(page).open()
    age_question = widget.choose("Suis-je éligible ?")  # a quick reply of the opening message
    assert "âge" in age_question.lower(), age_question
    sector_question = widget.ask("30")
    assert "secteur" in sector_question.lower() or "métier" in sector_question.lower(), sector_question
    widget.choose("BTP")
    widget.choose("Trouver un emploi")
    verdict = widget.choose("En emploi")
    assert "28 février 2026" in verdict, verdict  # the verdict says when contracts could be signed
    stored = lambda: [v for v in slot_values(site["db"], widget.sender(), "verdict") if v]  # noqa: E731
    wait_until(stored, 10, "the verdict slot", page)
    # The verdict's sections and lists are rendered, not shown as raw markdown.
    bubble = widget.bot_messages.filter(has_text="28 février 2026").last.locator(".vae-chat__bubble")
    assert bubble.locator("strong").count() >= 1 and bubble.locator("li").count() >= 1
    assert "**" not in bubble.inner_text()
    # A long answer is shown from its start.
    assert bubble.evaluate("node => node.getBoundingClientRect().top >= "
                           "node.closest('.vae-chat__scroller').getBoundingClientRect().top")
    page.screenshot(path=str(results_dir / "widget-verdict.png"))


def test_the_history_survives_a_reload_and_a_new_tab(page, site):
    widget = Widget(page).open()
    widget.ask("Bonjour")
    sender = widget.sender()
    messages = widget.bot_messages.count()

    page.reload()
    widget = Widget(page).open()
    expect(widget.user_messages.first).to_contain_text("Bonjour")
    expect(widget.bot_messages).to_have_count(messages)

    other = page.context.new_page()
    other.goto(site["url"])
    tab = Widget(other).open()
    expect(tab.user_messages.first).to_contain_text("Bonjour")
    assert tab.sender() == sender
    tab.ask("Que pouvez-vous faire ?")
    assert tab.sender() == sender

    tab.page.get_by_role("button", name="Nouvelle conversation").click()
    expect(tab.user_messages).to_have_count(0)
    expect(tab.bot_messages).to_have_count(1)  # the opening message
    assert tab.sender() != sender


def test_html_typed_by_the_visitor_is_shown_as_text(page):
    widget = Widget(page).open()
    widget.ask(INJECTION)
    expect(widget.user_messages.last.locator(".vae-chat__bubble")).to_have_text(INJECTION)
    assert page.locator(".vae-chat img").count() == 0
    assert page.dialogs == []


def test_bot_text_is_formatted_safely(page, site):
    """Bold, lists, line breaks and http(s) links are rendered; HTML and other links stay inert text."""
    answer = {
        "recipient_id": "x",
        "text": ("**Important** : lisez ceci.\nDeuxième ligne <img src=x onerror=alert(2)>\n"
                 "- un [lien sûr](https://vae.gouv.fr)\n- un [piège](javascript:alert(3))\n"
                 "- voir https://www.service-public.fr/particuliers/vosdroits/F15478."),
        "buttons": [{"title": "<b>Choix</b>", "payload": "Choix"}],
    }

    def fulfil(route):
        if route.request.method == "OPTIONS":
            return route.continue_()
        route.fulfill(status=200, json=[answer], headers={"Access-Control-Allow-Origin": site["origin"]})

    page.route("**/webhooks/rest/webhook", fulfil)
    widget = Widget(page).open()
    widget.ask("Formatage ?")
    bubble = widget.last_bot().locator(".vae-chat__bubble")
    expect(bubble.locator("strong")).to_have_text("Important")
    expect(bubble.locator("p")).to_have_count(2)  # one paragraph per line
    expect(bubble.locator("li")).to_have_count(3)
    links = bubble.locator("a")
    expect(links).to_have_count(2)
    for i in range(2):
        assert links.nth(i).get_attribute("href").startswith("https://")
        assert "noopener" in links.nth(i).get_attribute("rel")
    # The trailing full stop is not part of the link.
    assert links.nth(1).get_attribute("href").endswith("F15478")
    expect(bubble).to_contain_text("<img src=x onerror=alert(2)>")
    expect(bubble).to_contain_text("piège")
    assert page.locator(".vae-chat img").count() == 0
    expect(widget.quick_replies).to_have_text(["<b>Choix</b>"])
    assert page.dialogs == []


def test_a_slow_answer_keeps_the_indicator_and_sends_nothing_twice(page):
    held = []
    page.route("**/webhooks/rest/webhook",
               lambda route: route.continue_() if route.request.method == "OPTIONS" else held.append(route))
    widget = Widget(page).open()
    widget.input.fill("Bonjour")
    widget.input.press("Enter")
    wait_until(lambda: held, 10, "the message to leave", page)
    expect(widget.typing).to_be_visible()
    expect(widget.send_button).to_be_disabled()

    widget.input.fill("Et ensuite ?")
    widget.input.press("Enter")
    widget.send_button.click(force=True)
    page.wait_for_timeout(500)
    assert len(held) == 1, "a second message left while the first was pending"
    expect(widget.user_messages).to_have_count(1)
    expect(widget.typing).to_be_visible()

    before = widget.bot_messages.count()
    held[0].continue_()
    widget.answer_after(before)
    expect(widget.typing).to_be_hidden()
    expect(widget.send_button).to_be_enabled()
    expect(widget.input).to_have_value("Et ensuite ?")  # what was typed meanwhile is kept


def test_thumbs_up_is_stored_with_the_conversation(page, site):
    widget = Widget(page).open()
    answer = widget.ask("C'est quoi la VAE inversée ?")
    rated = widget.last_bot()
    up = rated.get_by_role("button", name="Réponse utile")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    sender = widget.sender()
    feedback = wait_until(lambda: slot_values(site["db"], sender, "feedback"), 10, "the feedback slot", page)
    entries = feedback[-1]
    assert [e["value"] for e in entries] == ["up"]
    assert entries[0]["text"].replace("**", "")[:40] in answer  # the stored text is the answer's, raw
    assert isinstance(entries[0]["ts"], float)

    rated.get_by_role("button", name="Réponse pas utile").click()
    wait_until(lambda: len(slot_values(site["db"], sender, "feedback")) == 2, 10, "the second feedback", page)
    latest = slot_values(site["db"], sender, "feedback")[-1]
    assert [e["value"] for e in latest] == ["down"], "one opinion per answer, the latest wins"
    assert json.loads(json.dumps(widget.stored()))["messages"][-1]["feedback"] == "down"


def test_erasing_my_data_removes_the_conversation_everywhere(page, site):
    widget = Widget(page).open()
    widget.ask("Bonjour")
    sender = widget.sender()
    assert events(site["db"], sender)

    page.get_by_role("button", name="Vos données").click()
    expect(page.locator(".vae-chat__privacy")).to_contain_text("90 jours")
    page.get_by_role("button", name="Supprimer mes données").click()
    page.get_by_role("button", name="Oui, tout supprimer").click()
    expect(widget.alert).to_contain_text("Vos données ont été supprimées")
    assert events(site["db"], sender) == []
    assert widget.stored() is None
    expect(widget.user_messages).to_have_count(0)


def test_keyboard_only(page):
    widget = Widget(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if "vae-chat__launcher" in widget.focused_class():
            break
    else:
        raise AssertionError("the launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()

    before = widget.bot_messages.count()
    page.keyboard.type("Suis-je éligible ?")
    page.keyboard.press("Enter")
    widget.answer_after(before)
    before = widget.bot_messages.count()
    page.keyboard.type("30")
    page.keyboard.press("Enter")
    widget.answer_after(before)

    # The quick replies come just before the text box.
    page.keyboard.press("Shift+Tab")
    assert "vae-chat__quick-reply" in widget.focused_class()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focus is not visible"
    chosen = page.evaluate("document.activeElement.textContent")
    before = widget.bot_messages.count()
    page.keyboard.press("Enter")
    widget.answer_after(before)
    expect(widget.user_messages.last).to_contain_text(chosen)

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


def test_bot_down_then_back_up(page, site):
    """The bot becomes unreachable: a clear message, the text is kept, retries; it is back: the answer arrives."""
    relay = site["relay"]
    page.goto(site["outage_url"])  # this copy of the page reaches the bot through the relay
    widget = Widget(page).open()
    widget.ask("Bonjour")
    relay.down()
    try:
        widget.input.fill("Que pouvez-vous faire ?")
        widget.input.press("Enter")
        expect(widget.alert).to_contain_text("Impossible de joindre l'assistant")
        expect(widget.user_messages.last).to_contain_text("Pas encore envoyé")
        expect(widget.send_button).to_be_disabled()

        # Giving up puts the text back in the box; sending again waits for the bot.
        page.get_by_role("button", name="Annuler l'envoi").click()
        expect(widget.input).to_have_value("Que pouvez-vous faire ?")
        expect(widget.input).to_be_focused()
        expect(widget.user_messages).to_have_count(1)
        widget.input.press("Enter")
        expect(widget.alert).to_contain_text("Impossible de joindre l'assistant")
        expect(widget.alert).to_contain_text("Nouvel essai dans")
        before = widget.bot_messages.count()
        page.wait_for_timeout(3_000)  # at least one automatic retry fails too
    finally:
        relay.up()
    widget.answer_after(before, timeout=45)  # the widget retried by itself
    expect(widget.alert).to_be_hidden()
    expect(widget.user_messages).to_have_count(2)
    expect(widget.user_messages.last).not_to_contain_text("Pas encore envoyé")
    widget.ask("Merci")
