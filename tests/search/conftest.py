import os
import urllib.request
import uuid

import pytest
from django.db import connection

ENGINE_URL = os.environ.get("ELASTICSEARCH_URL", "")
# One index prefix per test run: tests never touch a real index, and runs never share one.
RUN_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
_ANSWERS: dict[str, bool] = {}


def engine_answers() -> bool:
    if ENGINE_URL not in _ANSWERS:
        try:
            with urllib.request.urlopen(ENGINE_URL, timeout=3) as response:
                _ANSWERS[ENGINE_URL] = response.status == 200
        except (OSError, ValueError):
            _ANSWERS[ENGINE_URL] = False
    return _ANSWERS[ENGINE_URL]


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 specific")


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at the PostgreSQL server on 127.0.0.1")


@pytest.fixture
def engine(settings):
    """The real search engine at ELASTICSEARCH_URL, under this run's index prefix, emptied."""
    if not ENGINE_URL or not engine_answers():
        pytest.skip("no search engine answers at ELASTICSEARCH_URL (make search-engine starts one)")
    from search.backends.elasticsearch import backend
    from search.es import documents

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ENGINE_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = RUN_PREFIX
    settings.SEARCH_ENGINE_CLIENT = "opensearch"
    backend().reset()
    documents.ensure_alias()
    documents.client().raw.delete_by_query(
        index=documents.alias_name(),
        body={"query": {"match_all": {}}},
        params={"refresh": "true", "conflicts": "proceed"},
    )
    yield documents
    backend().reset()


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indices():
    yield
    if ENGINE_URL and _ANSWERS.get(ENGINE_URL):
        from search.es import documents

        documents.EngineClient("opensearch", ENGINE_URL).delete_index(f"{RUN_PREFIX}-*")
