"""Builders shared by the tests: a site with a home page, a news section, articles."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage


def make_home() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Công an Thành phố"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


def make_news_index(home: HomePage | None = None, title: str = "Tin tức", slug: str = "tin-tuc") -> NewsIndexPage:
    home = home or make_home()
    existing = NewsIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return home.add_child(instance=NewsIndexPage(title=title, slug=slug))


def make_category(name: str = "An ninh trật tự", slug: str = "an-ninh-trat-tu") -> NewsCategory:
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_article(
    index: NewsIndexPage | None = None,
    title: str = "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
    sapo: str = "Công an Thành phố triển khai nhiều giải pháp.",
    display_date: datetime | None = None,
    body: list | None = None,
    categories: list[NewsCategory] | None = None,
    publish: bool = True,
    **fields,
) -> NewsPage:
    index = index or make_news_index()
    page = NewsPage(
        title=title,
        sapo=sapo,
        display_date=display_date or timezone.now(),
        body=body or [{"type": "paragraph", "value": "<p>Nội dung bài viết.</p>"}],
        **fields,
    )
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page
