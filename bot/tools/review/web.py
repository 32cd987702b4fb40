"""The review console: server-rendered French pages and a JSON API under /api/, behind a login.

Sanic (installed with Rasa) serves it; database work runs in worker threads so that a long export does
not block other requests. Nothing but the login page and the stylesheet is reachable without a session:
pages redirect to /login, /api/* answers 401. Every POST/PUT/PATCH/DELETE must carry the session's CSRF
token (form field `csrf_token` or header `X-CSRF-Token`), the login form its own double-submit token.
"""
from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar
from urllib.parse import parse_qsl, quote, unquote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.exceptions import NotFound, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.tools.review import charts, labels
from bot.tools.review.auth import Accounts, Session, same_token
from bot.tools.review.exports import EXPORTS, export_chunks
from bot.adapters.store.conversation import OUTCOMES
from bot.adapters.store.notes import TAGS, save_note
from bot.adapters.store.queries import Filters, ReviewStore, Stats
from bot.adapters.store.retention import erase
from bot.adapters.store.summaries import local_day

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "vae_review_session"
LOGIN_COOKIE = "vae_review_login"
LOGIN_TOKEN_CHARS = 43  # secrets.token_urlsafe(32)
PUBLIC_PATHS = ("/login", "/static/", "/favicon.ico")
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
EXPORT_ROUTES = {"/api/export.csv": "csv", "/api/export.jsonl": "jsonl", "/api/export.nlu.yml": "nlu"}

WRONG_CREDENTIALS = "Nom de compte ou mot de passe incorrect."
TOO_MANY_ATTEMPTS = "Trop de tentatives de connexion. Patientez 15 minutes avant de réessayer."
EXPIRED_FORM = "Le formulaire a expiré. Rechargez la page et réessayez."
LOGIN_REQUIRED = "Connexion requise."
FORBIDDEN = "Requête refusée : jeton de sécurité (CSRF) absent ou invalide. Rechargez la page et réessayez."
NOT_FOUND = "Cette conversation n'existe pas, ou elle a été effacée."

logger = logging.getLogger(__name__)
T = TypeVar("T")


async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await asyncio.to_thread(partial(function, *args, **kwargs))


def client_ip(request: Request) -> str:
    """The client's address; behind a proxy, Sanic's forwarded-header settings fill remote_addr."""
    return request.remote_addr or request.ip or "?"


def safe_next(target: str | None) -> str:
    """Only local paths after login, never another site ("//evil.example" included)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def url(path: str, params: dict[str, str] | None = None, **extra: str) -> str:
    query = urlencode({**(params or {}), **extra})
    return f"{path}?{query}" if query else path


def conversation_path(sender_id: str) -> str:
    return "/conversations/" + quote(sender_id, safe="")


def conversation_url(sender_id: str, back: dict[str, str] | None = None) -> str:
    return url(conversation_path(sender_id), {"back": urlencode(back)} if back else None)


def pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def slot_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def templates() -> Environment:
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    environment.globals.update(
        labels=labels, label=labels.label, sector=labels.sector, number=labels.number, percent=labels.percent,
        confidence=labels.confidence, datetime=labels.french_datetime, url=url, pretty=pretty,
        conversation_url=conversation_url, conversation_path=conversation_path, slot_value=slot_value,
        time=lambda ts: labels.local_datetime(ts).strftime("%H:%M:%S") if ts else "",
    )
    return environment


def set_cookie(reply: HTTPResponse, name: str, value: str, max_age: int, secure: bool) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    cookie["max-age"] = max_age
    if secure:
        cookie["secure"] = True


def _chart_sections(stats: Stats) -> list[dict[str, Any]]:
    """The charts of the statistics page, each with the numbers behind it."""
    def day_label(day: str) -> str:
        return day[8:10] + "/" + day[5:7]

    by_size = sorted(stats.outcomes_by_sector.items(), key=lambda item: -sum(item[1].values()))[:12]
    sector_rows = [(labels.sector(code), values) for code, values in by_size]
    verdicts = [("eligible", labels.OUTCOMES["eligible"]), ("not_eligible", labels.OUTCOMES["not_eligible"]),
                ("undetermined", labels.OUTCOMES["undetermined"])]
    outcomes = [(labels.OUTCOMES[code], stats.outcomes.get(code, 0)) for code in OUTCOMES]
    dropped = [(labels.label(labels.SLOTS, slot), count) for slot, count in stats.dropped_slots]
    return [
        {"title": "Conversations par jour", "svg": charts.column_chart(stats.per_day, "Conversations par jour", day_label),
         "headings": ["Jour", "Conversations"],
         "rows": [(labels.french_date(date.fromisoformat(day)), count) for day, count in stats.per_day]},
        {"title": "Intentions les plus fréquentes", "svg": charts.bar_chart(stats.top_intents, "Intentions les plus fréquentes"),
         "headings": ["Intention", "Messages"], "rows": stats.top_intents},
        {"title": "Issue des conversations", "svg": charts.bar_chart(outcomes, "Issue des conversations"),
         "headings": ["Issue", "Conversations"], "rows": outcomes if stats.conversations else []},
        {"title": "Questions où le questionnaire est abandonné", "svg": charts.bar_chart(dropped, "Abandons par question"),
         "headings": ["Question", "Abandons"], "rows": dropped},
        {"title": "Verdicts d'éligibilité par secteur",
         "svg": charts.stacked_bar_chart(sector_rows, verdicts, "Verdicts d'éligibilité par secteur"),
         "headings": ["Secteur", *(name for _, name in verdicts)],
         "rows": [(sector, *(values.get(code, 0) for code, _ in verdicts)) for sector, values in sector_rows]},
    ]


class ReviewConsole:
    """The Sanic application and its handlers."""

    def __init__(self, store: ReviewStore, accounts: Accounts, secure_cookies: bool = True):
        self.store = store
        self.accounts = accounts
        self.secure_cookies = secure_cookies
        self.templates = templates()
        self.app = Sanic("vae_review")
        self.app.config.REQUEST_MAX_SIZE = 1_000_000
        self._routes()

    # --- plumbing -----------------------------------------------------------------------------------
    def _routes(self) -> None:
        app = self.app
        app.static("/static", str(HERE / "static"), name="static")
        app.register_middleware(self._authenticate, "request")
        app.register_middleware(self._secure_headers, "response")
        app.error_handler.add(NotFound, self._not_found)
        app.error_handler.add(Exception, self._failure)
        for path, handler, methods in (
            ("/login", self.login_page, ["GET"]), ("/login", self.login, ["POST"]), ("/logout", self.logout, ["POST"]),
            ("/favicon.ico", self.favicon, ["GET"]), ("/", self.list_page, ["GET"]), ("/stats", self.stats_page, ["GET"]),
            ("/conversations/<sender_id:str>", self.transcript_page, ["GET"]),
            ("/conversations/<sender_id:str>/note", self.note_form, ["POST"]),
            ("/conversations/<sender_id:str>/erase", self.erase_form, ["POST"]),
            ("/api/me", self.api_me, ["GET"]), ("/api/conversations", self.api_list, ["GET"]),
            ("/api/conversations/<sender_id:str>", self.api_transcript, ["GET"]),
            ("/api/conversations/<sender_id:str>", self.api_erase, ["DELETE"]),
            ("/api/conversations/<sender_id:str>/note", self.api_note, ["POST"]),
            ("/api/stats", self.api_stats, ["GET"]),
            *((path, self.export, ["GET"]) for path in EXPORT_ROUTES),
        ):
            app.add_route(handler, path, methods=methods, name=f"{handler.__name__}_{methods[0].lower()}_{len(path)}")

    def render(self, request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
        context.setdefault("notices", [])
        page = self.templates.get_template(template).render(session=request.ctx.session, **context)
        return response.html(page, status=status)

    def _problem(self, request: Request, status: int, heading: str, message: str) -> HTTPResponse:
        if request.path.startswith("/api/"):
            return response.json({"error": message}, status=status)
        return self.render(request, "error.html", status=status, heading=heading, message=message)

    async def _authenticate(self, request: Request) -> HTTPResponse | None:
        if request.path.startswith("/static/"):
            request.ctx.session = None
            return None
        token = request.cookies.get(SESSION_COOKIE)
        request.ctx.session = await in_thread(self.accounts.session, token) if token else None
        if request.path.startswith(PUBLIC_PATHS):
            return None
        if request.ctx.session is None:
            if request.path.startswith("/api/"):
                return response.json({"error": LOGIN_REQUIRED}, status=401)
            return response.redirect(url("/login", {"next": request.path + (f"?{request.query_string}" if request.query_string else "")}), status=303)
        if request.method in UNSAFE_METHODS:
            given = request.headers.get("X-CSRF-Token") or (request.form.get("csrf_token") if request.form else None)
            if not same_token(request.ctx.session.csrf_token, given):
                return self._problem(request, 403, "Requête refusée", FORBIDDEN)
        return None

    async def _secure_headers(self, request: Request, reply: HTTPResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            reply.headers.setdefault(name, value)
        if not request.path.startswith("/static/"):
            reply.headers.setdefault("Cache-Control", "no-store")

    async def _not_found(self, request: Request, _: Exception) -> HTTPResponse:
        if not hasattr(request.ctx, "session"):
            request.ctx.session = None
        return self._problem(request, 404, "Page introuvable", "Cette page n'existe pas.")

    async def _failure(self, request: Request, error: Exception) -> HTTPResponse:
        if not hasattr(request.ctx, "session"):
            request.ctx.session = None
        if isinstance(error, SanicException) and error.status_code < 500:
            return self._problem(request, error.status_code, "Requête invalide", "Cette requête n'est pas valide.")
        logger.exception("review console: %s %s failed", request.method, request.path)
        return self._problem(request, 500, "Erreur technique",
                             "Une erreur technique empêche d'afficher cette page. Réessayez dans un instant.")

    # --- login --------------------------------------------------------------------------------------
    def _login_form(self, request: Request, status: int = 200, error: str | None = None, name: str = "") -> HTTPResponse:
        # Reuse the pending token: a background request (the favicon…) must not invalidate an open form.
        token = request.cookies.get(LOGIN_COOKIE) or ""
        if len(token) != LOGIN_TOKEN_CHARS or not token.replace("-", "").replace("_", "").isalnum():
            token = secrets.token_urlsafe(32)
        posted = request.form.get("next") if request.method == "POST" and request.form else None
        reply = self.render(request, "login.html", status=status, error=error, name=name, login_token=token,
                            next=safe_next(posted or request.args.get("next")))
        set_cookie(reply, LOGIN_COOKIE, token, 3600, self.secure_cookies)
        return reply

    async def favicon(self, request: Request) -> HTTPResponse:
        return response.empty()

    async def login_page(self, request: Request) -> HTTPResponse:
        if request.ctx.session:
            return response.redirect("/", status=303)
        return self._login_form(request)

    async def login(self, request: Request) -> HTTPResponse:
        form = request.form or {}
        name, password = (form.get("name") or "").strip(), form.get("password") or ""
        if not same_token(request.cookies.get(LOGIN_COOKIE), form.get("csrf_token")):
            return self._login_form(request, 403, EXPIRED_FORM, name)
        ip = client_ip(request)
        if await in_thread(self.accounts.throttled, name, ip):
            logger.warning("review console: login throttled for an account from %s", ip)
            return self._login_form(request, 429, TOO_MANY_ATTEMPTS, name)
        session = await in_thread(self.accounts.login, name, password, ip)
        if session is None:
            return self._login_form(request, 401, WRONG_CREDENTIALS, name)
        reply = response.redirect(safe_next(form.get("next")), status=303)
        set_cookie(reply, SESSION_COOKIE, session.token, int(session.expires_at - time.time()), self.secure_cookies)
        del reply.cookies[LOGIN_COOKIE]
        return reply

    async def logout(self, request: Request) -> HTTPResponse:
        await in_thread(self.accounts.logout, request.cookies.get(SESSION_COOKIE))
        reply = response.redirect("/login", status=303)
        del reply.cookies[SESSION_COOKIE]
        return reply

    # --- pages --------------------------------------------------------------------------------------
    async def _page_data(self, request: Request) -> tuple[Filters, list[str]]:
        await in_thread(self.store.sync)
        return Filters.from_params(request.args), await in_thread(self.store.channels)

    async def list_page(self, request: Request) -> HTTPResponse:
        filters, channels = await self._page_data(request)
        cursor = request.args.get("cursor")
        page = await in_thread(self.store.page, filters, cursor)
        notices = ["La conversation a été effacée."] if request.args.get("erased") else []
        return self.render(request, "list.html", active="list", filters=filters, params=filters.as_params(),
                           filters_active=bool(filters.as_params()), channels=channels, page=page, cursor=cursor,
                           notices=notices)

    async def stats_page(self, request: Request) -> HTTPResponse:
        filters, channels = await self._page_data(request)
        stats = await in_thread(self.store.stats, filters)
        return self.render(request, "stats.html", active="stats", filters=filters, channels=channels, stats=stats,
                           charts=_chart_sections(stats))

    async def transcript_page(self, request: Request, sender_id: str) -> HTTPResponse:
        transcript = await in_thread(self.store.transcript, unquote(sender_id))
        if transcript is None:
            return self._problem(request, 404, "Conversation introuvable", NOT_FOUND)
        back_query = request.args.get("back") or ""
        back = Filters.from_params(dict(parse_qsl(back_query))).as_params()
        notices = ["Étiquette et commentaire enregistrés."] if request.args.get("saved") else []
        return self.render(request, "transcript.html", active="list", conversation=transcript.conversation,
                           note=transcript.note, back=back, back_query=urlencode(back), notices=notices)

    async def note_form(self, request: Request, sender_id: str) -> HTTPResponse:
        sender = unquote(sender_id)
        tag = request.form.get("tag") or None
        if tag is not None and tag not in TAGS:
            return self._problem(request, 400, "Requête invalide", "Étiquette inconnue.")
        await in_thread(save_note, self.store.engine, sender, tag, request.form.get("comment") or "",
                        request.ctx.session.user_name)
        back = request.form.get("back") or ""
        return response.redirect(url(conversation_path(sender), {"back": back} if back else None, saved="1"), status=303)

    async def erase_form(self, request: Request, sender_id: str) -> HTTPResponse:
        if request.form.get("confirm") != "1":
            return self._problem(request, 400, "Confirmation manquante", "Cochez la case de confirmation pour effacer la conversation.")
        await in_thread(erase, self.store.engine, unquote(sender_id))
        logger.info("review console: conversation erased by %s", request.ctx.session.user_name)
        return response.redirect("/?erased=1", status=303)

    # --- API ----------------------------------------------------------------------------------------
    async def api_me(self, request: Request) -> HTTPResponse:
        session: Session = request.ctx.session
        return response.json({"name": session.user_name, "csrf_token": session.csrf_token})

    async def api_list(self, request: Request) -> HTTPResponse:
        filters, _ = await self._page_data(request)
        try:
            limit = min(max(int(request.args.get("limit", 50)), 1), 500)
        except ValueError:
            limit = 50
        page = await in_thread(self.store.page, filters, request.args.get("cursor"), limit)
        return response.json({"total": page.total, "next_cursor": page.next_cursor,
                              "conversations": [row.as_dict() for row in page.rows]})

    async def api_transcript(self, request: Request, sender_id: str) -> HTTPResponse:
        transcript = await in_thread(self.store.transcript, unquote(sender_id))
        if transcript is None:
            return response.json({"error": NOT_FOUND}, status=404)
        conversation = transcript.conversation
        return response.json({
            "sender_id": conversation.sender_id, "channel": conversation.channel, "role": conversation.role,
            "sector": conversation.sector, "outcome": conversation.outcome, "dropped_slot": conversation.dropped_slot,
            "started_at": conversation.started_at, "last_event_at": conversation.last_event_at,
            "verdict": conversation.verdict, "feedback": conversation.feedback, "slots": conversation.slots,
            "entries": [entry.as_dict() for entry in conversation.entries],
            "note": transcript.note.__dict__ if transcript.note else None,
        })

    async def api_note(self, request: Request, sender_id: str) -> HTTPResponse:
        body = request.json if isinstance(request.json, dict) else {}
        tag = body.get("tag") or None
        if tag is not None and tag not in TAGS or not isinstance(body.get("comment", ""), str):
            return response.json({"error": "Étiquette ou commentaire invalide."}, status=400)
        note = await in_thread(save_note, self.store.engine, unquote(sender_id), tag, body.get("comment", ""),
                               request.ctx.session.user_name)
        return response.json(note.__dict__)

    async def api_erase(self, request: Request, sender_id: str) -> HTTPResponse:
        deleted = await in_thread(erase, self.store.engine, unquote(sender_id))
        return response.json({"erased_events": deleted})

    async def api_stats(self, request: Request) -> HTTPResponse:
        filters, _ = await self._page_data(request)
        return response.json((await in_thread(self.store.stats, filters)).as_dict())

    async def export(self, request: Request) -> HTTPResponse:
        kind = EXPORT_ROUTES[request.path]
        filters, _ = await self._page_data(request)
        content_type, filename = EXPORTS[kind]
        chunks: Iterator[str] = await in_thread(export_chunks, self.store, kind, filters)
        reply = await request.respond(content_type=content_type,
                                      headers={"Content-Disposition": f'attachment; filename="{local_day(time.time())}-{filename}"'})
        while (chunk := await in_thread(next, chunks, None)) is not None:
            await reply.send(chunk.encode())
        await reply.eof()
        return reply


def create_app(store: ReviewStore, accounts: Accounts, secure_cookies: bool = True) -> Sanic:
    return ReviewConsole(store, accounts, secure_cookies).app
