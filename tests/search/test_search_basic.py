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


@pytest.mark.parametrize("query", ["1.004222", "1 004222", "CT01/2024", "ct01 2024"])
def test_codes_with_dots_and_slashes_are_found_on_every_database(query):
    """PostgreSQL's parser keeps "1.004222" and "ct01/2024" whole (a number, a file path);
    the index must hold the same separate words as the query, as SQLite's tokenizer does."""
    procedure = utils.make_procedure(code="1.004222", summary="Kê khai tờ khai CT01/2024 theo mẫu.")
    found = selectors.search_pages(query=query)
    assert [r.page_id for r in found.results] == [procedure.pk]
