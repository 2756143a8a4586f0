"""A PostgreSQL database per test worker, emptied before each test that uses it."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("MPQUIZ_TEST_PG_URL", "")


def worker_database(base_url: str, worker_id: str) -> str:
    """Create (anew) a database named after the worker on the server of `base_url`."""
    base = make_url(base_url)
    name = f"{base.database}_{worker_id}".replace("-", "_")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def reset_postgres(url: str) -> None:
    """Drop every table of the database, so a test starts from nothing."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
