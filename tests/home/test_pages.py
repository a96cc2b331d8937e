"""Home page, standard pages and the site chrome: creation rules and what visitors see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, PortalSettings, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests import utils


def _portal_settings(**values) -> PortalSettings:
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    for name, value in values.items():
        setattr(portal, name, value)
    portal.save()
    return portal


def _standard_page(parent, title: str, **fields) -> StandardPage:
    page = parent.add_child(instance=StandardPage(title=title, **fields))
    page.save_revision().publish()
    return page


class TestCreationRules(WagtailPageTestCase):
    def setUp(self):
        self.home = utils.make_home()

    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertCanNotCreateAt(NewsIndexPage, HomePage)

    def test_only_one_home_page(self):
        root = Page.get_first_root_node()
        assert not HomePage.can_create_at(root)

    def test_standard_page_under_home_and_itself_not_in_news(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)
        self.assertCanNotCreateAt(NewsPage, StandardPage)
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_pages_are_renderable(self):
        self.assertPageIsRenderable(self.home)
        about = _standard_page(self.home, "Giới thiệu", intro="Công an Thành phố.")
        self.assertPageIsRenderable(about)


@pytest.mark.django_db
def test_home_page_shows_featured_latest_news_and_channels(client, news_index):
    _portal_settings(
        hotline="069.2345.678",
        emergency_number="113",
        fanpage_url="https://www.facebook.com/congan.example",
        email="tiepnhan@congan.example.vn",
        address="Số 1 đường Trần Hưng Đạo",
        working_hours="Sáng 7:30–11:30",
    )
    now = timezone.now()
    older = utils.make_article(
        news_index, title="Cảnh báo lừa đảo qua mạng xã hội", display_date=now - timedelta(days=2)
    )
    newest = utils.make_article(news_index, title="Ra quân bảo đảm an toàn giao thông", display_date=now)
    utils.make_article(news_index, title="Bản nháp chưa duyệt không được hiện", publish=False)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    featured = html.split('class="featured"', 1)[1].split("</article>", 1)[0]
    assert newest.title in featured
    latest = html.split('class="card-grid"', 1)[1].split("</ul>", 1)[0]
    assert older.title in latest and newest.title not in latest
    assert "Bản nháp chưa duyệt" not in html
    assert newest.url in featured
    assert "069.2345.678" in html and 'href="tel:0692345678"' in html
    assert 'href="tel:113"' in html
    assert 'href="https://www.facebook.com/congan.example"' in html
    assert 'href="mailto:tiepnhan@congan.example.vn"' in html
    assert "Số 1 đường Trần Hưng Đạo" in html and "Sáng 7:30–11:30" in html
    for url in ("/dich-vu-cong/", "/tra-cuu-ho-so/", "/phan-anh-to-giac/", "/tim-kiem/"):
        assert f'href="{url}"' in html
    assert f'href="{news_index.url}"' in html


@pytest.mark.django_db
def test_editor_pick_is_featured_instead_of_the_newest(client, home, news_index):
    now = timezone.now()
    pick = utils.make_article(
        news_index, title="Phong trào toàn dân bảo vệ an ninh Tổ quốc", display_date=now - timedelta(days=5)
    )
    newest = utils.make_article(news_index, title="Tin mới nhất trong ngày", display_date=now)
    home.featured_news = pick
    home.save_revision().publish()

    html = client.get("/").content.decode()

    featured = html.split('class="featured"', 1)[1].split("</article>", 1)[0]
    assert pick.title in featured
    assert newest.title in html.split('class="card-grid"', 1)[1]


@pytest.mark.django_db
def test_home_page_without_news_says_so(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có tin bài nào được đăng." in response.content.decode()


@pytest.mark.django_db
def test_channels_follow_the_settings(client, home):
    _portal_settings(hotline="0243.111.222", agency_name="Công an tỉnh Mẫu")
    html = client.get("/").content.decode()
    assert "0243.111.222" in html and "Công an tỉnh Mẫu" in html

    _portal_settings(hotline="0243.999.888")
    html = client.get("/").content.decode()
    assert "0243.999.888" in html and "0243.111.222" not in html


@pytest.mark.django_db
def test_every_page_has_the_accessible_shell(client, home):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#noi-dung"' in html and 'id="noi-dung"' in html
    assert "<header" in html and "<footer" in html and 'role="search"' in html
    assert 'aria-label="Điều hướng chính"' in html
    assert '<a href="/" aria-current="page">Trang chủ</a>' in html
    assert 'for="site-search-q"' in html


@pytest.mark.django_db
def test_print_stylesheet_is_linked_and_hides_the_chrome(client, home):
    html = client.get("/").content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
    assert 'href="/static/css/portal.css"' in html
    css = (settings.BASE_DIR / "cms" / "static" / "css" / "print.css").read_text(encoding="utf-8")
    hidden = css.split("{ display: none !important; }")[0]
    for selector in (".no-print", ".site-nav", ".site-search", ".site-footer__links", ".skip-link"):
        assert selector in hidden
    assert 'content: " (" attr(href) ")"' in css
    assert "color: #000 !important" in css


@pytest.mark.django_db
def test_standard_page_renders_intro_body_breadcrumbs_and_subpages(client, home):
    about = _standard_page(
        home,
        "Giới thiệu",
        intro="Công an Thành phố bảo vệ an ninh, trật tự.",
        body=[
            {"type": "heading", "value": "Chức năng, nhiệm vụ"},
            {"type": "paragraph", "value": "<p>Đấu tranh phòng, chống tội phạm.</p>"},
        ],
        show_in_menus=True,
    )
    _standard_page(about, "Lãnh đạo Công an Thành phố")

    response = client.get(about.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__title">Giới thiệu</h1>' in html
    assert "Công an Thành phố bảo vệ an ninh, trật tự." in html
    assert "Chức năng, nhiệm vụ" in html and "Đấu tranh phòng, chống tội phạm." in html
    assert 'aria-label="Bạn đang ở"' in html and '<span aria-current="page">Giới thiệu</span>' in html
    assert "Lãnh đạo Công an Thành phố" in html
    assert about.url == "/gioi-thieu/"
    # A menu page appears in the main navigation, marked current on its own page.
    assert f'<a href="{about.url}" aria-current="page">Giới thiệu</a>' in html
    # Every standard page is linked from the footer.
    assert html.count(f'href="{about.url}"') >= 2


@pytest.mark.django_db
def test_unknown_address_gets_the_vietnamese_404_page(client, home):
    response = client.get("/trang-khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'action="/tim-kiem/"' in html and '<html lang="vi">' in html


def test_500_page_stands_alone():
    html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html and 'href="tel:113"' in html and 'lang="vi"' in html
    assert "{%" not in html
