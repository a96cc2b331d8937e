"""The dossiers' list on Wagtail's generic views: each filter narrows, search, export with
Vietnamese headings, the inspect view, and who may open them."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from services import selectors
from services.models import Application, EmailStatus, Status
from services.services import application_assign, application_submit, application_transition
from tests import utils

pytestmark = pytest.mark.django_db
LIST = "/admin/ho-so/"


def _submit(procedure, name="Đỗ Minh Quân", phone="0912345678", **kwargs):
    return application_submit(
        procedure=procedure, applicant_name=name, applicant_phone=phone, data={}, attachments=[], **kwargs
    )[0]


@pytest.fixture
def other_procedure(catalogue):
    return utils.make_procedure(catalogue, title="Cấp lại căn cước", code="CCCD-02")


def _listed(client, **params) -> set[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {a.pk for a in response.context["page_obj"]}


def test_each_filter_narrows(client, officer, procedure, other_procedure):
    new = _submit(procedure)
    mine = _submit(procedure, name="Lê Thị Hoa", phone="0987654321")
    application_transition(application=mine, to_status=Status.RECEIVED, actor=officer)
    application_assign(application=mine, assignee=officer, actor=officer)
    other = _submit(other_procedure, channel="api")
    late, soon = _submit(procedure), _submit(procedure)
    now = timezone.now()
    Application.objects.update(
        receipt_due_at=now + timezone.timedelta(days=10), due_at=now + timezone.timedelta(days=10)
    )
    Application.objects.filter(pk=late.pk).update(receipt_due_at=now - timezone.timedelta(hours=1))
    Application.objects.filter(pk=soon.pk).update(receipt_due_at=now + timezone.timedelta(minutes=30))
    closed = _submit(procedure)
    Application.objects.filter(pk=closed.pk).update(status=Status.REJECTED, email_status=EmailStatus.FAILED)
    everything = {new.pk, mine.pk, other.pk, late.pk, soon.pk, closed.pk}
    client.force_login(officer)

    assert _listed(client) == everything
    assert _listed(client, status=Status.RECEIVED) == {mine.pk}
    assert _listed(client, procedure=other_procedure.pk) == {other.pk}
    assert _listed(client, channel="api") == {other.pk}
    assert _listed(client, overdue="on") == {late.pk}
    assert _listed(client, due_soon="on") == {soon.pk}
    assert _listed(client, mine="on") == {mine.pk}
    assert _listed(client, open_only="on") == everything - {closed.pk}
    assert _listed(client, email_failed="on") == {closed.pk}
    assert _listed(client, overdue="on", procedure=other_procedure.pk) == set()
    # search: the code typed any way, a part of the name (Vietnamese), the phone
    assert _listed(client, q=mine.display_code.lower().replace("-", " ")) == {mine.pk}
    assert _listed(client, q="Thị Hoa") == {mine.pk}
    assert _listed(client, q="+84 987 654 321") == {mine.pk}


def test_dashboard_counts_match_the_lists_they_link_to(client, officer, procedure):
    _submit(procedure)
    late = _submit(procedure)
    Application.objects.filter(pk=late.pk).update(receipt_due_at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(officer)
    counts = selectors.officer_counts(user=officer)
    html = client.get("/admin/").content.decode()
    for key, query in (("new", f"status={Status.NEW}"), ("overdue", "overdue=on"), ("due_soon", "due_soon=on")):
        assert f'href="{LIST}?{query}"' in html
        assert client.get(f"{LIST}?{query}").context["page_obj"].paginator.count == counts[key], key


def test_listing_marks_overdue_and_links_to_inspect_and_steps(client, officer, procedure):
    late = _submit(procedure)
    Application.objects.filter(pk=late.pk).update(receipt_due_at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(officer)
    html = client.get(LIST).content.decode()
    assert late.display_code in html and "– Quá hạn" in html
    assert f'href="/admin/ho-so/inspect/{late.pk}/"' in html
    assert f'href="/admin/ho-so/{late.pk}/"' in html
    assert "/admin/ho-so/new/" not in html and f"/admin/ho-so/edit/{late.pk}/" not in html


def test_csv_export_has_vietnamese_headings_and_the_filtered_rows(client, officer, procedure):
    kept = _submit(procedure, name="Nguyễn Thị Ánh")
    dropped = _submit(procedure)
    Application.objects.filter(pk=dropped.pk).update(status=Status.REJECTED)
    client.force_login(officer)
    response = client.get(LIST, {"export": "csv", "status": Status.NEW})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ho-so-truc-tuyen.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows[0][:4] == ["Mã hồ sơ", "Mã thủ tục", "Thủ tục", "Trạng thái"]
    assert "Quá hạn" in rows[0] and "Người nộp" in rows[0]
    assert [r[0] for r in rows[1:]] == [kept.display_code]
    assert rows[1][3] == "Mới đăng ký" and "Nguyễn Thị Ánh" in rows[1]
    submitted = rows[1][rows[0].index("Thời điểm nộp")]
    assert submitted == timezone.localtime(kept.submitted_at).strftime("%H:%M %d/%m/%Y")
    xlsx = client.get(LIST, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_inspect_shows_record_files_and_history(client, officer, procedure):
    from tests.services.test_apply import WARD, apply_url, valid_data

    client.post(apply_url(procedure), valid_data(procedure))
    application = Application.objects.get()
    application_transition(application=application, to_status=Status.RECEIVED, actor=officer, note="Hồ sơ đủ")
    client.force_login(officer)
    response = client.get(f"/admin/ho-so/inspect/{application.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert application.code in html and application.applicant_name in html
    assert "001090012345" in html and WARD.name in html  # the form's answers
    assert f'href="/ho-so/tep/{application.files.get().pk}/"' in html  # the checked download view
    assert "Nhật ký hồ sơ" in html and "Hồ sơ đủ" in html
    assert f'href="/admin/ho-so/{application.pk}/"' in html  # the steps screen
    assert f"/admin/ho-so/edit/{application.pk}/" not in html


def test_generic_create_edit_delete_are_closed(client, officer, procedure):
    application = _submit(procedure)
    client.force_login(officer)
    for url in ("/admin/ho-so/new/", f"/admin/ho-so/edit/{application.pk}/", f"/admin/ho-so/delete/{application.pk}/"):
        response = client.post(url, {"applicant_name": "Sửa"})
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
    assert Application.objects.get(pk=application.pk).applicant_name == "Đỗ Minh Quân"


def test_editor_and_tip_officer_see_no_dossiers(client, procedure, django_user_model):
    from reports import groups

    application = _submit(procedure)
    groups.ensure_groups()
    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    tip_officer = django_user_model.objects.create_user("tinbao", password="x")
    tip_officer.groups.add(Group.objects.get(name=groups.OFFICER_GROUP))
    for user in (editor, tip_officer):
        client.force_login(user)
        for url in (LIST, f"{LIST}?export=csv", f"/admin/ho-so/inspect/{application.pk}/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert application.code not in response.content.decode()
        assert 'href="/admin/ho-so/"' not in client.get("/admin/").content.decode()


def test_bulk_assign_to_me_and_receive(client, officer, procedure):
    first, second, closed = _submit(procedure), _submit(procedure), _submit(procedure)
    Application.objects.filter(pk=closed.pk).update(status=Status.REJECTED)
    client.force_login(officer)
    listing = client.get(LIST).content.decode()
    assert (
        'data-bulk-action-footer="SNIPPET"' in listing and "/admin/bulk/services/application/giao-cho-toi/" in listing
    )
    ids = f"id={first.pk}&id={second.pk}&id={closed.pk}"
    url = f"/admin/bulk/services/application/giao-cho-toi/?{ids}&next={LIST}"
    confirm = client.get(url).content.decode()
    assert first.display_code in confirm and "đã kết thúc" in confirm
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == LIST
    assert set(Application.objects.filter(assigned_to=officer).values_list("pk", flat=True)) == {first.pk, second.pk}
    assert first.events.filter(note__contains="Giao hồ sơ cho").exists()

    client.post(f"/admin/bulk/services/application/tiep-nhan/?{ids}&next={LIST}")
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {first.pk: Status.RECEIVED, second.pk: Status.RECEIVED, closed.pk: Status.REJECTED}
    assert first.events.filter(to_status=Status.RECEIVED, actor=officer).exists()


def test_bulk_actions_refused_without_the_permission(client, procedure, django_user_model):
    application = _submit(procedure)
    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    client.post(f"/admin/bulk/services/application/tiep-nhan/?id={application.pk}")
    client.post(f"/admin/bulk/services/application/giao-cho-toi/?id={application.pk}")
    application.refresh_from_db()
    assert application.status == Status.NEW and application.assigned_to is None
