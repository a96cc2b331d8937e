"""Production serving middleware: what the shared cache may keep (cms.cache_headers) and one JSON
log line per request (cms.access_log)."""

import json
import logging

import pytest
from django.test import override_settings

from cms.access_log import JsonFormatter

PRODUCTION_MIDDLEWARE = [
    "cms.access_log.AccessLogMiddleware",
    "cms.cache_headers.SharedCacheMiddleware",
]


@pytest.fixture
def production_middleware(settings):
    settings.MIDDLEWARE = PRODUCTION_MIDDLEWARE + list(settings.MIDDLEWARE)
    settings.PORTAL_CACHE_MAX_AGE = 60
    settings.PORTAL_CACHE_S_MAXAGE = 600


@pytest.mark.django_db
def test_anonymous_public_page_is_shareable(client, home, production_middleware):
    response = client.get("/")
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage=600" in control
    assert not response.cookies


@pytest.mark.django_db
def test_signed_in_editor_form_pages_and_private_paths_are_not_shareable(
    client, home, production_middleware, django_user_model
):
    # A page with a form carries a CSRF token tied to the visitor: never public.
    form = client.get("/phan-anh-to-giac/")
    assert "public" not in form.get("Cache-Control", "")
    assert "no-store" in form["Cache-Control"]
    # Personal lookups.
    lookup = client.get("/tra-cuu-ho-so/")
    assert "public" not in lookup.get("Cache-Control", "")
    # A POST.
    assert "public" not in client.post("/", {}).get("Cache-Control", "")
    # An editor who signed in.
    user = django_user_model.objects.create_superuser("bientap_test", "b@example.vn", "Mat-khau-dai-123")
    client.force_login(user)
    assert "public" not in client.get("/").get("Cache-Control", "")


def test_is_shareable_refuses_csrf_and_cookies(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from cms.cache_headers import is_shareable

    request = rf.get("/tin-tuc/")
    request.user = AnonymousUser()
    assert is_shareable(request, HttpResponse("ok"))
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not is_shareable(request, HttpResponse("ok"))
    request = rf.get("/tin-tuc/")
    request.user = AnonymousUser()
    response = HttpResponse("ok")
    response.set_cookie("sessionid", "x")
    assert not is_shareable(request, response)
    request = rf.get("/trang-chu/dich-vu-cong/dang-ky-tam-tru/nop-ho-so/")
    request.user = AnonymousUser()
    assert not is_shareable(request, HttpResponse("ok"))
    assert not is_shareable(rf.get("/tin-tuc/"), HttpResponse("", status=404))


@pytest.mark.django_db
def test_one_json_line_per_request_without_private_queries(client, home, production_middleware, caplog):
    caplog.set_level(logging.INFO, logger="cms.access")
    client.get("/?trang=2")
    client.get("/tra-cuu-ho-so/?ma=HSAB-CDEF-GHK&dien_thoai=0912345678")
    client.get("/khong-co-trang-nay/")
    records = [record for record in caplog.records if record.name == "cms.access"]
    assert len(records) == 3
    lines = [json.loads(JsonFormatter().format(record)) for record in records]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/?trang=2", 200),
        ("GET", "/tra-cuu-ho-so/", 200),
        ("GET", "/khong-co-trang-nay/", 404),
    ]
    assert all(isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0 for line in lines)
    assert all(line["logger"] == "cms.access" and line["level"] == "INFO" for line in lines)
    text = "\n".join(JsonFormatter().format(record) for record in records)
    assert "0912345678" not in text and "HSAB" not in text
    assert all("\n" not in JsonFormatter().format(record) for record in records)


def test_json_formatter_keeps_vietnamese_and_exceptions_on_one_line():
    try:
        raise ValueError("lỗi\nhai dòng")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "portal", logging.ERROR, __file__, 1, "Không gửi được thư %s", ("HS1",), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "Không gửi được thư HS1"
    assert "lỗi" in data["exception"]


@override_settings(PORTAL_CACHE_S_MAXAGE=0)
@pytest.mark.django_db
def test_shared_cache_off_sends_nothing(client, home, settings):
    settings.MIDDLEWARE = PRODUCTION_MIDDLEWARE + list(settings.MIDDLEWARE)
    assert "public" not in client.get("/").get("Cache-Control", "")
