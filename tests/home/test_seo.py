"""What search engines and link previews read (issue #16): one description, one canonical on
the served host, Open Graph and Twitter cards with an image, and schema.org JSON-LD per page
type, read back with `extruct` as a crawler would."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

extruct = pytest.importorskip("extruct")

HOST = "congan.example.vn"
REQUIRED = {
    "GovernmentOrganization": {"name", "url", "logo", "address", "telephone", "sameAs"},
    "NewsArticle": {"headline", "datePublished", "dateModified", "image", "author", "publisher"},
    "GovernmentService": {"name", "provider", "url", "description"},
    "Legislation": {"name", "legislationIdentifier", "legislationDate", "legislationType", "legislationPassedBy"},
    "BreadcrumbList": {"itemListElement"},
}


@pytest.fixture
def demo(db):
    from home.models import LegalDocumentPage
    from news.models import NewsPage
    from services.models import ProcedurePage

    call_command("load_initial_data", stdout=StringIO())
    return {
        "article": NewsPage.objects.live().filter(featured_image__isnull=False).first().url,
        "procedure": ProcedurePage.objects.live().first().url,
        "document": LegalDocumentPage.objects.live().first().url,
    }


def _public_pages(demo) -> dict[str, str]:
    return {
        "/": "GovernmentOrganization",
        demo["article"]: "NewsArticle",
        demo["procedure"]: "GovernmentService",
        demo["document"]: "Legislation",
        "/tin-tuc/": None,
        "/van-ban-phap-luat/": None,
        "/dich-vu-cong/": None,
        "/gioi-thieu/": None,
        "/phan-anh-to-giac/": None,
        "/phan-anh-to-giac/theo-doi/": None,
        "/tra-cuu-ho-so/": None,
        "/tim-kiem/": None,
    }


def _extract(response, url: str) -> dict:
    return extruct.extract(response.content.decode(), base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def test_every_public_page_has_description_canonical_cards_and_breadcrumbs(client, demo):
    for path, main_type in _public_pages(demo).items():
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        html = response.content.decode()
        url = f"http://{HOST}{path}"
        assert html.count('rel="canonical"') == 1, path
        assert f'<link rel="canonical" href="{url}">' in html, path
        assert html.count('<meta name="description"') == 1, path
        data = _extract(response, url)
        [og] = data["opengraph"]
        assert og["og:url"] == url and og["og:title"] and og["og:description"], path
        assert og["og:image"].startswith(f"http://{HOST}/"), path
        assert 'name="twitter:card" content="summary_large_image"' in html, path
        assert f'name="twitter:image" content="{og["og:image"]}"' in html, path
        by_type = {item["@type"]: item for item in data["json-ld"]}
        assert by_type["BreadcrumbList"]["itemListElement"][0]["item"] == f"http://{HOST}/", path
        assert by_type["BreadcrumbList"]["itemListElement"][-1]["item"] == url, path
        if main_type:
            item = by_type[main_type]
            assert REQUIRED[main_type] <= set(item), (path, REQUIRED[main_type] - set(item))


def test_structured_data_says_what_the_pages_say(client, demo):
    from home.models import PortalSettings

    portal = PortalSettings.objects.get()
    home = {i["@type"]: i for i in _extract(client.get("/"), "http://testserver/")["json-ld"]}
    organization = home["GovernmentOrganization"]
    assert organization["name"] == portal.agency_name
    assert organization["telephone"] == portal.hotline
    assert organization["sameAs"] == [portal.fanpage_url]
    assert organization["address"]["streetAddress"] == portal.address
    assert home["WebSite"]["potentialAction"]["target"].startswith("http://testserver/tim-kiem/?q=")

    response = client.get(demo["article"])
    article = {i["@type"]: i for i in _extract(response, "http://testserver")["json-ld"]}["NewsArticle"]
    page = response.context["page"]
    assert article["headline"] == page.title
    assert article["datePublished"] == timezone.localtime(page.display_date).isoformat()
    assert article["image"][0].startswith("http://testserver/media/images/")
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    assert article["description"] == page.sapo[:160].rstrip() or article["description"].endswith("…")
    assert response.content.decode().count('property="og:type" content="article"') == 1

    response = client.get(demo["document"])
    page = response.context["page"]
    law = {i["@type"]: i for i in _extract(response, "http://testserver")["json-ld"]}["Legislation"]
    assert law["legislationIdentifier"] == page.number
    assert law["legislationDate"] == page.issued_on.isoformat()


def test_json_ld_cannot_close_its_script_element(client, demo):
    from news.models import NewsPage

    article = NewsPage.objects.live().first()
    article.title = "Cảnh báo </script><script>alert(1)</script><!-- lừa đảo"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    end = html.index("</script>", start)
    assert "<" not in html[start:end]
    data = json.loads(html[start:end])
    assert data[0]["headline"] == article.title


@pytest.mark.django_db
def test_favicon_touch_icons_and_manifest(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.ico")
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["theme_color"] == "#7a0c0c" and data["lang"] == "vi"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
