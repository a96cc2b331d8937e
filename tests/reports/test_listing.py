"""The tips' list on Wagtail's generic views: each filter narrows, search by code, export
without the reporter's identity (and logged), the inspect view, and who may open them."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from cms import places
from reports import groups, services
from reports.models import Report, ReportEvent

pytestmark = pytest.mark.django_db
LIST = "/admin/phan-anh/"


def _listed(client, **params) -> set[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {r.pk for r in response.context["page_obj"]}


@pytest.fixture
def tips(make_report, fraud, officer):
    hanoi = places.get_province(1)
    now = timezone.now()
    made = {
        "new": make_report(name="Nguyễn Văn A", phone="0912345678").report,
        "fraud": make_report(
            category=fraud,
            description="Lừa đảo qua mạng: giả danh nhân viên ngân hàng gọi điện.",
            channel=Report.Channel.HOTLINE,
            province_code=hanoi.code,
            ward_code=hanoi.wards[0].code,
        ).report,
        "old": make_report(received_at=now - timedelta(days=40)).report,
        "closed": make_report(received_at=now - timedelta(days=60)).report,
    }
    services.report_set_status(report=made["fraud"], status=Report.Status.ACCEPTED, user=officer)
    services.report_set_status(report=made["closed"], status=Report.Status.RESOLVED, user=officer)
    return made


def test_each_filter_narrows(client, officer, tips):
    client.force_login(officer)
    pk = {k: r.pk for k, r in tips.items()}
    today = timezone.localdate()
    assert _listed(client) == set(pk.values())
    assert _listed(client, status="accepted") == {pk["fraud"]}
    assert _listed(client, category="toi-pham-hinh-su") == set(pk.values())  # with sub-categories
    assert _listed(client, category="lua-dao-qua-mang") == {pk["fraud"]}
    assert _listed(client, channel="hotline") == {pk["fraud"]}
    assert _listed(client, ward=tips["fraud"].ward_code) == {pk["fraud"]}
    assert _listed(client, han="qua-han") == {pk["old"]}  # open and past its period; closed ones are not
    assert _listed(client, cua_toi="on") == {pk["fraud"]}  # handled (status changed) and still open
    assert _listed(client, tu=(today - timedelta(days=1)).isoformat()) == {pk["new"], pk["fraud"]}
    assert _listed(client, den=(today - timedelta(days=30)).isoformat()) == {pk["old"], pk["closed"]}
    assert _listed(client, q=tips["new"].code.lower()) == {pk["new"]}
    assert _listed(client, channel="hotline", status="new") == set()


def test_due_soon_filter(client, officer, make_report, settings):
    settings.REPORTS_DUE_WORKING_DAYS = 3
    now = timezone.now()
    from reports.selectors import working_days_before

    due_soon = make_report(received_at=working_days_before(now, 3) + timedelta(hours=1)).report
    make_report()
    client.force_login(officer)
    assert _listed(client, han="sap-den-han") == {due_soon.pk}


def test_dashboard_links_keep_their_filters(client, officer, tips):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    for query, expected in (("status=new", {"new", "old"}), ("han=qua-han", {"old"}), ("cua_toi=on", {"fraud"})):
        assert f'href="{LIST}?{query}"' in html
        listed = {r.pk for r in client.get(f"{LIST}?{query}").context["page_obj"]}
        assert listed == {tips[k].pk for k in expected}, query


def test_listing_marks_overdue_and_hides_identity(client, identity_officer, tips):
    client.force_login(identity_officer)
    html = client.get(LIST).content.decode()
    assert tips["old"].code in html and "– Quá hạn" in html
    assert f'href="/admin/phan-anh/inspect/{tips["new"].pk}/"' in html
    assert f'href="/admin/phan-anh/{tips["new"].pk}/"' in html  # triage
    assert "Nguyễn Văn A" not in html and "0912345678" not in html
    assert "/admin/phan-anh/ghi-nhan/" in html


def test_csv_export_is_vietnamese_without_identity_and_logged(client, officer, tips):
    client.force_login(officer)
    response = client.get(LIST, {"export": "csv", "channel": "web"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:4] == ["Mã phản ánh", "Thời điểm tiếp nhận", "Lĩnh vực", "Kênh"]
    assert "Trạng thái" in rows[0] and "Đơn vị xử lý" in rows[0]
    assert {r[0] for r in rows[1:]} == {tips["new"].code, tips["old"].code, tips["closed"].code}
    overdue = {r[0]: r[rows[0].index("Quá hạn")] for r in rows[1:]}
    assert overdue[tips["old"].code] == "Có" and overdue[tips["new"].code] == ""
    assert "Nguyễn Văn A" not in body and "0912345678" not in body
    assert "Họ và tên" not in rows[0] and "Số điện thoại" not in rows[0]
    event = ReportEvent.objects.get(action=ReportEvent.Action.EXPORT)
    assert event.user == officer and event.detail.startswith("csv")


def test_inspect_shows_tip_files_and_log(client, officer, tips):
    report = tips["fraud"]
    client.force_login(officer)
    response = client.get(f"/admin/phan-anh/inspect/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert report.code in html and "giả danh nhân viên ngân hàng" in html
    assert places.get_province(1).wards[0].name in html
    assert "Nhật ký xử lý" in html and "Mới → Đã tiếp nhận" in html
    assert f'href="/admin/phan-anh/{report.pk}/"' in html  # triage steps
    assert "Nguyễn Văn A" not in html
    assert ReportEvent.objects.filter(report=report, action="view", user=officer).exists()


def test_generic_create_edit_delete_are_closed(client, officer, tips):
    report = tips["new"]
    client.force_login(officer)
    for url in ("/admin/phan-anh/new/", f"/admin/phan-anh/edit/{report.pk}/", f"/admin/phan-anh/delete/{report.pk}/"):
        response = client.post(url, {"description": "Sửa"})
        assert response.status_code in (302, 403), url
    assert Report.objects.filter(pk=report.pk, description=report.description).exists()


def test_editor_and_service_officer_see_no_tips(client, tips):
    from tests import utils

    editor = User.objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    service_officer = utils.make_officer("hoso")
    assert Group.objects.filter(name=groups.OFFICER_GROUP).exists()
    for user in (editor, service_officer):
        client.force_login(user)
        for url in (LIST, f"{LIST}?export=csv", f"/admin/phan-anh/inspect/{tips['new'].pk}/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert tips["new"].code not in response.content.decode()
        assert 'href="/admin/phan-anh/"' not in client.get("/admin/").content.decode()
    assert not ReportEvent.objects.filter(action__in=["view", "export"]).exists()
