"""`manage.py load_initial_data`: the demo portal, and nothing duplicated on a second run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.models import HomePage, PortalSettings, StandardPage
from news.models import NewsCategory, NewsIndexPage, NewsPage


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "categories": NewsCategory.objects.count(),
        "sites": Site.objects.count(),
        "settings": PortalSettings.objects.count(),
    }


def _load() -> str:
    out = StringIO()
    call_command("load_initial_data", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=False)
def test_load_initial_data_builds_the_demo_portal_once(client):
    first_output = _load()
    after_first = _counts()
    second_output = _load()

    assert "Đã tạo nội dung mẫu" in first_output
    assert "không tạo thêm gì" in second_output
    assert _counts() == after_first

    home = HomePage.objects.get()
    assert (home.title, home.slug, home.live) == ("Trang chủ", "trang-chu", True)
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    # Wagtail's welcome page is gone and the tree is sound.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    assert all(not problems for problems in Page.find_problems())

    assert set(StandardPage.objects.child_of(home).values_list("slug", flat=True)) >= {
        "gioi-thieu",
        "lien-he",
        "chinh-sach-bao-ve-du-lieu-ca-nhan",
    }
    news_index = NewsIndexPage.objects.child_of(home).get(slug="tin-tuc")
    articles = NewsPage.objects.child_of(news_index).live()
    assert articles.count() >= 8
    assert NewsCategory.objects.count() == 5
    assert all(article.featured_image_id for article in articles)
    assert all(article.categories.exists() for article in articles)
    assert all(article.slug.isascii() for article in articles)
    assert all(Revision.objects.for_instance(article).exists() for article in articles)
    assert articles.filter(title__contains="toàn dân bảo vệ an ninh Tổ quốc").exists()
    assert articles.filter(title__icontains="giả danh công an").exists()

    portal = PortalSettings.for_site(site)
    assert portal.hotline and portal.email and portal.fanpage_url and portal.address and portal.working_hours

    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="bientap").groups.values_list("name", flat=True)) == ["Biên tập viên"]
    assert list(users.get(username="duyetbai").groups.values_list("name", flat=True)) == ["Duyệt bài"]
    assert not users.get(username="bientap").is_superuser
    for username in ("admin", "bientap", "duyetbai"):
        assert authenticate(username=username, password="CongAn@2026") is not None

    # Served on any host name (the default site), including the address `make run` prints.
    response = client.get("/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kênh tiếp nhận thông tin" in html and portal.hotline in html
    assert articles.order_by("-display_date").first().title in html

    figures = articles.get(title__contains="28.320")
    response = client.get(figures.url, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    page_html = response.content.decode()
    for number in ("28.320", "4.480", "15.787", "6.292", "1.761"):
        assert number in page_html
    assert client.get("/gioi-thieu/").status_code == 200


@pytest.mark.django_db
def test_load_initial_data_keeps_an_existing_home_page_and_editor_changes(home):
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    portal.hotline = "0999.000.111"
    portal.save()

    _load()

    assert HomePage.objects.get().pk == home.pk
    portal.refresh_from_db()
    assert portal.hotline == "0999.000.111"
    assert portal.email  # blank fields were filled
