"""The server's database for its tests: fixture ``database_url``, a SQLite file, and PostgreSQL
when CI provides one in KIOSK_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway one)."""

from __future__ import annotations

import os

import pytest

POSTGRES = os.environ.get("KIOSK_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    if not POSTGRES:
        pytest.skip("KIOSK_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine

    from server.models import Base

    engine = create_engine(POSTGRES)
    Base.metadata.drop_all(engine)  # a clean schema for every test
    engine.dispose()
    return POSTGRES


class Clock:
    """A server's clock (naive UTC, as ``create_app(clock=...)`` takes it), moved by the test,
    never by the wall clock."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def csrf_of(html: str) -> str:
    """The form token an admin page carries in its forms."""
    import re

    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
