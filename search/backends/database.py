"""The database backend: SQLite FTS5 or PostgreSQL full-text search, picked by DB vendor.

Both store the same folded text beside `SearchEntry`, so results agree whatever the database.
The database index is always maintained, even when Elasticsearch is configured: it is the
fallback when Elasticsearch is down, and it holds the text used for snippets.
"""

from __future__ import annotations

from django.db import connection

from search.backends.base import SearchPage, SearchRequest


def _impl():
    if connection.vendor == "postgresql":
        from search.backends import postgres

        return postgres
    from search.backends import sqlite

    return sqlite


class DatabaseBackend:
    name = "database"

    def search(self, request: SearchRequest) -> SearchPage:
        page = _impl().search(request)
        page.backend = f"database:{connection.vendor}"
        return page

    def suggest(self, words: tuple[str, ...], limit: int) -> list[int]:
        return _impl().suggest(words, limit)


_BACKEND = DatabaseBackend()


def backend() -> DatabaseBackend:
    return _BACKEND


def write(documents, *, remove: set[int]) -> None:
    """Replace the rows of `documents` and delete those of `remove` (inside the caller's atomic)."""
    _impl().write(documents, remove=remove)


def clear() -> None:
    _impl().clear()


def analyze() -> None:
    """Refresh the planner's statistics of the index tables (after a bulk load)."""
    _impl().analyze()
