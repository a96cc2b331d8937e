"""Ranking rules of the database backend (SQLite FTS5 or PostgreSQL, whichever runs)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from home.models import StandardPage
from search import indexing, selectors
from tests import utils

pytestmark = pytest.mark.django_db


def _ids(query, **params):
    return [r.page_id for r in selectors.search_pages(query=query, **params).results]


def test_toned_exact_ranks_above_toneless_only(news_index):
    same_day = timezone.now() - timedelta(days=30)
    friend = utils.make_article(
        news_index, title="Người bạn đồng hành", sapo="Câu chuyện về bạn.", display_date=same_day
    )
    sale = utils.make_article(news_index, title="Người bán đồng hành", sapo="Câu chuyện về bán.", display_date=same_day)
    assert _ids("bán") == [sale.pk, friend.pk]
    assert _ids("bạn") == [friend.pk, sale.pk]
    # Without tone marks both match; neither is penalised.
    assert set(_ids("ban")) == {sale.pk, friend.pk}


def test_title_match_ranks_above_body_match(news_index):
    date = timezone.now() - timedelta(days=10)
    in_body = utils.make_article(
        news_index,
        title="Hội nghị sơ kết công tác",
        sapo="Tổng kết sáu tháng.",
        body=[{"type": "paragraph", "value": "<p>Nói về căn cước công dân.</p>"}],
        display_date=date,
    )
    in_title = utils.make_article(news_index, title="Cấp căn cước công dân", sapo="Hướng dẫn.", display_date=date)
    assert _ids("can cuoc cong dan") == [in_title.pk, in_body.pk]


def test_phrase_ranks_above_scattered_words(news_index):
    date = timezone.now() - timedelta(days=10)
    scattered = utils.make_article(
        news_index, title="Bảo đảm trật tự, an toàn giao thông ở ninh", sapo="Tin địa phương.", display_date=date
    )
    phrase = utils.make_article(
        news_index, title="Bảo đảm an ninh trật tự giao thông ở", sapo="Tin địa phương.", display_date=date
    )
    assert _ids("an ninh trat tu") == [phrase.pk, scattered.pk]


def test_recent_news_gets_a_mild_boost(news_index):
    old = utils.make_article(
        news_index,
        title="Phòng chống cháy nổ mùa khô",
        sapo="Tuyên truyền.",
        display_date=timezone.now() - timedelta(days=3000),
    )
    new = utils.make_article(
        news_index, title="Phòng chống cháy nổ mùa khô", sapo="Tuyên truyền.", display_date=timezone.now()
    )
    assert _ids("phong chong chay no") == [new.pk, old.pk]
    assert _ids("phong chong chay no", sort="date") == [new.pk, old.pk]


def test_standard_pages_are_searched_and_faceted(home, news_index):
    page = home.add_child(
        instance=StandardPage(title="Giới thiệu Công an Thành phố", slug="gioi-thieu", intro="Chức năng, nhiệm vụ.")
    )
    page.save_revision().publish()
    article = utils.make_article(news_index, title="Công an Thành phố ra quân", sapo="Tin tức.")
    found = selectors.search_pages(query="cong an thanh pho")
    assert {r.page_id for r in found.results} == {page.pk, article.pk}
    assert {f["value"]: f["count"] for f in found.facets["type"]} == {"page": 1, "news": 1}
    only_pages = selectors.search_pages(query="cong an thanh pho", kind="page")
    assert [r.page_id for r in only_pages.results] == [page.pk]
    assert only_pages.total == 1
    # the type facet still counts the other types while one is selected
    assert {f["value"]: f["count"] for f in only_pages.facets["type"]} == {"page": 1, "news": 1}


def test_category_and_year_filters(news_index):
    security = utils.make_category("An ninh trật tự", "an-ninh-trat-tu")
    traffic = utils.make_category("Giao thông", "giao-thong")
    a = utils.make_article(
        news_index,
        title="Xử lý vi phạm nồng độ cồn",
        categories=[traffic],
        display_date=datetime(2023, 5, 1, 8, tzinfo=UTC),
    )
    b = utils.make_article(
        news_index,
        title="Xử lý vi phạm về cư trú",
        categories=[security],
        display_date=datetime(2024, 5, 1, 8, tzinfo=UTC),
    )
    indexing.index_pages([a.pk, b.pk])  # categories are set after publishing in the builder
    assert _ids("xu ly vi pham", category="giao-thong") == [a.pk]
    assert _ids("xu ly vi pham", year=2024) == [b.pk]
    found = selectors.search_pages(query="xu ly vi pham")
    assert {f["value"]: f["count"] for f in found.facets["category"]} == {"giao-thong": 1, "an-ninh-trat-tu": 1}
    assert {f["value"]: f["count"] for f in found.facets["year"]} == {2023: 1, 2024: 1}


def test_snippet_highlights_toned_words_for_toneless_query(news_index):
    utils.make_article(
        news_index,
        title="Tin chung",
        sapo="Mở đầu.",
        body=[{"type": "paragraph", "value": "<p>Người dân có thể nộp hồ sơ <b>đăng ký thường trú</b> qua mạng.</p>"}],
    )
    result = selectors.search_pages(query="dang ky thuong tru").results[0]
    assert "<mark>đăng</mark> <mark>ký</mark> <mark>thường</mark> <mark>trú</mark>" in str(result.snippet)
    assert "<b>" not in str(result.snippet)


def test_html_in_text_is_escaped_in_snippets(news_index):
    utils.make_article(news_index, title="Cảnh giác <script>alert(1)</script>", sapo="x")
    result = selectors.search_pages(query="canh giac").results[0]
    assert "<script>" not in str(result.title_html)
    assert "&lt;script&gt;" in str(result.title_html)


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_of_results_follow_one_order(news_index, sort, monkeypatch):
    """Hits come back in one statement with the facets and are sorted again in Python, then the
    first RERANK_DEPTH are reordered by body phrases: any page of results must be the matching
    slice of the whole list, in both sort orders, also across the rerank boundary."""
    monkeypatch.setattr(selectors, "RERANK_DEPTH", 4)
    now = timezone.now()
    titles = ["Cảnh báo lừa đảo qua mạng", "Cảnh báo lừa đảo", "Tin ngắn: cảnh báo", "Cảnh báo mùa mưa bão"]
    for number in range(8):
        utils.make_article(
            news_index,
            title=f"{titles[number % 4]} số {number}",
            sapo="Người dân cần cảnh giác." if number % 2 else "Bản tin tổng hợp cảnh báo.",
            body=[{"type": "paragraph", "value": "<p>Cảnh báo. " * (number % 3) + "</p>"}],
            display_date=now - timedelta(days=37 * number),
        )
    whole = selectors.search_pages(query="canh bao", sort=sort, limit=8)
    assert whole.total == 8
    everything = [r.page_id for r in whole.results]
    pages = [_ids("canh bao", sort=sort, limit=3, offset=offset) for offset in (0, 3, 6)]
    assert sum(pages, []) == everything
    if sort == "date":
        dates = [r.date for r in whole.results]
        assert dates == sorted(dates, reverse=True)
    else:
        scores = [r.score for r in whole.results]
        assert scores == sorted(scores, reverse=True)


def test_body_repeating_the_phrase_ranks_first_among_equal_titles(news_index):
    """Same title and lead: the article whose body keeps returning to the phrase is about it,
    even when it is years older (the recency boost is mild); scattered words do not count."""
    lead = "Công an Thành phố sơ kết sáu tháng."
    about = utils.make_article(
        news_index,
        title="Phong trào toàn dân bảo vệ an ninh Tổ quốc",
        sapo=lead,
        body=[
            {"type": "paragraph", "value": "<p>Phong trào bảo vệ ANTQ ở khu dân cư.</p>"},
            {"type": "paragraph", "value": "<p>Mô hình bảo vệ an ninh Tổ quốc tự quản; bảo vệ ANTQ ở trường học.</p>"},
        ],
        display_date=timezone.now() - timedelta(days=2500),
    )
    scattered = utils.make_article(
        news_index,
        title="Phong trào toàn dân bảo vệ an ninh Tổ quốc",
        sapo=lead,
        body=[
            {"type": "paragraph", "value": "<p>Bảo vệ môi trường, an ninh mạng và Tổ quốc là trách nhiệm chung.</p>"}
        ],
        display_date=timezone.now() - timedelta(days=2),
    )
    assert _ids("bao ve an ninh to quoc") == [about.pk, scattered.pk]
    assert _ids("bảo vệ an ninh Tổ quốc") == [about.pk, scattered.pk]
    # Sorting by date is not reranked.
    assert _ids("bao ve an ninh to quoc", sort="date") == [scattered.pk, about.pk]
