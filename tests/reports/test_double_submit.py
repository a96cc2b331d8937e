"""Double-submit receipts: the same form sent again by its sender gets the same code and PIN for
30 minutes, another sender replaying the token gets nothing, and the PIN survives a stopped
Redis (the receipt is in the database, in the submission's transaction)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cms import receipts
from cms.models import SubmissionReceipt
from reports.models import Report
from tests.reports.test_intake import URL, _data

TOKEN = "5b0d3c3e-7a55-4d6a-9d1e-0b8f1b7f2c44"
PIN_RE = re.compile(r"Mã PIN: <code>(\d+)</code>")


def _pin(response) -> str | None:
    found = PIN_RE.search(response.content.decode())
    return found.group(1) if found else None


@pytest.mark.django_db
def test_resend_within_30_minutes_shows_the_same_code_and_pin(client, fraud):
    client.get(URL)  # the browser opens the form first and gets its CSRF cookie
    first = client.post(URL, _data(form_token=TOKEN))
    second = client.post(URL, _data(form_token=TOKEN))
    assert first.status_code == second.status_code == 200
    report = Report.objects.get()
    assert _pin(first) and _pin(first) == _pin(second)
    assert report.code in second.content.decode().replace("-", "")
    assert "không có phản ánh mới nào được tạo" in second.content.decode()
    receipt = SubmissionReceipt.objects.get()
    assert receipt.code == report.code and receipt.pin == _pin(first)


@pytest.mark.django_db
def test_after_the_window_the_code_comes_back_without_the_pin(client, fraud, monkeypatch):
    client.get(URL)
    first = client.post(URL, _data(form_token=TOKEN))
    later = timezone.now() + receipts.WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(receipts.timezone, "now", lambda: later)
    again = client.post(URL, _data(form_token=TOKEN))
    assert again.status_code == 200
    assert _pin(first) and _pin(again) is None
    assert "chỉ hiển thị trong 30 phút" in again.content.decode()
    assert list(receipts.receipts_expired(now=later)) == [SubmissionReceipt.objects.get()]
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_a_replayed_token_from_another_browser_reveals_nothing(client, fraud):
    client.get(URL)
    first = client.post(URL, _data(form_token=TOKEN))
    code = Report.objects.get().code
    attacker = Client()
    attacker.get(URL)
    replay = attacker.post(URL, _data(form_token=TOKEN), REMOTE_ADDR="127.0.0.1")
    assert replay.status_code == 409
    html = replay.content.decode()
    assert code not in html.replace("-", "") and _pin(first) not in html
    assert "Biểu mẫu này đã được gửi trước đó" in html
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_api_resend_returns_the_same_pin_and_refuses_another_client(client, fraud):
    data = {**_data(), "form_token": TOKEN}
    first = client.post("/api/v1/reports", data)
    second = client.post("/api/v1/reports", data)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json() == second.json() and first.json()["pin"]
    other = client.post("/api/v1/reports", data, REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 409
    assert "pin" not in other.json() and other.json()["detail"].startswith("Biểu mẫu này")


@pytest.mark.django_db
def test_a_failed_submission_leaves_no_receipt(client, fraud, monkeypatch):
    from reports import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "event_log", broken)
    client.raise_request_exception = False
    response = client.post(URL, _data(form_token=TOKEN))
    assert response.status_code == 500
    assert not Report.objects.exists() and not SubmissionReceipt.objects.exists()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": "cms.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    yield


@pytest.mark.django_db
def test_pages_and_tips_work_with_redis_down(client, home, fraud, redis_down, settings):
    from django.core.cache import caches

    from cms.cache import ResilientRedisCache

    assert isinstance(caches["default"], ResilientRedisCache)
    assert client.get(home.url).status_code == 200
    assert client.get(URL).status_code == 200
    settings.PORTAL_RATE_LIMITS = "2/600"
    token = "0f7c1b8e-3a0e-4a9f-8d46-6b1b9f1e2d10"
    first = client.post(URL, _data(form_token=token))
    again = client.post(URL, _data(form_token=token))
    assert first.status_code == again.status_code == 200
    assert _pin(first) and _pin(first) == _pin(again)
    # The limit still holds, per process, while Redis is down.
    limited = client.post(URL, _data())
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_api_replay_tells_two_clients_behind_the_same_proxy_apart(client, fraud, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    data = {**_data(), "form_token": TOKEN}
    proxy = {"REMOTE_ADDR": "10.1.2.3"}
    first = client.post("/api/v1/reports", data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    again = client.post("/api/v1/reports", data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert first.status_code == 201 and again.status_code == 200 and again.json()["pin"] == first.json()["pin"]
    other = client.post("/api/v1/reports", data, HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert other.status_code == 409 and "pin" not in other.json()
    # the same citizen, its request passing a second trusted hop, is still recognised
    chained = client.post("/api/v1/reports", data, HTTP_X_FORWARDED_FOR="203.0.113.5, 10.9.9.9", **proxy)
    assert chained.status_code == 200 and chained.json()["pin"] == first.json()["pin"]
    assert Report.objects.count() == 1
