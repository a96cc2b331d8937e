import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import groups, services
from reports.models import Report, ReportEvent, ReportMessage, Unit
from tests.reports.conftest import jpeg_with_gps


def _denied(response) -> bool:
    """Wagtail answers PermissionDenied in admin views by redirecting to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def news_editor(db):
    user = User.objects.create_user("bientap", password="x")
    group, _ = Group.objects.get_or_create(name="Biên tập viên tin tức")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_officer_sees_queue_with_filters(client, officer, make_report, fraud):
    make_report()
    make_report(
        category=fraud, description="Lừa đảo qua mạng: giả danh nhân viên ngân hàng gọi điện.", channel="hotline"
    )
    _login(client, officer)
    response = client.get("/admin/phan-anh/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2
    filtered = client.get("/admin/phan-anh/", {"channel": "hotline"})
    assert [r.channel for r in filtered.context["page_obj"]] == ["hotline"]
    by_top = client.get("/admin/phan-anh/", {"category": "toi-pham-hinh-su"})
    assert by_top.context["page_obj"].paginator.count == 2
    by_sub = client.get("/admin/phan-anh/", {"category": "lua-dao-qua-mang", "status": "new"})
    assert by_sub.context["page_obj"].paginator.count == 1
    menu = client.get("/admin/").content.decode()
    assert "/admin/phan-anh/ghi-nhan/" in menu


@pytest.mark.django_db
def test_news_editor_sees_nothing(client, news_editor, make_report):
    report = make_report().report
    _login(client, news_editor)
    assert _denied(client.get("/admin/phan-anh/"))
    assert _denied(client.get(f"/admin/phan-anh/{report.pk}/"))
    assert _denied(client.get("/admin/phan-anh/thong-ke/"))
    assert _denied(client.get("/admin/phan-anh/ghi-nhan/"))
    assert "/admin/phan-anh/" not in client.get("/admin/").content.decode()
    assert not ReportEvent.objects.filter(action="view").exists()


@pytest.mark.django_db
def test_view_and_every_change_is_audited(client, officer, make_report):
    report = make_report().report
    unit = Unit.objects.create(name="Công an phường Hoàn Kiếm", kind=Unit.Kind.WARD_POLICE)
    other = make_report(description="Một phản ánh khác về cùng tụ điểm đánh bạc ở đầu ngõ.").report
    _login(client, officer)
    url = f"/admin/phan-anh/{report.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "status", "status": "accepted"}).status_code == 302
    assert client.post(url, {"action": "forward", "unit": unit.pk}).status_code == 302
    assert client.post(url, {"action": "note", "body": "Đã liên hệ tổ dân phố"}).status_code == 302
    assert (
        client.post(url, {"action": "msg-body" and "message", "msg-body": "Bạn có nhớ giờ nào không?"}).status_code
        == 302
    )
    assert client.post(url, {"action": "duplicate", "original": other.code}).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.FORWARDED and report.unit == unit and report.duplicate_of == other
    assert ReportMessage.objects.filter(report=report, kind="officer", author=officer).exists()
    actions = list(ReportEvent.objects.filter(report=report, user=officer).values_list("action", flat=True))
    assert set(actions) == {"view", "status", "forward", "note", "message", "duplicate"}
    status_event = ReportEvent.objects.get(report=report, action="status")
    assert status_event.username == "canbo" and "Mới → Đã tiếp nhận" in status_event.detail
    page = client.get(url).content.decode()
    assert "Nhật ký xử lý" in page and "Đổi trạng thái" in page


@pytest.mark.django_db
def test_resolving_sets_closed_at(officer, make_report):
    report = make_report().report
    services.report_set_status(report=report, status=Report.Status.RESOLVED, user=officer)
    assert report.closed_at is not None
    services.report_set_status(report=report, status=Report.Status.VERIFYING, user=officer)
    assert report.closed_at is None


@pytest.mark.django_db
def test_audit_log_cannot_be_changed_by_an_officer(client, officer, make_report):
    report = make_report().report
    _login(client, officer)
    client.get(f"/admin/phan-anh/{report.pk}/")
    event = ReportEvent.objects.get(report=report, action="view")
    assert not officer.has_perm("reports.change_reportevent")
    assert not officer.has_perm("reports.delete_reportevent")
    assert not Permission.objects.filter(codename__in=["change_reportevent", "delete_reportevent"]).exists()
    for url in (
        f"/admin/snippets/reports/reportevent/edit/{event.pk}/",
        f"/django-admin/reports/reportevent/{event.pk}/change/",
    ):
        response = client.post(url, {"detail": "sửa"})
        assert response.status_code in {302, 403, 404}
    event.detail = "sửa"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert ReportEvent.objects.get(pk=event.pk).detail == ""


@pytest.mark.django_db
def test_identity_needs_its_own_permission_and_is_logged(client, officer, make_report):
    report = make_report(name="Trần Thị B", phone="0987654321").report
    _login(client, officer)
    page = client.get(f"/admin/phan-anh/{report.pk}/?danh-tinh=1").content.decode()
    assert "Trần Thị B" not in page and "0987654321" not in page
    assert "không có quyền xem" in page
    assert not ReportEvent.objects.filter(action="view_identity").exists()

    officer.groups.add(Group.objects.get(name=groups.IDENTITY_GROUP))
    officer = User.objects.get(pk=officer.pk)
    _login(client, officer)
    page = client.get(f"/admin/phan-anh/{report.pk}/").content.decode()
    assert "Trần Thị B" not in page and "Xem thông tin người phản ánh" in page
    page = client.get(f"/admin/phan-anh/{report.pk}/?danh-tinh=1").content.decode()
    assert "Trần Thị B" in page and "0987654321" in page
    assert ReportEvent.objects.filter(report=report, action="view_identity", user=officer).count() == 1


@pytest.mark.django_db
def test_attachment_only_through_checked_view(client, officer, news_editor, crime):
    from cms import uploads

    cleaned = uploads.clean_upload(SimpleUploadedFile("a.jpg", jpeg_with_gps()), uploads.EVIDENCE)
    report = services.report_submit(
        category=crime, description="Ảnh chụp tụ điểm đánh bạc tại bãi đất trống.", files=[cleaned]
    ).report
    item = report.attachments.get()
    url = f"/admin/phan-anh/{report.pk}/tep/{item.pk}/"
    _login(client, news_editor)
    assert _denied(client.get(url))
    _login(client, officer)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8") and b"PhoneMaker" not in body
    assert "attachment" in response["Content-Disposition"]
    assert ReportEvent.objects.filter(report=report, action="download", user=officer).exists()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert client.get(f"/media/private/reports/{item.file.name}").status_code == 404
    assert client.get(f"/media/reports/{item.file.name}").status_code == 404


@pytest.mark.django_db
def test_officer_records_hotline_tip(client, officer, crime):
    _login(client, officer)
    response = client.post(
        "/admin/phan-anh/ghi-nhan/",
        {
            "channel": "hotline",
            "category": crime.pk,
            "description": "Người gọi đường dây nóng báo có đánh nhau trước quán bia.",
            "received_at": "2026-01-10T21:05",
            "occurred_at": "",
            "ward_code": "",
            "address": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    report = Report.objects.get()
    assert report.channel == "hotline" and report.received_at.year == 2026
    assert ReportEvent.objects.get(report=report, action="create").user == officer


@pytest.mark.django_db
def test_non_officer_cannot_post_changes(client, news_editor, make_report):
    report = make_report().report
    _login(client, news_editor)
    client.post(f"/admin/phan-anh/{report.pk}/", {"action": "status", "status": "resolved"})
    report.refresh_from_db()
    assert report.status == Report.Status.NEW


@pytest.mark.django_db
def test_recorded_tip_takes_province_from_ward(client, officer, crime):
    from cms import places

    ward = places.provinces()[0].wards[0]
    _login(client, officer)
    response = client.post(
        "/admin/phan-anh/ghi-nhan/",
        {
            "channel": "in_person",
            "category": crime.pk,
            "description": "Người dân đến trụ sở báo mất xe máy trước cổng chợ.",
            "received_at": "2026-01-10T09:30",
            "ward_code": str(ward.code),
            "name": "Nguyễn Văn A",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.ward_code, report.province_code) == (ward.code, ward.province_code)
    assert report.identity.name == "Nguyễn Văn A"


@pytest.mark.django_db
def test_officer_menu_lists_reports_screens(client):
    superuser = User.objects.create_superuser("quantri", password="x")
    _login(client, superuser)
    menu = client.get("/admin/").content.decode()
    for url in ("/admin/phan-anh/", "/admin/phan-anh/ghi-nhan/", "/admin/phan-anh/thong-ke/"):
        assert url in menu
