"""Opening a store: a URL (or a plain file path for SQLite) → an SQLAlchemy Engine with
its schema at the newest Alembic revision.

SQLite runs in WAL mode (readers do not block the writer; a killed writer leaves the
last committed transaction intact) with foreign keys on; PostgreSQL needs nothing special.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from ..errors import LagebildError

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(LagebildError):
    """A store that cannot be opened or used: a bad URL, an unreachable server, a schema
    newer than this lagebild."""


def store_url(store: Optional[str] = None) -> str:
    """An SQLAlchemy URL from a URL or a file path (a path means SQLite). None: the
    `store` setting (default ./lagebild.db)."""
    if store is None:
        from ..settings import settings
        store = settings().store
    if "://" in store:
        return store
    return f"sqlite:///{Path(store).expanduser()}"


def open_engine(store: Optional[str] = None, upgrade: bool = True) -> Engine:
    """An engine on the store, its schema upgraded to the newest revision (`upgrade`)."""
    url = store_url(store)
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use the store {_safe(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _sqlite_file_folder(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if upgrade:
            upgrade_schema(engine)
        else:
            engine.connect().close()
    except OperationalError as exc:
        raise StoreError(f"cannot open the store {_safe(url)}: {driver_message(exc)}") from None
    return engine


def driver_message(exc) -> str:
    """The first line of what the database driver said (SQLAlchemy wraps it in `orig`)."""
    return (str(exc.orig) or type(exc.orig).__name__).strip().splitlines()[0]


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_file_folder(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")     # with WAL: durable against a killed process
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")     # a reader (export, web) may hold the file briefly
    cursor.close()
    # SQLite's own lower() knows only ASCII: searches for "ÄRZTE" must find "Ärzte"
    dbapi_connection.create_function("lower", 1, lambda s: s.lower() if isinstance(s, str) else s,
                                     deterministic=True)


def _alembic_config(connection=None):
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the store's schema to `revision` (all migrations: 'head')."""
    from alembic import command
    head = head_revision()
    current = current_revision(engine)
    if current is not None and current != head and current not in _known_revisions():
        raise StoreError(f"the store's schema ({current}) is newer than this lagebild knows ({head}); "
                         "update lagebild")
    if current == head and revision == "head":
        return
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), revision)


def current_revision(engine: Engine) -> Optional[str]:
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory
    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
