"""HTTP rules of the API around its operations: CORS off unless configured, conditional GET on the
catalogues, the unversioned address's 308, documentation pages from the portal's own files, and
the places catalogue (official codes of the two-level units)."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.utils.http import http_date, parse_http_date

from tests import utils

pytestmark = pytest.mark.django_db

APP = "https://ungdung.example.vn"
PREFLIGHT = {"Origin": APP, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-report-pin"}


@pytest.fixture
def procedure(home):
    return utils.make_procedure(utils.make_procedure_index(home))


# --- CORS -------------------------------------------------------------------------------------


def test_cors_is_off_by_default(client, settings):
    assert settings.CORS_ALLOWED_ORIGINS == []
    simple = client.get("/api/v1/reports/categories", headers={"Origin": APP})
    assert simple.status_code == 200
    assert "Access-Control-Allow-Origin" not in simple
    preflight = client.options("/api/v1/reports/categories", headers=PREFLIGHT)
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Methods" not in preflight
    assert preflight.status_code == 405 and preflight.json()["code"] == "method_not_allowed"


def test_cors_for_the_configured_origins_only(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [APP, "https://khac.example.vn"]
    preflight = client.options("/api/v1/applications/lookup", headers=PREFLIGHT)
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == APP
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "POST", "OPTIONS"}
    assert "X-Report-Pin" in preflight["Access-Control-Allow-Headers"].split(", ")
    assert "Origin" in preflight["Vary"]

    simple = client.get("/api/v1/reports/categories", headers={"Origin": APP})
    assert simple.status_code == 200
    assert simple["Access-Control-Allow-Origin"] == APP
    assert {"ETag", "Retry-After"} <= set(simple["Access-Control-Expose-Headers"].split(", "))
    assert "Origin" in simple["Vary"]
    failed = client.get("/api/v1/places/provinces/9999/wards", headers={"Origin": APP})
    assert failed.status_code == 404 and failed["Access-Control-Allow-Origin"] == APP

    stranger = client.get("/api/v1/reports/categories", headers={"Origin": "https://la.example.com"})
    assert stranger.status_code == 200 and "Access-Control-Allow-Origin" not in stranger
    refused = client.options("/api/v1/applications/lookup", headers={**PREFLIGHT, "Origin": "https://la.example.com"})
    assert "Access-Control-Allow-Origin" not in refused and refused.status_code != 204
    outside = client.get("/", headers={"Origin": APP})
    assert "Access-Control-Allow-Origin" not in outside


# --- conditional GET --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
        "/api/v1/reports/categories",
        "/api/v1/places/provinces",
        "/api/v1/places/provinces/1/wards",
    ],
)
def test_catalogue_etag_304(client, procedure, raw):
    url = raw.format(code=procedure.code)
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get(url, headers={"If-None-Match": '"0000"'})
    assert other.status_code == 200 and other.json() == first.json()
    if "{code}" not in raw:  # a different page of a list is another body, another tag
        assert client.get(url, {"so_muc": 1}, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/procedures", "/api/v1/places/provinces", "/api/v1/places/provinces/1/wards"])
def test_catalogue_if_modified_since_304(client, procedure, url):
    first = client.get(url)
    modified = first["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    older = http_date(parse_http_date(modified) - 86400)
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    assert client.get(url, headers={"If-Modified-Since": modified, "If-None-Match": '"0000"'}).status_code == 200


def test_categories_have_no_last_modified_so_only_etag_applies(client, db):
    """Categories carry no change time: an If-Modified-Since alone is answered in full."""
    first = client.get("/api/v1/reports/categories")
    assert "Last-Modified" not in first
    assert client.get("/api/v1/reports/categories", headers={"If-Modified-Since": http_date()}).status_code == 200


def test_procedure_catalogue_changes_its_etag_when_republished(client, procedure):
    before = client.get("/api/v1/procedures")
    procedure.title = "Đăng ký tạm trú (sửa đổi)"
    procedure.save_revision().publish()
    after = client.get("/api/v1/procedures", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["items"][0]["name"] == "Đăng ký tạm trú (sửa đổi)"


# --- the unversioned API ----------------------------------------------------------------------


def test_unversioned_address_redirects_with_308_keeping_query(client, db):
    response = client.get("/api/procedures?trang=2&so_muc=5&q=c%C6%B0%20tr%C3%BA")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/procedures?trang=2&so_muc=5&q=c%C6%B0%20tr%C3%BA"
    assert client.get("/api/").status_code == 308 and client.get("/api/")["Location"] == "/api/v1/"


def test_unversioned_post_keeps_method_and_body(client, procedure):
    response = client.post(
        "/api/applications/lookup?x=1",
        {"code": "HS00000000", "contact": "0912345678"},
        content_type="application/json",
        follow=True,
    )
    assert response.redirect_chain == [("/api/v1/applications/lookup?x=1", 308)]
    # The lookup itself answered: POST with its JSON body reached it (a GET would be 405).
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.wsgi_request.method == "POST"


# --- documentation pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "assets"),
    [
        ("/api/v1/docs", {"ninja/swagger-ui.css", "ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"}),
        ("/api/v1/redoc", {"ninja/redoc.standalone.js"}),
    ],
)
def test_docs_pages_use_only_local_assets(client, db, url, assets):
    response = client.get(url, HTTP_HOST="congan.example.vn")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    hosts = {urlsplit(u).hostname for u in re.findall(r"(?:https?:)?//[^\s\"'<>)]+", html)}
    assert hosts <= {"congan.example.vn"}, hosts
    referenced = re.findall(r"(?:src|href)=[\"']([^\"']+)[\"']", html)
    assert referenced and all(u.startswith("/") and not u.startswith("//") for u in referenced), referenced
    static = {u.removeprefix("/static/") for u in referenced if u.startswith("/static/")}
    assert assets <= static
    for asset in static:
        assert finders.find(asset), asset


# --- places -----------------------------------------------------------------------------------


def test_places_known_province_and_its_wards(client, db):
    provinces = client.get("/api/v1/places/provinces").json()
    assert provinces["total"] == 34 and provinces["so_trang"] == 1
    hanoi = provinces["items"][0]
    assert hanoi == {"code": 1, "name": "Thành phố Hà Nội", "wards_url": "/api/v1/places/provinces/1/wards"}
    assert {"code": 79, "name": "Thành phố Hồ Chí Minh"}.items() <= next(
        p for p in provinces["items"] if p["code"] == 79
    ).items()

    wards = client.get(hanoi["wards_url"], {"so_muc": 500}).json()
    assert wards["total"] == len(wards["items"]) > 100
    assert {"code": 4, "name": "Phường Ba Đình", "province_code": 1} in wards["items"]
    assert {w["province_code"] for w in wards["items"]} == {1}
    paged = client.get(hanoi["wards_url"], {"so_muc": 10, "trang": 2}).json()
    assert len(paged["items"]) == 10 and paged["previous"] and paged["next"]


@pytest.mark.parametrize("code", ["99", "0"])
def test_places_unknown_province_404_in_the_error_shape(client, db, code):
    response = client.get(f"/api/v1/places/provinces/{code}/wards")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message"] == body["detail"] == "Không có tỉnh, thành phố với mã này."
    assert body["errors"] == {}
    assert "ETag" not in response


def test_places_non_numeric_province_400_in_the_error_shape(client, db):
    response = client.get("/api/v1/places/provinces/ha-noi/wards")
    assert response.status_code in (400, 404)
    assert set(response.json()) == {"code", "message", "detail", "errors"}
