"""A small HTTP client of the review console, for scripts, the benchmark and the tests.

It keeps the console's cookies itself: they are `Secure`, and `requests` does not send those over plain
http://127.0.0.1 (browsers do, for localhost).
"""
from __future__ import annotations

from typing import Any

import requests

from bot.tools.review.web import LOGIN_COOKIE, SESSION_COOKIE


class ConsoleClient:
    def __init__(self, base: str, timeout: float = 60):
        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}
        self.timeout = timeout
        self.csrf_token: str | None = None

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", self.timeout)
        reply = self.http.request(method, self.base + path, cookies=dict(self.cookies), **kwargs)
        for cookie in reply.cookies:
            if cookie.value in ("", '""'):
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value
        self.http.cookies.clear()
        return reply

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.request("GET", path, params=params)

    def login(self, name: str, password: str, next_path: str = "/") -> requests.Response:
        """Open the login form, then post it with its token; on success, remember the CSRF token."""
        self.get("/login")
        reply = self.request("POST", "/login", data={"csrf_token": self.cookies.get(LOGIN_COOKIE, ""), "name": name,
                                                     "password": password, "next": next_path})
        if SESSION_COOKIE in self.cookies:
            self.csrf_token = self.get("/api/me").json()["csrf_token"]
        return reply

    def post(self, path: str, data: dict[str, Any] | None = None, with_csrf: bool = True) -> requests.Response:
        """A form POST, with the session's CSRF token unless told otherwise."""
        form = {**(data or {}), **({"csrf_token": self.csrf_token} if with_csrf and self.csrf_token else {})}
        return self.request("POST", path, data=form)

    def api(self, method: str, path: str, json: Any = None, with_csrf: bool = True) -> requests.Response:
        headers = {"X-CSRF-Token": self.csrf_token} if with_csrf and self.csrf_token else {}
        return self.request(method, path, json=json, headers=headers)
