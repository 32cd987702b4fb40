"""Serve the chat widget and its French demo page (bot/tools/web/static) on 127.0.0.1, standard library only.

`python -m bot.tools.web.server --port 8080 --bot-url http://localhost:5005`. The demo page is rendered from
static/index.html: its `{name}` placeholders are the FAQ placeholders (dates, caps, sources from
bot/core/knowledge/vae_inversee.yml, written by bot/core/say/faq.py, the same ones the FAQ answers use),
`{bot_url}` and `{retention_days}` (the store's retention, $VAE_RETENTION_DAYS or 90), so no fact is written twice. The page is sent with a strict Content-Security-Policy: scripts and styles from this server only,
network calls to this server and the bot only, and Trusted Types so that no HTML can be injected by script.
The widget files are plain static files any site may load with one script tag.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from bot.core.knowledge import load
from bot.core.say.faq import faq_placeholders
from bot.adapters.store.retention import retention_days
from bot.tools.processes import ServerProcess


STATIC = Path(__file__).resolve().parent / "static"
DEFAULT_PORT = 8080
DEFAULT_BOT_URL = "http://localhost:5005"
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a CSP source."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the bot URL must be an http(s) URL, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(bot_url: str) -> str:
    """The demo page's policy: nothing inline, nothing from elsewhere, no HTML sinks (Trusted Types)."""
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        f"connect-src 'self' {origin_of(bot_url)}",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ])


def render_page(bot_url: str, source: Path = STATIC / "index.html") -> str:
    """The demo page with its placeholders filled (HTML-escaped); an unknown placeholder is an error."""
    values = {**faq_placeholders(load()), "bot_url": bot_url, "retention_days": retention_days()}

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"{source.name}: unknown placeholder {{{name}}}")
        return html.escape(str(values[name]), quote=True)

    return PLACEHOLDER.sub(fill, source.read_text(encoding="utf-8"))


class WidgetHandler(BaseHTTPRequestHandler):
    """GET/HEAD of the demo page and of the files in static/; nothing else."""

    server_version = "vae-widget"
    sys_version = ""

    def __init__(self, *args, bot_url: str, **kwargs):
        self.bot_url = bot_url
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            body = render_page(self.bot_url).encode("utf-8")
            headers = {
                "Content-Type": CONTENT_TYPES[".html"],
                "Content-Security-Policy": content_security_policy(self.bot_url),
                "X-Frame-Options": "DENY",
            }
            return self.send(HTTPStatus.OK, body, headers, send_body)
        file = self.static_file(path)
        if file is None:
            return self.send(HTTPStatus.NOT_FOUND, "Page introuvable.\n".encode(),
                             {"Content-Type": CONTENT_TYPES[".txt"]}, send_body)
        # The widget is meant to be loaded by other sites' pages.
        headers = {"Content-Type": CONTENT_TYPES[file.suffix], "Cross-Origin-Resource-Policy": "cross-origin"}
        return self.send(HTTPStatus.OK, file.read_bytes(), headers, send_body)

    @staticmethod
    def static_file(path: str) -> Path | None:
        """The file of static/ this URL path names, if it is one we serve (known type, no way out)."""
        name = path.lstrip("/")
        if not name or "\\" in name or name.startswith("."):
            return None
        file = (STATIC / name).resolve()
        if STATIC not in file.parents or not file.is_file() or file.suffix not in CONTENT_TYPES:
            return None
        return file

    def send(self, status: HTTPStatus, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for name, value in {**COMMON_HEADERS, **headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_POST(self) -> None:
        self.send(HTTPStatus.METHOD_NOT_ALLOWED, b"", {"Allow": "GET, HEAD"}, send_body=False)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def log_request(self, code="-", size="-") -> None:
        # Successful requests are not worth a line in `make run`'s terminal; errors are.
        if isinstance(code, int) and code < 400:
            return
        super().log_request(code, size)


def serve(port: int = DEFAULT_PORT, bot_url: str = DEFAULT_BOT_URL) -> int:
    render_page(bot_url)  # fail at start, not at the first visit, if a placeholder is wrong
    content_security_policy(bot_url)
    try:
        httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(WidgetHandler, bot_url=bot_url))
    except OSError as error:
        print(f"error: cannot serve the widget on port {port}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"widget and demo page on http://localhost:{port}/ (bot: {bot_url})", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


def web_server(port: int = DEFAULT_PORT, log: IO[bytes] | None = None, bot_url: str = DEFAULT_BOT_URL) -> ServerProcess:
    """The widget's web server as a child process, for bot.tools.serve's Stack (make run) and the browser tests."""

    return ServerProcess(
        name="web",
        command=[sys.executable, "-m", "bot.tools.web.server", "--port", str(port), "--bot-url", bot_url],
        ready_url=f"http://127.0.0.1:{port}/",
        log=log,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.web.server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--bot-url", default=DEFAULT_BOT_URL, help="where the Rasa server answers (REST channel)")
    args = parser.parse_args(argv)
    return serve(args.port, args.bot_url)


if __name__ == "__main__":
    sys.exit(main())
