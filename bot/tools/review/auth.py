"""Accounts, sessions, login throttling and CSRF tokens of the review console (no web framework here).

- Passwords: scrypt (hashlib) with a random 16-byte salt per account, parameters stored with the hash.
- Sessions: a random token in the cookie; the database keeps only its SHA-256, an absolute expiry and an
  idle expiry, and a CSRF token that every POST must echo.
- Throttling: failed logins are counted per account and per IP address over a sliding window.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.adapters.store.schema import create_tables

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD_CHARS = 12
MAX_NAME_CHARS = 64

SESSION_HOURS_ENV = "VAE_REVIEW_SESSION_HOURS"
DEFAULT_SESSION_HOURS = 8.0
IDLE_MINUTES = 30
THROTTLE_WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_IP = 20

metadata = sa.MetaData()

users = sa.Table(
    "review_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(MAX_NAME_CHARS), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

sessions = sa.Table(
    "review_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("last_seen_at", sa.Float, nullable=False),
)

failed_logins = sa.Table(
    "review_failed_logins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(MAX_NAME_CHARS), nullable=False),
    sa.Column("ip", sa.String(64), nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("ix_review_failed_logins_name", "name", "at"),
    sa.Index("ix_review_failed_logins_ip", "ip", "at"),
)


class AccountError(ValueError):
    """A user-management request that cannot be done; the message is in French, for the terminal."""


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=SCRYPT_MAXMEM)
    encode = lambda raw: base64.b64encode(raw).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt)}${encode(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                maxmem=SCRYPT_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


# Checked against when the account does not exist, so that a login takes as long either way.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_hours() -> float:
    try:
        hours = float(os.environ.get(SESSION_HOURS_ENV, DEFAULT_SESSION_HOURS))
    except ValueError:
        return DEFAULT_SESSION_HOURS
    return hours if hours > 0 else DEFAULT_SESSION_HOURS


@dataclass(frozen=True)
class Session:
    token: str  # only known right after login; empty when read back from a cookie
    user_id: int
    user_name: str
    csrf_token: str
    expires_at: float


class Accounts:
    """Users, sessions and throttling, stored next to the conversations."""

    def __init__(self, engine: Engine):
        self.engine = engine
        create_tables(engine, metadata)

    # --- accounts -----------------------------------------------------------------------------------
    def add_user(self, name: str, password: str) -> None:
        name = name.strip()
        if not name or len(name) > MAX_NAME_CHARS or not name.isprintable():
            raise AccountError(f"Nom de compte invalide (1 à {MAX_NAME_CHARS} caractères imprimables).")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"Le mot de passe doit contenir au moins {MIN_PASSWORD_CHARS} caractères.")
        with self.engine.begin() as connection:
            if connection.execute(sa.select(users.c.id).where(users.c.name == name)).first():
                raise AccountError(f"Le compte « {name} » existe déjà.")
            connection.execute(users.insert().values(name=name, password_hash=hash_password(password), created_at=time.time()))

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"Le mot de passe doit contenir au moins {MIN_PASSWORD_CHARS} caractères.")
        with self.engine.begin() as connection:
            user_id = connection.execute(sa.select(users.c.id).where(users.c.name == name)).scalar()
            if user_id is None:
                raise AccountError(f"Le compte « {name} » n'existe pas.")
            connection.execute(users.update().where(users.c.id == user_id).values(password_hash=hash_password(password)))
            connection.execute(sessions.delete().where(sessions.c.user_id == user_id))

    def remove_user(self, name: str) -> None:
        with self.engine.begin() as connection:
            user_id = connection.execute(sa.select(users.c.id).where(users.c.name == name)).scalar()
            if user_id is None:
                raise AccountError(f"Le compte « {name} » n'existe pas.")
            connection.execute(sessions.delete().where(sessions.c.user_id == user_id))
            connection.execute(users.delete().where(users.c.id == user_id))

    def user_names(self) -> list[str]:
        with self.engine.connect() as connection:
            return [name for (name,) in connection.execute(sa.select(users.c.name).order_by(users.c.name))]

    # --- throttling ---------------------------------------------------------------------------------
    def throttled(self, name: str, ip: str, now: float | None = None) -> bool:
        """True when this account or this address failed too often in the last window."""
        since = (now or time.time()) - THROTTLE_WINDOW_SECONDS
        count = lambda condition: sa.select(sa.func.count()).select_from(failed_logins).where(condition, failed_logins.c.at > since)  # noqa: E731
        with self.engine.connect() as connection:
            by_account = connection.execute(count(failed_logins.c.name == name[:MAX_NAME_CHARS])).scalar()
            by_ip = connection.execute(count(failed_logins.c.ip == ip[:64])).scalar()
        return by_account >= MAX_FAILURES_PER_ACCOUNT or by_ip >= MAX_FAILURES_PER_IP

    def _record_failure(self, name: str, ip: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(failed_logins.insert().values(name=name[:MAX_NAME_CHARS], ip=ip[:64], at=time.time()))
            connection.execute(failed_logins.delete().where(failed_logins.c.at < time.time() - THROTTLE_WINDOW_SECONDS))

    # --- sessions -----------------------------------------------------------------------------------
    def login(self, name: str, password: str, ip: str) -> Session | None:
        """A new session when the password is right; None otherwise (the failure is counted)."""
        with self.engine.connect() as connection:
            user = connection.execute(sa.select(users.c.id, users.c.password_hash).where(users.c.name == name)).first()
        if not verify_password(password, user.password_hash if user else _DUMMY_HASH) or user is None:
            self._record_failure(name, ip)
            return None
        now = time.time()
        session = Session(secrets.token_urlsafe(32), user.id, name, secrets.token_urlsafe(32), now + session_hours() * 3600)
        with self.engine.begin() as connection:
            connection.execute(failed_logins.delete().where(failed_logins.c.name == name))
            connection.execute(sessions.delete().where(sessions.c.expires_at < now))
            connection.execute(sessions.insert().values(
                token_hash=_token_hash(session.token), user_id=user.id, csrf_token=session.csrf_token,
                created_at=now, expires_at=session.expires_at, last_seen_at=now,
            ))
        return session

    def session(self, token: str | None) -> Session | None:
        """The live session of a cookie token; expired (absolute or idle) sessions are deleted."""
        if not token:
            return None
        key = _token_hash(token)
        now = time.time()
        query = (
            sa.select(sessions.c.user_id, users.c.name, sessions.c.csrf_token, sessions.c.expires_at, sessions.c.last_seen_at)
            .select_from(sessions.join(users, users.c.id == sessions.c.user_id)).where(sessions.c.token_hash == key)
        )
        with self.engine.begin() as connection:
            row = connection.execute(query).first()
            if row is None:
                return None
            if row.expires_at <= now or row.last_seen_at + IDLE_MINUTES * 60 <= now:
                connection.execute(sessions.delete().where(sessions.c.token_hash == key))
                return None
            if now - row.last_seen_at > 60:
                connection.execute(sessions.update().where(sessions.c.token_hash == key).values(last_seen_at=now))
        return Session("", row.user_id, row.name, row.csrf_token, row.expires_at)

    def logout(self, token: str | None) -> None:
        if token:
            with self.engine.begin() as connection:
                connection.execute(sessions.delete().where(sessions.c.token_hash == _token_hash(token)))


def same_token(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of CSRF tokens; a missing token never matches."""
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())
