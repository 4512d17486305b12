"""Engine and sessions for the server's database: SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine
from server.models import Base

# Columns added to tables that already exist in deployed databases. create_all creates
# missing tables but never alters an existing one, so each such column is added here once.
# Only nullable columns without defaults: the ALTER is the same on SQLite and PostgreSQL.
# (Alembic would take over at the first change that this cannot express.)
ADDED_COLUMNS = [
    ("kiosks", "center", "VARCHAR(100)"), ("publications", "source", "VARCHAR(64)"),
    ("kiosks", "revoked_at", "TIMESTAMP"), ("kiosks", "revoked_by", "VARCHAR(120)"),
    ("admin_tokens", "purpose", "VARCHAR(16)"),
    ("publications", "published_by", "VARCHAR(120)"), ("publications", "note", "TEXT"),
    ("publications", "restored_from", "INTEGER"),
    ("staff", "email", "VARCHAR(254)"),
]
# Indexes added later, likewise (IF NOT EXISTS reads the same on SQLite and PostgreSQL).
ADDED_INDEXES = [("ix_events_kind_key", "events", "kind, key")]


def open_server_database(url: str) -> sessionmaker[Session]:
    engine: Engine = make_engine(url)  # same WAL/busy-timeout pragmas as the kiosk on SQLite
    Base.metadata.create_all(engine)  # idempotent: creates only the tables that are missing
    add_missing_columns(engine)
    add_missing_indexes(engine)
    return sessionmaker(engine, expire_on_commit=False)


def add_missing_columns(engine: Engine) -> None:
    with engine.begin() as connection:
        inspector = inspect(connection)
        for table, column, sql_type in ADDED_COLUMNS:
            if column not in {c["name"] for c in inspector.get_columns(table)}:
                connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))


def add_missing_indexes(engine: Engine) -> None:
    with engine.begin() as connection:
        for name, table, columns in ADDED_INDEXES:
            connection.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))
