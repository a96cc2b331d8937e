"""Search backends, chosen by `settings.SEARCH_BACKEND`; only `selectors` and `indexing` use them."""

from __future__ import annotations

from django.conf import settings


def get_backend():
    """The configured backend: "database" (SQLite FTS5 / PostgreSQL by vendor) or "elasticsearch"."""
    from search.backends import database

    if getattr(settings, "SEARCH_BACKEND", "database") == "elasticsearch":
        from search.backends.elasticsearch import backend

        return backend()
    return database.backend()
