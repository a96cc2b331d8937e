"""Backend-specific checks: each runs on its own database vendor and is skipped on the other."""

import pytest
from django.db import connection
from wagtail.models import Page

from search import selectors
from search.backends.base import ParsedQuery
from search.backends.sqlite import match_expression
from tests import utils


def _fts_rows(query: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [query])
        return cursor.fetchone()[0]


def test_match_expression_quotes_every_word():
    expression = match_expression(ParsedQuery.parse('Bán "nhà" NEAR(x) OR y*'))
    assert '"ban" AND "nha" AND "near" AND "x" AND "or" AND "y"' in expression
    assert 'toned : ("bán" OR "nhà")' in expression
    assert "*" not in expression


def test_sqlite_fts_rows_follow_the_pages(sqlite_only, news_index):
    page = utils.make_article(news_index, title="Giải cứu nạn nhân")
    assert _fts_rows('"giai" AND "cuu"') == 1
    page.title = "Tổng kết năm"
    page.save_revision().publish()
    assert _fts_rows('"giai" AND "cuu"') == 0
    assert _fts_rows('"tong" AND "ket"') == 1
    Page.objects.get(pk=page.pk).delete()
    assert _fts_rows('"tong" AND "ket"') == 0
    assert selectors.search_pages(query="tong ket").total == 0


@pytest.mark.postgres
def test_postgres_index_rows_and_search(postgres_only, news_index):
    page = utils.make_article(news_index, title="Tiếp nhận hồ sơ đăng ký thường trú", sapo="Công an phường hướng dẫn.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT x.vector::text, h.toned::text FROM search_pgindex x JOIN search_pghead h USING (page_id)"
            " WHERE page_id = %s",
            [page.pk],
        )
        vector, toned = cursor.fetchone()
    assert "'thuong':" in vector and "'dang':" in vector
    assert "'thường'" in toned
    found = selectors.search_pages(query="dang ky thuong tru")
    assert found.backend == "database:postgresql"
    assert [r.page_id for r in found.results] == [page.pk]
    assert [r["title"] for r in selectors.search_suggest(query="tiep nhan ho s")] == [page.title]
    page.unpublish()
    with connection.cursor() as cursor:
        for table in ("search_pgindex", "search_pghead"):
            cursor.execute(f"SELECT count(*) FROM {table} WHERE page_id = %s", [page.pk])
            assert cursor.fetchone()[0] == 0


@pytest.mark.postgres
def test_postgres_ranks_toned_and_title_first(postgres_only, news_index):
    friend = utils.make_article(news_index, title="Người bạn tốt", sapo="x")
    sale = utils.make_article(news_index, title="Người bán tốt", sapo="x")
    body_only = utils.make_article(
        news_index, title="Tin khác", sapo="y", body=[{"type": "paragraph", "value": "<p>Người bán tốt</p>"}]
    )
    ids = [r.page_id for r in selectors.search_pages(query="người bán tốt").results]
    assert ids == [sale.pk, friend.pk, body_only.pk]


def _pgindex(page_id=None):
    with connection.cursor() as cursor:
        if page_id is None:
            cursor.execute("SELECT (SELECT count(*) FROM search_pgindex) + (SELECT count(*) FROM search_pghead)")
            return cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM search_pghead WHERE page_id = %s", [page_id])
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT kind, year, category_slugs FROM search_pgindex WHERE page_id = %s", [page_id])
        return cursor.fetchone()


@pytest.mark.postgres
def test_postgres_index_copy_never_outlives_its_entry(postgres_only, news_index):
    """search_pgindex copies kind/year/categories from SearchEntry; neither it nor search_pghead
    has a foreign key: triggers delete their rows with the entry, also when Django's flush
    truncates the entries."""
    from search.models import SearchEntry

    first = utils.make_article(news_index, title="Cảnh giác lừa đảo", categories=[utils.make_category()])
    second = utils.make_article(news_index, title="Cảnh giác cháy nổ")
    kind, year, slugs = _pgindex(first.pk)
    assert (kind, year) == ("news", first.display_date.year)
    assert " an-ninh-trat-tu " in slugs
    SearchEntry.objects.filter(pk=first.pk).delete()  # not through the search code
    assert _pgindex(first.pk) is None
    assert _pgindex(second.pk) is not None
    assert selectors.search_pages(query="canh giac").total == 1
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction holds deferred FK checks
        cursor.execute("TRUNCATE search_searchentry")
    assert _pgindex() == 0
