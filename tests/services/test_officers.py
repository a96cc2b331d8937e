"""Officers' screens: permissions, queue filters, transitions with notes, results, report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from services.models import Application, ApplicationFile, Status
from services.services import application_submit, application_transition
from tests.utils import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(procedure):
    application, _ = application_submit(
        procedure=procedure, applicant_name="Đỗ Minh Quân", applicant_phone="0912345678", data={}, attachments=[]
    )
    return application


@pytest.fixture
def news_editor(django_user_model):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Biên tập viên")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("bientap", password="x")
    user.groups.add(group)
    return user


def test_news_editor_sees_no_dossiers(client, news_editor, dossier):
    client.force_login(news_editor)
    for url in ("/admin/ho-so/", f"/admin/ho-so/{dossier.pk}/", "/admin/ho-so/bao-cao/"):
        response = client.get(url)
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
        assert response.status_code in (302, 403)
        assert dossier.code not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    response = client.post(f"/admin/ho-so/{dossier.pk}/", {"action": "transition", "to_status": Status.RECEIVED})
    assert response.status_code in (302, 403)
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW
    assert "/admin/ho-so/" not in client.get("/admin/").content.decode()  # no menu entry


def test_anonymous_is_sent_to_login(client, dossier):
    response = client.get("/admin/ho-so/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_officer_queue_lists_and_filters(client, officer, dossier, procedure):
    client.force_login(officer)
    response = client.get("/admin/ho-so/")
    assert response.status_code == 200
    assert dossier.display_code in response.content.decode()
    assert "/admin/ho-so/" in client.get("/admin/").content.decode()  # menu entry
    assert dossier.display_code not in client.get("/admin/ho-so/", {"status": Status.DONE}).content.decode()
    assert dossier.display_code not in client.get("/admin/ho-so/", {"mine": "on"}).content.decode()
    assert dossier.display_code in client.get("/admin/ho-so/", {"procedure": procedure.pk}).content.decode()
    assert dossier.display_code not in client.get("/admin/ho-so/", {"overdue": "on"}).content.decode()
    Application.objects.filter(pk=dossier.pk).update(receipt_due_at=timezone.now() - timezone.timedelta(hours=1))
    overdue = client.get("/admin/ho-so/", {"overdue": "on"}).content.decode()
    assert dossier.display_code in overdue
    assert "Quá hạn" in overdue


def test_officer_processes_to_returned_with_log(client, officer, dossier):
    client.force_login(officer)
    url = f"/admin/ho-so/{dossier.pk}/"
    assert client.post(url, {"action": "assign", "assignee": officer.pk}).status_code == 302
    assert dossier.display_code in client.get("/admin/ho-so/", {"mine": "on"}).content.decode()
    for status in (Status.RECEIVED, Status.PROCESSING, Status.DONE):
        response = client.post(
            url, {"action": "transition", "to_status": status, "note": f"Bước {status}", "public": "on"}
        )
        assert response.status_code == 302
    client.post(
        url,
        {"action": "result", "files": [SimpleUploadedFile("ket-qua.pdf", PDF_BYTES, content_type="application/pdf")]},
    )
    client.post(url, {"action": "transition", "to_status": Status.RETURNED, "note": "Đã trả", "public": "on"})
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert dossier.assigned_to == officer
    assert dossier.timeliness
    assert dossier.files.filter(kind=ApplicationFile.Kind.RESULT).count() == 1
    statuses = [e.to_status for e in dossier.events.order_by("pk") if e.to_status]
    assert statuses == [Status.NEW, Status.RECEIVED, Status.PROCESSING, Status.DONE, Status.RETURNED]
    log = client.get(url).content.decode()
    assert "Bước 4" in log and "Giao hồ sơ cho" in log


def test_illegal_transition_from_admin_is_refused_with_message(client, officer, dossier):
    client.force_login(officer)
    response = client.post(
        f"/admin/ho-so/{dossier.pk}/", {"action": "transition", "to_status": Status.DONE, "note": "x"}, follow=True
    )
    assert "Vui lòng kiểm tra" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW
    assert dossier.events.count() == 1


def test_statistics_public_page_and_admin_report(client, officer, dossier, catalogue):
    for status in (Status.RECEIVED, Status.PROCESSING, Status.DONE):
        application_transition(application=dossier, to_status=status, actor=officer)
    Application.objects.filter(pk=dossier.pk).update(rating=4)
    public = client.get(catalogue.url + "thong-ke/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Đăng ký tạm trú" in html
    assert "4/5" in html
    assert "Đỗ Minh Quân" not in html
    client.force_login(officer)
    report = client.get("/admin/ho-so/bao-cao/")
    assert report.status_code == 200
    assert "Đăng ký tạm trú" in report.content.decode()


def test_statistics_counts(officer, procedure):
    from services import selectors

    def new():
        return application_submit(
            procedure=procedure, applicant_name="A", applicant_phone="0912345678", data={}, attachments=[]
        )[0]

    done, late, waiting = new(), new(), new()
    for a in (done, late):
        for status in (Status.RECEIVED, Status.PROCESSING, Status.DONE):
            application_transition(application=a, to_status=status, actor=officer)
    Application.objects.filter(pk=late.pk).update(timeliness="late", rating=2)
    Application.objects.filter(pk=done.pk).update(rating=5)
    (row,) = selectors.statistics_rows()
    assert (row["submitted"], row["received"], row["completed"], row["late"]) == (3, 2, 2, 1)
    assert row["early"] + row["on_time"] == 1
    assert row["average_rating"] == 3.5
    assert waiting.status == Status.NEW


def test_officer_detail_shows_submitted_answers(client, officer, procedure):
    from tests.services.test_apply import WARD, apply_url, valid_data

    citizen = client.__class__()
    citizen.post(apply_url(procedure), valid_data(procedure))
    application = Application.objects.get()
    client.force_login(officer)
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "001090012345" in html
    assert WARD.name in html
    assert "Tờ khai CT01" in html
    assert f"/ho-so/tep/{application.files.get().pk}/" in html


def test_result_without_file_is_refused(client, officer, dossier):
    client.force_login(officer)
    response = client.post(f"/admin/ho-so/{dossier.pk}/", {"action": "result"})
    assert response.status_code == 200
    assert "Vui lòng chọn ít nhất một tệp." in response.content.decode()
    assert not dossier.files.exists()
