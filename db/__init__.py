"""Storage: SQLAlchemy typed models, the SQLite engine and Alembic migrations. Knows nothing of Qt."""
