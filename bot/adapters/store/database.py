"""Where the conversations are kept: one URL, from the configuration, the environment or the default.

Precedence: an explicit URL (endpoints.yml, a --database option) beats VAE_DATABASE_URL, which beats the
embedded default, the SQLite file var/conversations.db. PostgreSQL URLs look like
postgresql://user@host:5432/vae; the database is created when it does not exist yet.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parents[3]
DATABASE_URL_ENV = "VAE_DATABASE_URL"
DEFAULT_SQLITE_PATH = ROOT / "var" / "conversations.db"

logger = logging.getLogger(__name__)


def sqlite_url(path: Path | str) -> str:
    path = Path(path)
    return f"sqlite:///{path if path.is_absolute() else ROOT / path}"


def normalise_url(url: str) -> str:
    """SQLAlchemy 1.4 only knows "postgresql://"; relative SQLite paths are relative to the project."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        return sqlite_url(url[len("sqlite:///"):])
    return url


def database_url(explicit: str | None = None) -> str:
    """The store's URL: `explicit`, else $VAE_DATABASE_URL, else the SQLite file var/conversations.db."""
    return normalise_url(explicit or os.environ.get(DATABASE_URL_ENV) or sqlite_url(DEFAULT_SQLITE_PATH))


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def prepare_database(url: str) -> None:
    """Make sure the database can be opened: SQLite's folder exists, PostgreSQL's database exists."""
    parsed = make_url(url)
    if is_sqlite(url):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    if parsed.get_backend_name() == "postgresql" and parsed.database:
        _create_postgresql_database(url)


def _create_postgresql_database(url: str) -> None:
    parsed = make_url(url)
    server = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
            ).first()
            if not exists:
                logger.info("creating the PostgreSQL database %s", parsed.database)
                quoted = server.dialect.identifier_preparer.quote(parsed.database)
                connection.execute(sa.text(f"CREATE DATABASE {quoted}"))
    except sa.exc.ProgrammingError:  # created meanwhile by another process
        logger.debug("database %s already created", parsed.database)
    finally:
        server.dispose()


def enable_sqlite_wal(engine: Engine) -> None:
    """Let the console read while Rasa writes: WAL journal (kept by the file) and a wait on locks."""
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL syncs at checkpoints only: a crash of the process loses nothing, a power cut
            # may lose the last commits but never corrupts the file. Several times fewer fsyncs per message.
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()


def create_engine(url: str | None = None) -> Engine:
    """An engine on the store (see `database_url`), its database created if needed."""
    resolved = database_url(url)
    prepare_database(resolved)
    engine = sa.create_engine(resolved, future=True)
    enable_sqlite_wal(engine)
    return engine
