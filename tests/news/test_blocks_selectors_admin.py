"""Body block templates, the selectors other apps call, and the category admin."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from news import selectors
from news.models import NewsCategory
from tests import utils
from tests.news.conftest import local

pytestmark = pytest.mark.django_db


def test_document_and_embed_blocks_render(client, news_index, monkeypatch):
    from wagtail.embeds import embeds

    monkeypatch.setattr(
        embeds, "get_embed", lambda url, *args, **kwargs: SimpleNamespace(html='<iframe title="Video"></iframe>')
    )
    document = Document.objects.create(title="Quyết định số 12", file=ContentFile(b"%PDF-1.4", name="qd-12.pdf"))
    article = utils.make_article(
        news_index,
        title="Công bố quyết định",
        body=[
            {"type": "document", "value": {"document": document.pk, "title": "Tải quyết định"}},
            {"type": "embed", "value": "https://www.youtube.com/watch?v=abc"},
        ],
    )
    html = client.get(article.url).content.decode()
    assert f'<a href="{document.url}" download>Tải quyết định</a>' in html
    assert '<span class="block-document__meta">(PDF' in html
    assert '<iframe title="Video"></iframe>' in html
    assert '<a href="https://www.youtube.com/watch?v=abc">Xem trên trang gốc</a>' in html


def test_latest_and_featured_news_for_the_home_page(news_index):
    old = utils.make_article(news_index, title="Tin cũ", display_date=local(2019, 1, 1))
    new = utils.make_article(news_index, title="Tin mới", display_date=local(2024, 1, 1))
    middle = utils.make_article(news_index, title="Tin giữa", display_date=local(2021, 1, 1))
    utils.make_article(news_index, title="Nháp", display_date=local(2025, 1, 1), publish=False)
    assert [p.title for p in selectors.latest_news(limit=2)] == ["Tin mới", "Tin giữa"]
    assert [p.title for p in selectors.latest_news(limit=6, exclude_ids=[new.pk])] == ["Tin giữa", "Tin cũ"]
    assert selectors.featured_news() == new
    assert selectors.featured_news(page=old) == old
    middle.unpublish()
    assert selectors.featured_news(page=middle) == new  # an unpublished pick falls back


def test_parse_month():
    assert selectors.parse_month("2019-07").isoformat() == "2019-07-01"
    for bad in ("", None, "2019-13", "2019/07", "abc", "07-2019"):
        assert selectors.parse_month(bad) is None


def test_category_admin_lists_searches_and_creates_with_ascii_slug(admin_client, news_index):
    category = utils.make_category("Cảnh báo tội phạm", "canh-bao-toi-pham")
    utils.make_article(news_index, title="Một bài", categories=[category])
    listing = admin_client.get("/admin/snippets/news/newscategory/")
    assert listing.status_code == 200
    assert "Cảnh báo tội phạm" in listing.content.decode()
    found = admin_client.get("/admin/snippets/news/newscategory/?q=canh-bao")
    assert "Cảnh báo tội phạm" in found.content.decode()
    response = admin_client.post(
        "/admin/snippets/news/newscategory/add/",
        {"name": "Đường thủy nội địa", "slug": "", "description": "", "sort_order": "3"},
    )
    assert response.status_code == 302
    assert NewsCategory.objects.get(name="Đường thủy nội địa").slug == "duong-thuy-noi-dia"
    typed = admin_client.post(
        "/admin/snippets/news/newscategory/add/",
        {"name": "Phòng cháy", "slug": "phòng-cháy-chữa-cháy", "description": "", "sort_order": "0"},
    )
    assert typed.status_code == 302
    assert NewsCategory.objects.get(name="Phòng cháy").slug == "phong-chay-chua-chay"
    clash = admin_client.post(
        "/admin/snippets/news/newscategory/add/",
        {"name": "Cảnh báo khác", "slug": "canh-bao-toi-pham", "description": "", "sort_order": "0"},
    )
    assert clash.status_code == 200
    assert not NewsCategory.objects.filter(name="Cảnh báo khác").exists()
