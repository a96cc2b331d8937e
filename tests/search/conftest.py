import pytest
from django.db import connection


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 specific")


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at the PostgreSQL server on 127.0.0.1")
