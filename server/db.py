"""Engine and sessions for the server's database: SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine
from server.models import Base


def open_server_database(url: str) -> sessionmaker[Session]:
    engine: Engine = make_engine(url)  # same WAL/busy-timeout pragmas as the kiosk on SQLite
    # The server schema is small and new; create_all is idempotent. Alembic would come with
    # the first change to an existing table.
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)
