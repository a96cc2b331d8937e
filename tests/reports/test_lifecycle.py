import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from cms import places
from reports import services
from reports.demo import OFFICER_PASSWORD, OFFICER_USERNAME, load_demo
from reports.models import Report, ReportAttachment, ReportCategory, ReporterIdentity, ReportEvent, Unit
from tests.reports.conftest import jpeg_with_gps


@pytest.mark.django_db
def test_purge_deletes_only_old_closed_reports_with_their_files(
    officer, crime, settings, django_capture_on_commit_callbacks
):
    from cms import uploads

    photo = uploads.clean_upload(SimpleUploadedFile("a.jpg", jpeg_with_gps()), uploads.EVIDENCE)
    old = services.report_submit(
        category=crime, description="Phản ánh cũ đã giải quyết xong từ lâu.", files=[photo], name="A"
    ).report
    services.report_set_status(report=old, status=Report.Status.RESOLVED, user=officer)
    Report.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - timedelta(days=settings.REPORTS_RETENTION_DAYS + 1)
    )
    open_old = services.report_submit(category=crime, description="Phản ánh cũ vẫn đang xác minh.").report
    recent = services.report_submit(category=crime, description="Phản ánh vừa giải quyết hôm qua.").report
    services.report_set_status(report=recent, status=Report.Status.UNFOUNDED, user=officer)
    path = ReportAttachment.objects.get(report=old).file.path

    call_command("purge_reports", "--dry-run", verbosity=0)
    assert Report.objects.filter(pk=old.pk).exists()
    # Files are deleted once the purge's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_reports", verbosity=0)
    assert set(Report.objects.values_list("pk", flat=True)) == {open_old.pk, recent.pk}
    assert not ReporterIdentity.objects.exists()
    import os

    assert not os.path.exists(path)
    assert ReportEvent.objects.filter(report_code=old.code, action="purge").exists()
    # Earlier audit lines survive, detached from the deleted report.
    assert ReportEvent.objects.filter(report_code=old.code, action="status", report__isnull=True).exists()


@pytest.mark.django_db
def test_demo_is_idempotent_and_officer_can_log_in():
    load_demo()
    counts = (Report.objects.count(), ReportCategory.objects.count(), Unit.objects.count())
    load_demo()
    assert (Report.objects.count(), ReportCategory.objects.count(), Unit.objects.count()) == counts
    assert counts[0] >= 5
    assert set(Report.objects.values_list("channel", flat=True)) == set(Report.Channel.values)
    user = authenticate(username=OFFICER_USERNAME, password=OFFICER_PASSWORD)
    assert user is not None and user.has_perm("reports.change_report")
    assert not user.has_perm("reports.view_reporteridentity")
    assert ReportCategory.objects.filter(code="lua-dao-qua-mang", parent__code="toi-pham-hinh-su").exists()


@pytest.mark.django_db
def test_reports_are_not_in_sitemap_or_robots(client, home):
    from tests.utils import sitemap_urls

    urls = sitemap_urls(client)
    assert urls, "the sitemap lists the home page at least"
    assert not any("phan-anh-to-giac" in url for url in urls)
    assert "Disallow: /phan-anh-to-giac/" in client.get("/robots.txt").content.decode()


@pytest.mark.django_db
def test_done_when_scenario(client, officer, fraud):
    """A citizen files an anonymous tip with a geotagged photo, an officer asks a question,
    the citizen answers with code + PIN, the statistics page counts it."""
    ward = next(w for w in places.get_province(1).wards if w.name == "Phường Hoàn Kiếm")
    response = client.post(
        "/phan-anh-to-giac/",
        {
            "category": "lua-dao-qua-mang",
            "description": "Có trang web giả mạo cổng dịch vụ công để lấy cắp thông tin cá nhân.",
            "occurred_unknown": "on",
            "province": "1",
            "ward": str(ward.code),
            "files": [SimpleUploadedFile("gps.jpg", jpeg_with_gps())],
        },
    )
    html = response.content.decode()
    code = re.search(r"Mã phản ánh: <code>([0-9A-Z-]+)</code>", html).group(1)
    pin = re.search(r"Mã PIN: <code>(\d+)</code>", html).group(1)
    report = Report.objects.get()
    assert b"PhoneMaker" not in report.attachments.get().file.read()

    client.force_login(officer)
    url = f"/admin/phan-anh/{report.pk}/"
    client.post(url, {"action": "status", "status": "verifying"})
    client.post(url, {"action": "message", "msg-body": "Bạn có còn lưu địa chỉ trang web không?"})
    client.logout()

    page = client.post("/phan-anh-to-giac/theo-doi/", {"code": code, "pin": pin}).content.decode()
    assert "Đang xác minh" in page and "Bạn có còn lưu địa chỉ trang web không?" in page
    client.post(
        "/phan-anh-to-giac/theo-doi/",
        {"code": code, "pin": pin, "action": "reply", "body": "Địa chỉ là dichvucong-gia.example"},
    )
    assert report.messages.filter(kind="citizen", body__contains="dichvucong-gia").exists()

    # The public sees no open month (nor a count of 1); the officers' statistics count the tip.
    this_month = timezone.localdate().strftime("%Y-%m")
    assert client.get("/phan-anh-to-giac/thong-ke/", {"ky": this_month}).status_code == 400
    client.force_login(officer)
    stats_page = client.get("/admin/phan-anh/thong-ke/", {"ky": "thang-nay"})
    assert re.search(r'data-key="toi-pham-hinh-su">1<', stats_page.content.decode())
    client.logout()
