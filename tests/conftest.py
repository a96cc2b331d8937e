import pytest

from tests import utils


@pytest.fixture
def home(db):
    return utils.make_home()


@pytest.fixture
def news_index(home):
    return utils.make_news_index(home)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
