import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms import places
from reports import stats
from reports.models import Report, ReporterIdentity
from tests.reports.conftest import jpeg_with_gps


@pytest.mark.django_db
def test_categories_tree(client, fraud):
    data = client.get("/api/v1/reports/categories").json()["items"]
    assert [c["code"] for c in data] == ["an-ninh-chinh-tri", "toi-pham-hinh-su", "te-nan-xa-hoi", "khac"]
    crime = data[1]
    assert crime["name"] == "Tội phạm hình sự"
    assert crime["children"] == [{"code": "lua-dao-qua-mang", "name": "Lừa đảo qua mạng"}]


@pytest.mark.django_db
def test_post_report_anonymously_with_photo_then_follow_up(client, fraud):
    ward = places.get_province(1).wards[0]
    response = client.post(
        "/api/v1/reports",
        {
            "category": "lua-dao-qua-mang",
            "description": "Trang mạng giả mạo ngân hàng lừa người dân nhập mật khẩu.",
            "occurred_at": "2026-01-02T08:15",
            "province": "1",
            "ward": str(ward.code),
            "files": [SimpleUploadedFile("a.jpg", jpeg_with_gps()), SimpleUploadedFile("b.pdf", b"%PDF-1.4\n")],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    report = Report.objects.get(code=body["code"])
    assert report.attachments.count() == 2
    assert not ReporterIdentity.objects.exists()
    assert timezone.localtime(report.occurred_at).hour == 8

    ok = client.get(f"/api/v1/reports/{body['code']}", HTTP_X_REPORT_PIN=body["pin"])
    assert ok.status_code == 200
    assert ok.json()["status"] == "new" and ok.json()["status_label"] == "Mới"
    wrong = client.get(f"/api/v1/reports/{body['code']}", HTTP_X_REPORT_PIN="12345678")
    assert wrong.status_code == 404
    message = "Mã phản ánh hoặc mã PIN không đúng."
    assert wrong.json() == {"code": "not_found", "message": message, "detail": message, "errors": {}}


@pytest.mark.django_db
def test_post_report_errors_are_vietnamese(client, fraud):
    response = client.post("/api/v1/reports", {"category": "xyz", "description": "ngắn", "occurred_at": "hôm qua"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"category", "description", "occurred_at"}
    assert errors["category"] == ["Lĩnh vực không hợp lệ."]
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_api_rate_limit(client, fraud, settings):
    settings.PORTAL_RATE_LIMITS = "1/600"
    data = {"category": "khac", "description": "Tiếng ồn lớn kéo dài sau 23 giờ tại khu dân cư."}
    assert client.post("/api/v1/reports", data).status_code == 201
    response = client.post("/api/v1/reports", data)
    assert response.status_code == 429
    assert "quá nhiều lần" in response.json()["message"]


@pytest.mark.django_db
def test_api_stats_and_openapi(client, make_report):
    make_report()
    from django.utils import timezone

    today = timezone.localdate()
    # no day ranges, and not this month: it has not ended yet
    assert client.get(f"/api/v1/stats/reports?from={today}&to={today}").status_code == 400
    this_month = client.get(f"/api/v1/stats/reports?ky={today:%Y-%m}")
    assert this_month.status_code == 400 and "chưa được công bố" in this_month.json()["detail"]
    data = client.get("/api/v1/stats/reports").json()
    assert data["period"] == stats.latest_closed_month().preset and data["threshold"] == 10
    assert data["total"] is None and data["by_category"]["toi-pham-hinh-su"] is None
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/reports/categories", "/api/v1/reports", "/api/v1/reports/{code}", "/api/v1/stats/reports"):
        assert path in schema["paths"]
