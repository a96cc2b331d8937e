"""Absolute links follow the address the portal is served at (cms/addresses.py), never the Site
record's `http://localhost/`: sitemap, feeds and canonical links, for two hosts and for the
configured PORTAL_BASE_URL."""

import xml.etree.ElementTree as ET

import pytest

from tests import utils

HOSTS = ["congan.example.vn", "127.0.0.1:8080"]


@pytest.fixture
def article(news_index):
    return utils.make_article(news_index, title="Cảnh báo lừa đảo qua mạng xã hội")


def sitemap_locations(client, host):
    index = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST=host).content)
    locations = []
    for section in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        path = section.text.split(host, 1)[1]
        body = client.get(path, HTTP_HOST=host).content
        locations += [loc.text for loc in ET.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    return index, locations


@pytest.mark.parametrize("host", HOSTS)
def test_sitemap_uses_the_request_host(client, article, host):
    index, locations = sitemap_locations(client, host)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sections and all(loc.startswith(f"http://{host}/") for loc in sections)
    assert f"http://{host}{article.url}" in locations
    assert all(loc.startswith(f"http://{host}/") for loc in locations)
    assert not any("localhost" in loc for loc in locations)


@pytest.mark.parametrize("host", HOSTS)
def test_canonical_link_and_feeds_use_the_request_host(client, news_index, article, host):
    html = client.get(article.url, HTTP_HOST=host).content.decode()
    assert f'<link rel="canonical" href="http://{host}{article.url}">' in html
    assert "http://localhost" not in html

    rss = ET.fromstring(client.get(news_index.url + "rss/", HTTP_HOST=host).content)
    links = [item.findtext("link") for item in rss.iter("item")] + [rss.find("channel").findtext("link")]
    assert links and all(link.startswith(f"http://{host}/") for link in links)
    assert f"http://{host}{article.url}" in links


def test_configured_base_url_wins_over_the_host(client, settings, news_index, article):
    settings.PORTAL_BASE_URL = "https://congan.example.vn"
    html = client.get(article.url, HTTP_HOST="127.0.0.1:8080").content.decode()
    assert f'<link rel="canonical" href="https://congan.example.vn{article.url}">' in html
    _, locations = sitemap_locations(client, "127.0.0.1:8080")
    assert f"https://congan.example.vn{article.url}" in locations
    assert article.get_full_url() == f"https://congan.example.vn{article.url}"


def test_without_a_request_links_use_the_configured_address_not_the_site_record(settings, article):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert article.get_full_url() == f"http://127.0.0.1:8000{article.url}"


def test_a_host_that_is_not_allowed_is_never_written(rf, settings, article):
    from cms import addresses

    settings.ALLOWED_HOSTS = ["congan.example.vn"]
    settings.WAGTAILADMIN_BASE_URL = "https://congan.example.vn"
    request = rf.get("/", HTTP_HOST="evil.example")
    assert addresses.base_url(request) == "https://congan.example.vn"
