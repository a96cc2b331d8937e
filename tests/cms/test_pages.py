import unicodedata

import pytest
from django.test import RequestFactory

from cms.pages import auto_slug_renderings, paginate, vietnamese_slug
from home.models import StandardPage
from tests import utils

TITLE = "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc"
EXPECTED = "tiep-tuc-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc"


@pytest.mark.parametrize(
    "sent",
    [
        "",
        "tiep-tuc-ay-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc",  # Django slugify
        "tiếp-tục-đẩy-mạnh-phong-trào-toàn-dân-bảo-vệ-an-ninh-tổ-quốc",  # Wagtail unicode
        "tiep-tuc-djay-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc",  # admin JavaScript
        "tiep-tuc-djay-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-2",
    ],
)
def test_slug_is_right_whatever_the_browser_sent(sent):
    assert vietnamese_slug(TITLE, sent) in {EXPECTED}


def test_hand_typed_slug_is_kept_but_made_ascii():
    assert vietnamese_slug(TITLE, "phong-trao-2019") == "phong-trao-2019"
    assert vietnamese_slug(TITLE, "phong-trào-đặc-biệt") == "phong-trao-dac-biet"
    # A year after the title's own slug is the editor's, not Wagtail's "-2" de-duplication.
    assert vietnamese_slug("Luật Cư trú", "luat-cu-tru-2020") == "luat-cu-tru-2020"
    assert vietnamese_slug("Luật Cư trú", "luat-cu-tru-3") == "luat-cu-tru"


def test_renderings_include_the_three_stock_errors():
    renderings = auto_slug_renderings("Đẩy mạnh")
    assert {"ay-manh", "đẩy-mạnh", "djay-manh", "day-manh"} <= renderings


@pytest.mark.django_db
def test_page_saved_with_ascii_slug_and_nfc_text(news_index):
    nfd_title = unicodedata.normalize("NFD", TITLE)
    page = utils.make_article(news_index, title=nfd_title, sapo=unicodedata.normalize("NFD", "Đà Nẵng"))
    page.refresh_from_db()
    assert page.slug == EXPECTED
    assert page.title == TITLE
    assert unicodedata.is_normalized("NFC", page.sapo)
    assert page.url.endswith(f"/{EXPECTED}/")


@pytest.mark.django_db
def test_second_page_with_same_title_gets_suffix(news_index):
    utils.make_article(news_index)
    second = utils.make_article(news_index)
    assert second.slug == EXPECTED + "-2"


@pytest.mark.django_db
def test_admin_js_slug_is_corrected_on_create(home, admin_client):
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{home.pk}/",
        {
            "title": "Đường dây nóng",
            "slug": "djuong-day-nong",
            "intro": unicodedata.normalize("NFD", "Liên hệ"),
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code in (200, 302)
    page = StandardPage.objects.get(title="Đường dây nóng")
    assert page.slug == "duong-day-nong"
    assert page.intro == "Liên hệ"


def test_paginate_keeps_the_other_query_parameters():
    factory = RequestFactory()
    page_obj, prefix = paginate(factory.get("/tin-tuc/"), range(45), 20)
    assert (page_obj.number, page_obj.paginator.num_pages, prefix) == (1, 3, "?trang=")
    page_obj, prefix = paginate(factory.get("/tin-tuc/", {"thang": "2019-07", "trang": "3"}), range(45), 20)
    assert (page_obj.number, list(page_obj)) == (3, list(range(40, 45)))
    assert prefix == "?thang=2019-07&trang="
    page_obj, _prefix = paginate(factory.get("/tin-tuc/", {"trang": "abc"}), range(45), 20)
    assert page_obj.number == 1
