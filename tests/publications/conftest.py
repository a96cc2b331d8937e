import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and the cached sitemap from another test must not leak in."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish_now(django_capture_on_commit_callbacks):
    """Run what publishing queues after commit (the search engine's copy) before asserting."""
    with django_capture_on_commit_callbacks(execute=True):
        yield
