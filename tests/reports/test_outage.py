"""A database that fails during a submission: no partial rows, a Vietnamese 503 with Retry-After
(HTML for the form, JSON for the API), never a stack trace."""

import pytest
from django.db import OperationalError

from reports import services
from reports.models import Report, ReportAttachment
from tests.reports.test_intake import URL, _data


def _database_goes_away(monkeypatch):
    def gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "event_log", gone)


@pytest.mark.django_db
def test_form_post_during_an_outage_answers_503_in_vietnamese_and_stores_nothing(client, fraud, monkeypatch, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.reports.conftest import jpeg_with_gps

    def files_on_disk():
        return sorted(p.name for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file())

    before = files_on_disk()
    _database_goes_away(monkeypatch)
    client.raise_request_exception = False
    photo = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(URL, {**_data(), "files": [photo]})
    # The photo was written under a temporary name, and removed when the request ended (with any
    # earlier rolled-back temporaries of this thread).
    assert set(files_on_disk()) <= set(before)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "tạm thời gián đoạn" in html and "Traceback" not in html and "OperationalError" not in html
    assert not Report.objects.exists() and not ReportAttachment.objects.exists()


@pytest.mark.django_db
def test_api_post_during_an_outage_answers_json_503(client, fraud, monkeypatch):
    _database_goes_away(monkeypatch)
    client.raise_request_exception = False
    response = client.post("/api/v1/reports", _data())
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert "tạm thời gián đoạn" in response.json()["detail"]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_other_errors_are_a_vietnamese_500(client, fraud, monkeypatch):
    def bug(**kwargs):
        raise KeyError("lỗi lập trình")

    monkeypatch.setattr(services, "event_log", bug)
    client.raise_request_exception = False
    response = client.post(URL, _data())
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
    assert "KeyError" not in response.content.decode()


@pytest.mark.django_db
def test_a_full_upload_disk_is_a_503_too(client, fraud, monkeypatch):
    import errno

    def full(**kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(services, "event_log", full)
    client.raise_request_exception = False
    response = client.post(URL, _data())
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert not Report.objects.exists()
