"""One suite, three backends: SQLite FTS5, PostgreSQL full-text and the real search engine.

Each test runs once per backend (`-k sqlite`, `-m postgres`, `-m elasticsearch`); a backend
whose server is not there is skipped: PostgreSQL when the tests run on SQLite (`make
pytest-postgres` runs them), the engine when ELASTICSEARCH_URL does not answer (`make
pytest-engine`). Every test checks which backend answered, so a silent fallback to the
database cannot pass for the engine. The engine runs in transactional tests: its copy is
written after the page's transaction commits, as in production.
"""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.models import StandardPage
from search import selectors
from search.models import PendingIndexUpdate
from tests import utils

BACKENDS = [
    pytest.param("sqlite", marks=pytest.mark.django_db, id="sqlite"),
    pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.django_db], id="postgres"),
    pytest.param("engine", marks=[pytest.mark.elasticsearch, pytest.mark.django_db(transaction=True)], id="engine"),
]
EXPECTED = {"sqlite": "database:sqlite", "postgres": "database:postgresql", "engine": "elasticsearch"}


@pytest.fixture(params=BACKENDS)
def backend(request):
    name = request.param
    if name == "sqlite" and connection.vendor != "sqlite":
        pytest.skip("runs on SQLite")
    if name == "postgres" and connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at the PostgreSQL server (make pytest-postgres)")
    if name == "engine":
        request.getfixturevalue("engine")
    return name


def _search(backend, query, **params):
    found = selectors.search_pages(query=query, **params)
    assert found.backend == EXPECTED[backend]
    return found


def _ids(backend, query, **params):
    return [r.page_id for r in _search(backend, query, **params).results]


def test_toneless_toned_and_nfd_queries_find_the_article(backend, news_index):
    page = utils.make_article(news_index, title="Đà Nẵng đẩy mạnh phong trào bảo vệ an ninh Tổ quốc")
    utils.make_article(news_index, title="Tin khác về thời tiết", sapo="Nắng nóng.")
    for query in ("da nang day manh", "Đà Nẵng đẩy mạnh", unicodedata.normalize("NFD", "Đà Nẵng đẩy mạnh"), "DA NANG"):
        assert _ids(backend, query) == [page.pk], query


def test_d_stroke_folds_to_d_and_abbreviations_expand(backend, news_index):
    page = utils.make_article(news_index, title="Đoàn công tác đến Đắk Lắk", sapo="Bảo vệ ANTQ ở cơ sở.")
    assert _ids(backend, "doan cong tac dak lak") == [page.pk]
    assert _ids(backend, "an ninh to quoc") == [page.pk]
    assert _ids(backend, "đoàn") == [page.pk]
    assert _ids(backend, "oan cong tac") == []  # "Đoàn" never loses its d


def test_toned_exact_ranks_above_toneless_only(backend, news_index):
    same_day = timezone.now() - timedelta(days=30)
    friend = utils.make_article(
        news_index, title="Người bạn đồng hành", sapo="Câu chuyện về bạn.", display_date=same_day
    )
    sale = utils.make_article(news_index, title="Người bán đồng hành", sapo="Câu chuyện về bán.", display_date=same_day)
    assert _ids(backend, "bán") == [sale.pk, friend.pk]
    assert _ids(backend, "bạn") == [friend.pk, sale.pk]
    assert set(_ids(backend, "ban")) == {sale.pk, friend.pk}


def test_title_match_ranks_above_body_match(backend, news_index):
    date = timezone.now() - timedelta(days=10)
    in_body = utils.make_article(
        news_index,
        title="Hội nghị sơ kết công tác",
        sapo="Tổng kết sáu tháng.",
        body=[{"type": "paragraph", "value": "<p>Nói về căn cước công dân.</p>"}],
        display_date=date,
    )
    in_title = utils.make_article(news_index, title="Cấp căn cước công dân", sapo="Hướng dẫn.", display_date=date)
    assert _ids(backend, "can cuoc cong dan") == [in_title.pk, in_body.pk]


def test_phrase_ranks_above_scattered_words(backend, news_index):
    date = timezone.now() - timedelta(days=10)
    scattered = utils.make_article(
        news_index, title="Bảo đảm trật tự, an toàn giao thông ở ninh", sapo="Tin địa phương.", display_date=date
    )
    phrase = utils.make_article(
        news_index, title="Bảo đảm an ninh trật tự giao thông ở", sapo="Tin địa phương.", display_date=date
    )
    assert _ids(backend, "an ninh trat tu") == [phrase.pk, scattered.pk]


def test_recent_news_gets_a_mild_boost(backend, news_index):
    old = utils.make_article(
        news_index,
        title="Phòng chống cháy nổ mùa khô",
        sapo="Tuyên truyền.",
        display_date=timezone.now() - timedelta(days=3000),
    )
    new = utils.make_article(news_index, title="Phòng chống cháy nổ mùa khô", sapo="Tuyên truyền.")
    assert _ids(backend, "phong chong chay no") == [new.pk, old.pk]
    assert _ids(backend, "phong chong chay no", sort="date") == [new.pk, old.pk]


def test_facets_filters_and_totals(backend, home, news_index):
    page = home.add_child(
        instance=StandardPage(title="Giới thiệu Công an Thành phố", slug="gioi-thieu", intro="Chức năng, nhiệm vụ.")
    )
    page.save_revision().publish()
    category = utils.make_category()
    old = utils.make_article(
        news_index,
        title="Công an Thành phố tổng kết",
        sapo="Năm cũ.",
        display_date=timezone.now().replace(year=2019, month=6, day=1),
        categories=[category],
    )
    new = utils.make_article(news_index, title="Công an Thành phố ra quân", sapo="Tin tức.")
    found = _search(backend, "cong an thanh pho")
    assert {r.page_id for r in found.results} == {page.pk, old.pk, new.pk}
    assert found.total == 3
    assert {f["value"]: f["count"] for f in found.facets["type"]} == {"page": 1, "news": 2}
    assert {f["value"]: f["count"] for f in found.facets["category"]} == {"an-ninh-trat-tu": 1}
    assert {f["value"] for f in found.facets["year"]} >= {2019, new.display_date.year}
    only_news = _search(backend, "cong an thanh pho", kind="news")
    assert {r.page_id for r in only_news.results} == {old.pk, new.pk} and only_news.total == 2
    # the type facet still counts the other types under a type filter
    assert {f["value"]: f["count"] for f in only_news.facets["type"]} == {"page": 1, "news": 2}
    in_2019 = _search(backend, "cong an thanh pho", year=2019)
    assert [r.page_id for r in in_2019.results] == [old.pk]
    by_category = _search(backend, "cong an thanh pho", category="an-ninh-trat-tu")
    assert [r.page_id for r in by_category.results] == [old.pk]
    second = _search(backend, "cong an thanh pho", limit=1, offset=1)
    assert len(second.results) == 1 and second.total == 3


def test_results_are_highlighted_in_the_toned_text(backend, news_index):
    utils.make_article(
        news_index,
        title="Đà Nẵng tăng cường tuần tra",
        sapo="Lực lượng Cảnh sát cơ động tuần tra ban đêm.",
    )
    result = _search(backend, "da nang tuan tra").results[0]
    assert "<mark>Đà</mark> <mark>Nẵng</mark>" in result.title_html
    assert "<mark>tuần</mark> <mark>tra</mark>" in result.snippet


def test_unpublish_move_and_delete_follow_the_page(backend, home, news_index):
    page = utils.make_article(news_index, title="Khen thưởng tập thể xuất sắc")
    other = utils.make_article(news_index, title="Khen thưởng cá nhân")
    assert set(_ids(backend, "khen thuong")) == {page.pk, other.pk}
    archive = utils.make_news_index(home, title="Lưu trữ", slug="luu-tru")
    Page.objects.get(pk=page.pk).move(archive, pos="last-child")
    moved = [r for r in _search(backend, "khen thuong tap the").results if r.page_id == page.pk]
    assert moved and moved[0].url.startswith("/luu-tru/")
    Page.objects.get(pk=page.pk).specific.unpublish()
    assert _ids(backend, "khen thuong") == [other.pk]
    Page.objects.get(pk=other.pk).delete()
    assert _ids(backend, "khen thuong") == []
    assert not PendingIndexUpdate.objects.exists()  # every engine write went through


def test_private_pages_are_never_found(backend, news_index):
    page = utils.make_article(news_index, title="Tài liệu nội bộ phòng tham mưu")
    assert _ids(backend, "tai lieu noi bo") == [page.pk]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert _ids(backend, "tai lieu noi bo") == []


def test_toneless_title_autocomplete(backend, news_index):
    page = utils.make_article(news_index, title="Tiếp nhận hồ sơ đăng ký thường trú")
    utils.make_article(news_index, title="Tiếp công dân định kỳ")
    titles = [s["title"] for s in selectors.search_suggest(query="tiep nhan ho s")]
    assert titles == [page.title]
    assert [s["title"] for s in selectors.search_suggest(query="Tiếp nhận hồ sơ đăng k")] == [page.title]
    assert len(selectors.search_suggest(query="tie")) == 2


# The quality fixture: the same articles and questions for every backend; each question names
# the article a citizen means. Every backend must put it first for most questions, and in the
# first three for all of them.
QUALITY_ARTICLES = {
    "cccd": ("Hướng dẫn cấp căn cước công dân gắn chip", "Công an phường tiếp nhận hồ sơ cấp CCCD vào cuối tuần."),
    "fire": ("Diễn tập phòng cháy chữa cháy tại chung cư", "Cảnh sát PCCC phối hợp ban quản lý tòa nhà."),
    "fraud": ("Cảnh báo lừa đảo qua mạng xã hội", "Đối tượng giả danh công an gọi điện yêu cầu chuyển tiền."),
    "traffic": ("Xử lý vi phạm nồng độ cồn dịp Tết", "Cảnh sát giao thông lập biên bản nhiều trường hợp."),
    "drugs": ("Triệt phá đường dây mua bán ma túy", "Thu giữ nhiều tang vật tại Đà Nẵng."),
    "residence": ("Thủ tục đăng ký thường trú trực tuyến", "Người dân nộp hồ sơ qua Cổng dịch vụ công."),
    "youth": ("Đoàn thanh niên tuyên truyền an toàn giao thông", "Học sinh tham gia cuộc thi tìm hiểu luật."),
    "flood": ("Công an hỗ trợ người dân vùng lũ", "Lực lượng cứu nạn cứu hộ có mặt kịp thời."),
}
QUALITY_QUESTIONS = [
    ("can cuoc cong dan", "cccd"),
    ("cấp CCCD", "cccd"),
    ("phong chay chua chay chung cu", "fire"),
    ("lua dao qua mang", "fraud"),
    ("giả danh công an", "fraud"),
    ("nong do con", "traffic"),
    ("ma tuy da nang", "drugs"),
    ("dang ky thuong tru", "residence"),
    ("đăng ký thường trú trực tuyến", "residence"),
    ("doan thanh nien", "youth"),
    ("cuu nan cuu ho", "flood"),
    ("vung lu", "flood"),
]


def test_search_quality_on_the_shared_fixture(backend, news_index):
    pages = {
        key: utils.make_article(
            news_index, title=title, sapo=sapo, display_date=timezone.now() - timedelta(days=5 * number)
        ).pk
        for number, (key, (title, sapo)) in enumerate(QUALITY_ARTICLES.items())
    }
    first = 0
    for query, key in QUALITY_QUESTIONS:
        ids = _ids(backend, query)
        assert pages[key] in ids[:3], (query, ids)
        first += ids[0] == pages[key]
    assert first >= len(QUALITY_QUESTIONS) - 1
