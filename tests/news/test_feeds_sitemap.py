"""RSS/Atom feeds per section and per category, sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests import utils
from tests.news.conftest import local

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def articles(news_index, security, traffic):
    utils.make_article(
        news_index,
        title="Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
        sapo="HNP - Sapo về phong trào.",
        display_date=local(2019, 7, 16, 20, 23),
        categories=[security],
        author="Minh Anh",
    )
    utils.make_article(
        news_index, title="Cảnh báo lừa đảo qua mạng", display_date=local(2019, 8, 1, 9), categories=[traffic]
    )
    utils.make_article(news_index, title="Bản nháp chưa duyệt", publish=False, categories=[security])
    private = utils.make_article(news_index, title="Tin nội bộ", categories=[security])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)


def test_rss_feed_is_valid_xml_with_dated_items(client, news_index, articles):
    response = client.get(news_index.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Tin tức"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Cảnh báo lừa đảo qua mạng",
        "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
    ]
    second = items[1]
    assert second.findtext("description") == "HNP - Sapo về phong trào."
    assert second.findtext("pubDate") == "Tue, 16 Jul 2019 20:23:00 +0700"
    assert (
        second.findtext("link")
        == "http://testserver/tin-tuc/tiep-tuc-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc/"
    )
    assert second.findtext("category") == "An ninh trật tự"


def test_atom_feed_is_valid_xml_with_dated_entries(client, news_index, articles):
    response = client.get(news_index.url + "atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    entry = entries[1]
    assert entry.findtext(f"{ATOM}published") == "2019-07-16T20:23:00+07:00"
    assert entry.findtext(f"{ATOM}summary") == "HNP - Sapo về phong trào."
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Minh Anh"


def test_category_feeds_only_carry_that_category(client, news_index, articles):
    rss = ET.fromstring(client.get(news_index.url + "chuyen-muc/an-ninh-trat-tu/rss/").content)
    assert rss.find("channel").findtext("title") == "Tin tức – An ninh trật tự"
    assert [item.findtext("title") for item in rss.iter("item")] == [
        "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc"
    ]
    atom = ET.fromstring(client.get(news_index.url + "chuyen-muc/giao-thong/atom/").content)
    assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")] == ["Cảnh báo lừa đảo qua mạng"]
    assert client.get(news_index.url + "chuyen-muc/khong-co/rss/").status_code == 404


def test_sitemap_lists_live_public_pages_with_article_dates(client, news_index, articles):
    urls = utils.sitemap_urls(client)
    article = "http://testserver/tin-tuc/tiep-tuc-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc/"
    assert urls[article] == "2019-07-16"
    assert "http://testserver/tin-tuc/" in urls
    assert "http://testserver/tin-tuc/chuyen-muc/an-ninh-trat-tu/" in urls
    assert not any("ban-nhap" in url or "tin-noi-bo" in url for url in urls)


def test_robots_txt_points_to_sitemap_and_hides_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
