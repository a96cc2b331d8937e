import pytest

from search import selectors
from tests import utils

pytestmark = pytest.mark.django_db


def test_toneless_query_finds_toned_title(news_index):
    page = utils.make_article(news_index)
    utils.make_article(news_index, title="Cảnh báo lừa đảo qua mạng", sapo="Người dân cần cảnh giác.")
    found = selectors.search_pages(query="bao ve an ninh to quoc")
    assert found.total == 1
    assert found.results[0].page_id == page.pk
    assert "<mark>Tổ</mark>" in str(found.results[0].title_html)
