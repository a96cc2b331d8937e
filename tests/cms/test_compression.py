"""HTML, CSS, JS and JSON leave the app compressed: brotli when accepted (public pages),
gzip otherwise; private pages (forms, receipts) gzip only, with Django's BREACH padding."""

from __future__ import annotations

import gzip
import json

import brotli
import pytest
from django.http import HttpResponse

from cms.compression import CompressionMiddleware

BODY = "Cảnh báo thủ đoạn lừa đảo qua mạng. " * 200


def _respond(content_type="text/html; charset=utf-8", body=BODY, **headers):
    def view(request):
        response = HttpResponse(body, content_type=content_type)
        for name, value in headers.items():
            response[name.replace("_", "-")] = value
        return response

    return CompressionMiddleware(view)


def test_brotli_when_accepted_gzip_otherwise(rf):
    middleware = _respond()
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd"))
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content).decode() == BODY
    assert "Accept-Encoding" in response["Vary"]
    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode() == BODY
    response = middleware(rf.get("/"))
    assert not response.has_header("Content-Encoding") and response.content.decode() == BODY


@pytest.mark.parametrize(
    "content_type",
    ["text/css", "text/javascript", "application/json", "application/rss+xml", "application/manifest+json"],
)
def test_text_types_are_compressed(rf, content_type):
    response = _respond(content_type)(rf.get("/", HTTP_ACCEPT_ENCODING="br"))
    assert response["Content-Encoding"] == "br"


def test_images_small_and_encoded_responses_are_left_alone(rf):
    request = rf.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert not _respond("image/png")(request).has_header("Content-Encoding")
    assert not _respond(body="ngắn")(request).has_header("Content-Encoding")
    assert _respond(Content_Encoding="gzip")(request)["Content-Encoding"] == "gzip"


def test_private_pages_get_gzip_with_padding_never_brotli(rf):
    middleware = _respond(Cache_Control="no-cache, no-store, must-revalidate, private")
    sizes = set()
    for _ in range(8):
        response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip, br"))
        assert response["Content-Encoding"] == "gzip"
        sizes.add(len(response.content))
    assert len(sizes) > 1  # Django's random gzip padding ("Heal the BREACH")


@pytest.mark.django_db
def test_the_app_compresses_pages_forms_and_the_api(client, home):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "br"
    assert "<html" in brotli.decompress(response.content).decode()
    form = client.get("/phan-anh-to-giac/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert form["Content-Encoding"] == "gzip"
    assert "csrfmiddlewaretoken" in gzip.decompress(form.content).decode()
    api = client.get("/api/v1/places/provinces/1/wards", HTTP_ACCEPT_ENCODING="br")
    assert api["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(api.content))["items"]
