"""A failed CSRF check answers with a Vietnamese page (status 403), never Django's English one,
and the public submission forms get the citizen's text back with a fresh token."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports.models import Report

TIP_URL = "/phan-anh-to-giac/"
DESCRIPTION = "Có người lạ tụ tập đánh bạc ở đầu ngõ 12 phố Hàng Bạc mỗi tối, gây mất trật tự."
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _hidden_fields(page: str) -> list[tuple[str, str]]:
    return [(name, html.unescape(value)) for name, value in HIDDEN.findall(page)]


def _assert_vietnamese_403(response) -> str:
    page = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu chưa gửi được" in page
    assert "Nội dung chưa được lưu" in page
    assert "CSRF verification failed" not in page
    assert "Forbidden" not in page
    assert '<html lang="vi">' in page
    assert "no-store" in response["Cache-Control"]
    return page


@pytest.mark.django_db
def test_tip_form_without_cookie_keeps_the_typed_text_and_sends_it_again():
    client = Client(enforce_csrf_checks=True)
    photo = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 not really a photo", content_type="image/jpeg")
    response = client.post(
        TIP_URL,
        {
            "category": "toi-pham-hinh-su",
            "description": DESCRIPTION,
            "occurred_unknown": "on",
            "location_unknown": "on",
            "name": "Trần Văn Bình",
            "pin": "123456",
            "files": [photo],
        },
    )
    page = _assert_vietnamese_403(response)
    assert "chặn cookie" in page  # no CSRF cookie at all: say so
    assert "Tệp đính kèm (1 tệp) không được giữ lại" in page
    assert "Gửi lại nội dung đã nhập" in page
    assert f'action="{TIP_URL}"' in page
    assert f'href="{TIP_URL}"' in page
    kept = _hidden_fields(page)
    names = [name for name, _value in kept]
    assert ("description", DESCRIPTION) in kept
    assert ("name", "Trần Văn Bình") in kept
    assert "pin" not in names and "123456" not in page
    assert "files" not in names
    assert names.count("csrfmiddlewaretoken") == 1
    assert Report.objects.count() == 0
    assert "csrftoken" in response.cookies  # the fresh token's cookie comes with the page

    # "Gửi lại" posts exactly these fields with the fresh token: the tip is received.
    response = client.post(TIP_URL, dict(kept))
    assert response.status_code == 200, response.content.decode()[:2000]
    report = Report.objects.get()
    assert report.description == DESCRIPTION
    assert report.code in response.content.decode().replace("-", "")


@pytest.mark.django_db
def test_stale_token_on_an_application_form_keeps_the_text():
    client = Client(enforce_csrf_checks=True)
    client.get(TIP_URL)  # sets the CSRF cookie
    assert "csrftoken" in client.cookies
    response = client.post(
        "/dich-vu-cong/gia-han-tam-tru/nop-ho-so/",
        {"csrfmiddlewaretoken": "x" * 64, "applicant_name": "Nguyễn Thị Hồng Nhung", "so_thang": "6"},
    )
    page = _assert_vietnamese_403(response)
    assert "chặn cookie" not in page
    kept = _hidden_fields(page)
    assert ("applicant_name", "Nguyễn Thị Hồng Nhung") in kept
    assert ("so_thang", "6") in kept
    assert "x" * 64 not in page


@pytest.mark.django_db
def test_forms_that_act_on_a_dossier_get_only_a_link_back():
    """A forged cross-site post must not come back as a one-click form with a valid token."""
    client = Client(enforce_csrf_checks=True)
    path = "/tra-cuu-ho-so/ABCD1234/"
    response = client.post(path, {"action": "withdraw", "reason": "Không còn nhu cầu giải quyết hồ sơ"})
    page = _assert_vietnamese_403(response)
    assert "Gửi lại nội dung đã nhập" not in page
    assert "Không còn nhu cầu" not in page
    assert _hidden_fields(page) == []
    assert f'href="{path}"' in page
    assert "Quay lại biểu mẫu" in page


@pytest.mark.django_db
def test_follow_up_pin_is_never_echoed():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/phan-anh-to-giac/theo-doi/", {"code": "PA12345678", "pin": "987654"})
    page = _assert_vietnamese_403(response)
    assert "987654" not in page and "PA12345678" not in page


@pytest.mark.django_db
def test_origin_null_is_refused_in_vietnamese():
    """What Chromium sends under `Referrer-Policy: no-referrer`; the portal no longer sets it."""
    client = Client(enforce_csrf_checks=True)
    token = client.get(TIP_URL).cookies["csrftoken"].value
    response = client.post(TIP_URL, {"csrfmiddlewaretoken": token, "description": DESCRIPTION}, HTTP_ORIGIN="null")
    page = _assert_vietnamese_403(response)
    assert ("description", DESCRIPTION) in _hidden_fields(page)
    assert client.get(TIP_URL)["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in client.get(TIP_URL).content.decode()
