"""The index follows the page lifecycle and never holds private pages."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from search import indexing, selectors
from search.backends import database
from search.models import SearchEntry
from tests import utils

pytestmark = pytest.mark.django_db


def _found(query):
    return [r.page_id for r in selectors.search_pages(query=query).results]


def test_publish_indexes_and_edit_reindexes(news_index):
    page = utils.make_article(news_index, title="Tuyên truyền phòng cháy chữa cháy")
    assert _found("phong chay chua chay") == [page.pk]
    page.title = "Diễn tập cứu nạn cứu hộ"
    page.save_revision().publish()
    assert _found("phong chay chua chay") == []
    assert _found("cuu nan cuu ho") == [page.pk]
    assert SearchEntry.objects.get(pk=page.pk).title == "Diễn tập cứu nạn cứu hộ"


def test_draft_is_not_indexed(news_index):
    utils.make_article(news_index, title="Bản nháp chưa đăng", publish=False)
    assert _found("ban nhap chua dang") == []
    assert not SearchEntry.objects.exists()


def test_unpublish_removes(news_index):
    page = utils.make_article(news_index, title="Thông báo tuyển sinh")
    page.unpublish()
    assert _found("thong bao tuyen sinh") == []
    assert not SearchEntry.objects.filter(pk=page.pk).exists()


def test_delete_removes_and_keeps_fts_consistent(news_index):
    page = utils.make_article(news_index, title="Khen thưởng tập thể xuất sắc")
    other = utils.make_article(news_index, title="Khen thưởng cá nhân")
    Page.objects.get(pk=page.pk).delete()
    assert _found("khen thuong") == [other.pk]
    assert selectors.search_pages(query="khen thuong").total == 1
    # a new page reusing nothing of the old one is found normally afterwards
    again = utils.make_article(news_index, title="Khen thưởng tập thể xuất sắc")
    assert set(_found("khen thuong tap the")) == {again.pk}


def test_deleting_a_section_removes_its_articles(home, news_index):
    section = utils.make_news_index(home, title="Chuyên đề", slug="chuyen-de")
    page = utils.make_article(section, title="Bài trong chuyên đề")
    Page.objects.get(pk=section.pk).delete()
    assert _found("bai trong chuyen de") == []
    assert not SearchEntry.objects.filter(pk=page.pk).exists()


def test_move_updates_url(home, news_index):
    page = utils.make_article(news_index, title="Bài sẽ chuyển mục")
    target = utils.make_news_index(home, title="Lưu trữ", slug="luu-tru")
    Page.objects.get(pk=page.pk).move(target, pos="last-child")
    entry = SearchEntry.objects.get(pk=page.pk)
    assert entry.url.startswith("/luu-tru/")


def test_private_section_is_never_indexed(home, news_index):
    private = utils.make_news_index(home, title="Nội bộ", slug="noi-bo")
    page = utils.make_article(private, title="Tài liệu nội bộ mật")
    assert _found("tai lieu noi bo mat") == [page.pk]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert _found("tai lieu noi bo mat") == []
    indexing.index_pages([page.pk])
    assert _found("tai lieu noi bo mat") == []
    PageViewRestriction.objects.filter(page=private).delete()
    assert _found("tai lieu noi bo mat") == [page.pk]


def test_index_pages_bulk_for_signal_less_pages(news_index):
    """The importer creates live pages without signals, then calls index_pages once per batch."""
    pages = [utils.make_article(news_index, title=f"Bản tin số {n}") for n in range(3)]
    call_command("search_reindex", verbosity=0)
    database.clear()
    assert selectors.search_pages(query="ban tin so").total == 0
    indexing.index_pages([p.pk for p in pages] + [news_index.pk, 999_999])
    assert selectors.search_pages(query="ban tin so").total == 3
    assert not SearchEntry.objects.filter(pk=news_index.pk).exists()


def test_search_reindex_rebuilds(news_index):
    page = utils.make_article(news_index, title="Chỉ mục được dựng lại")
    call_command("search_reindex", verbosity=0)
    call_command("search_reindex", verbosity=0)
    assert _found("chi muc duoc dung lai") == [page.pk]
    assert SearchEntry.objects.count() == 1


def test_index_rows_are_deleted_without_loading_them():
    """The page-delete receiver listens to page classes only: a receiver on every model would
    make Django load each SearchEntry (with its body) before deleting it, e.g. in search_reindex."""
    from django.db.models.deletion import Collector

    from search.models import SearchEntry

    assert Collector(using="default").can_fast_delete(SearchEntry.objects.all())
