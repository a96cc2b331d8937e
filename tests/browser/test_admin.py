"""The officers' and editors' workplace in Chromium: the slug the admin types for a Vietnamese
title, and no request from the admin or the public site to any host but the portal's."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from cms.text import slugify_vi
from home.demo_content import DEMO_PASSWORD
from news.models import NewsIndexPage, NewsPage
from tests.browser.conftest import SQLITE_ONLY

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [pytest.mark.browser, SQLITE_ONLY, pytest.mark.django_db(transaction=True)]

# Every vowel with every tone, both cases, and đ/Đ; one title per vowel family.
TITLES = [
    "Cảnh báo lừa đảo qua mạng dịp cuối năm",
    "Ả à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ Đ đ",
    "Ê è é ẻ ẽ ẹ ê ề ế ể ễ ệ Ì ì í ỉ ĩ ị Ỳ ỳ ý ỷ ỹ ỵ",
    "Ơ ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ Ưu ù ú ủ ũ ụ ư ừ ứ ử ữ ự",
    "ĐẨY MẠNH PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC 2026",
]


@pytest.fixture
def admin_page(browser, live_server, demo_portal):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    context.close()


@pytest.mark.parametrize("title", TITLES)
def test_admin_types_the_portal_slug_and_publishes_it(admin_page, live_server, title):
    page = admin_page
    index = NewsIndexPage.objects.get(slug="tin-tuc")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    title_input = page.locator("#id_title")
    title_input.click()
    title_input.press_sequentially(title)
    title_input.press("End")  # a key up, as after any keystroke: the slug follows
    slug = page.locator("#id_slug")
    expected = slugify_vi(title)
    expect(slug).to_have_value(expected)
    title_input.press("Tab")
    expect(slug).to_have_value(expected)

    page.locator("#id_sapo").fill("Bài kiểm tra địa chỉ.")
    page.locator("button.dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")
    article = NewsPage.objects.get(title=title)
    assert article.slug == expected
    assert article.live
    response = page.goto(live_server.url + article.url)
    assert response.status == 200
    assert urlsplit(page.url).path == f"/tin-tuc/{expected}/"


@pytest.mark.xfail(
    reason="Known bug (#17, open): since the last day's admin changes, Wagtail's title sync overwrites a hand-typed "
    "slug in Chromium ('tong-dai-113' becomes 'duong-day-nong-moi'); the server keeps typed slugs (test_admin_slugs).",
    strict=False,
)
def test_slug_typed_by_hand_is_kept_when_the_title_changes(admin_page, live_server):
    page = admin_page
    index = NewsIndexPage.objects.get(slug="tin-tuc")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    page.locator("#id_title").press_sequentially("Đường dây nóng")
    page.locator("#id_title").press("End")
    expect(page.locator("#id_slug")).to_have_value("duong-day-nong")
    page.locator("#tab-label-quang_ba").click()
    page.locator("#id_slug").fill("tong-dai-113")
    page.locator("#id_slug").press("Tab")
    page.locator("#tab-label-noi_dung").click()
    page.locator("#id_title").click()
    page.locator("#id_title").press_sequentially(" mới")
    page.locator("#id_title").press("End")
    expect(page.locator("#id_title")).to_have_value("Đường dây nóng mới")
    page.wait_for_timeout(300)  # the sync would have run by now
    expect(page.locator("#id_slug")).to_have_value("tong-dai-113")


def _foreign_requests(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    """Every request (documents, scripts, fonts, images, XHR) to a host other than the portal's."""
    portal = urlsplit(base_url).netloc
    seen: dict[str, list[str]] = {}
    current = {"path": ""}

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != portal:
            seen.setdefault(current["path"], []).append(request.url)

    page.on("request", record)
    for path in paths:
        current["path"] = path
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response.status == 200, path
    return seen


def test_admin_pages_ask_no_other_host(admin_page, live_server):
    article = NewsPage.objects.live().first()
    paths = ["/admin/", f"/admin/pages/{article.pk}/edit/", "/admin/images/", "/admin/snippets/", "/admin/account/"]
    assert _foreign_requests(admin_page, live_server.url, paths) == {}
    assert "gravatar" not in admin_page.content()


def test_public_pages_ask_no_other_host(browser, live_server, demo_portal):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        paths = ["/", demo_portal["article"], "/phan-anh-to-giac/", "/dich-vu-cong/", "/tim-kiem/?q=lừa+đảo"]
        assert _foreign_requests(context.new_page(), live_server.url, paths) == {}
    finally:
        context.close()
