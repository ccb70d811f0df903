import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# the suite checks the reference (fp32) encoder on every machine; the pipeline's default,
# bf16 where the CPU has it (lagebild.encoder.default_precision), has tests of its own
os.environ.setdefault("LAGEBILD_PRECISION", "fp32")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of a real PostgreSQL server (`.ci/postgres` starts one and prints it).
    Without one the PostgreSQL tests are skipped, except in CI, where that is a failure."""
    url = os.environ.get("LAGEBILD_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the store on PostgreSQL: LAGEBILD_TEST_POSTGRES is not set (see .ci/postgres)")
        pytest.skip("no PostgreSQL server: set LAGEBILD_TEST_POSTGRES (.ci/postgres starts one)")
    return url


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the server for one test, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"lagebild_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    drop_database(admin, name)
    admin.dispose()


def drop_database(admin, name: str) -> None:
    """Drop a test database. WITH (FORCE) ends the sessions left on it, but may not end a
    server process of another role (an autovacuum worker) without pg_signal_backend: then
    wait for it and try again; a database that outlives all tries is a warning, not a
    failed test."""
    import time
    import warnings

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            time.sleep(0.25 * (attempt + 1))
    warnings.warn(f"could not drop the test database {name}")
