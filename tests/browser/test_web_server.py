"""The widget's web server: content types, the demo page's security headers, nothing served by mistake."""
from __future__ import annotations

import re

import pytest
import requests

from bot.tools.web.server import STATIC, content_security_policy, render_page


@pytest.mark.parametrize("path, content_type", [
    ("/", "text/html; charset=utf-8"),
    ("/widget.js", "text/javascript; charset=utf-8"),
    ("/widget.css", "text/css; charset=utf-8"),
    ("/demo.css", "text/css; charset=utf-8"),
    ("/favicon.svg", "image/svg+xml"),
])
def test_files_are_served_with_their_content_type(site, path, content_type):
    reply = requests.get(site["url"].rstrip("/") + path, timeout=10)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == content_type
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_the_demo_page_has_a_strict_content_security_policy(site):
    reply = requests.get(site["url"], timeout=10)
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self';" in policy and "unsafe" not in policy
    assert f"connect-src 'self' {site['base']}" in policy
    assert "require-trusted-types-for 'script'" in policy
    assert reply.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/server.py", "/../server.py", "/%2e%2e/server.py", "/static/index.html",
                                  "/nope.js", "/.hidden"])
def test_nothing_else_is_served(site, path):
    assert requests.get(site["url"].rstrip("/") + path, timeout=10).status_code == 404


def test_only_get_and_head(site):
    assert requests.post(site["url"], data="x", timeout=10).status_code == 405
    assert requests.head(site["url"], timeout=10).status_code == 200


def test_the_page_is_filled_from_the_knowledge_file():
    page = render_page("http://localhost:5005")
    assert not re.search(r"\{[a-z_0-9]+\}", page), "a placeholder was left in the demo page"
    assert "28 février 2026" in page and "9\u202f000\u202f€" in page  # figures with their no-break spaces
    assert 'data-bot-url="http://localhost:5005"' in page
    # One script tag, no inline script or style: the CSP allows none.
    assert page.count("<script") == 1 and "<style" not in page and " style=" not in page
    script = (STATIC / "widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_the_policy_names_only_the_bot_origin():
    assert "connect-src 'self' https://bot.example.fr;" in content_security_policy("https://bot.example.fr/chat/")
    with pytest.raises(ValueError):
        content_security_policy("javascript:alert(1)")
