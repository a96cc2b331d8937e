"""`manage.py purge` and the retention rules, with time frozen by passing `now` (or by patching
`timezone.now` for the command)."""

import io
import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cms import retention, uploads
from cms.storage import PrivateStorage
from reports import services as report_services
from reports.models import Report, ReportAttachment, ReporterIdentity, ReportEvent
from services.models import Application, ApplicationEvent, ApplicationFile, Status
from services.services import application_submit
from tests import utils
from tests.cms.isolated import files_under, isolated_storages
from tests.reports.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db

NOW = timezone.now() + timedelta(days=3650)  # frozen "today", ten years after the data was made


@pytest.fixture
def storages(tmp_path, settings):
    with isolated_storages(tmp_path, settings) as roots:
        yield roots


@pytest.fixture
def procedure(home):
    return utils.make_procedure(utils.make_procedure_index(home))


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks as a real commit would (files moved into place or deleted)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


def pdf(name="to-khai.pdf"):
    return uploads.clean_upload(SimpleUploadedFile(name, utils.PDF_BYTES))


def dossier(procedure, commit, *, status: int, ended: timezone.datetime) -> Application:
    """A dossier with one file whose last status change (to `status`) happened at `ended`."""
    with commit():
        application, _ = application_submit(
            procedure=procedure,
            applicant_name="Nguyễn Thị Hoa",
            applicant_phone="0912345678",
            data={},
            attachments=[(procedure.components.first(), pdf())],
        )
    Application.objects.filter(pk=application.pk).update(status=status)
    ApplicationEvent.objects.create(application=application, from_status=Status.NEW, to_status=status)
    ApplicationEvent.objects.filter(application=application).update(created_at=ended)
    return application


def tip(commit, category, *, status: str | None, closed: timezone.datetime | None) -> Report:
    photo = uploads.clean_upload(SimpleUploadedFile("a.jpg", jpeg_with_gps()), uploads.EVIDENCE)
    with commit():
        report = report_services.report_submit(
            category=category, description="Có người lạ tụ tập đánh bạc ở đầu ngõ.", files=[photo], name="Trần An"
        ).report
    if status:
        Report.objects.filter(pk=report.pk).update(status=status, closed_at=closed)
    return report


def file_path(record) -> str:
    return record.file.path


def test_core_and_app_rules_are_registered_with_settings():
    names = [rule.name for rule in retention.rules()]
    for name in ("sessions", "upload_parts", "services", "services_rejected", "reports", "reports_unfounded"):
        assert name in names
    for rule in retention.rules():
        assert isinstance(rule.period, int), rule.settings_name
        assert rule.label_vi and rule.help_vi


def test_register_replaces_a_rule_of_the_same_name():
    calls = []
    rule = retention.RetentionRule(
        name="thu-nghiem",
        label_vi="Thử nghiệm",
        help_vi="Chỉ dùng trong kiểm thử.",
        settings_name="RECEIPTS_RETENTION_MINUTES",
        count=lambda now: 7,
        purge=lambda now: calls.append(now) or 7,
    )
    try:
        retention.register(rule)
        retention.register(rule)
        assert [r.name for r in retention.rules()].count("thu-nghiem") == 1
        out = io.StringIO()
        call_command("purge", "--only", "thu-nghiem", stdout=out)
        assert "Thử nghiệm" in out.getvalue() and "30 phút" in out.getvalue() and not calls
        out = io.StringIO()
        call_command("purge", "--only", "thu-nghiem", verbosity=2, stdout=out)
        assert "Chỉ dùng trong kiểm thử. (RECEIPTS_RETENTION_MINUTES)" in out.getvalue()
        call_command("purge", "--only", "thu-nghiem", "--yes", stdout=io.StringIO())
        assert len(calls) == 1
    finally:
        retention.unregister("thu-nghiem")


def test_dossiers_expire_with_their_files_open_and_fresh_ones_stay(procedure, storages, commit, frozen, settings):
    days, rejected_days = settings.SERVICES_RETENTION_DAYS, settings.REJECTED_RETENTION_DAYS
    old_done = dossier(procedure, commit, status=Status.RETURNED, ended=NOW - timedelta(days=days + 1))
    old_stopped = dossier(procedure, commit, status=Status.STOPPED, ended=NOW - timedelta(days=days + 1))
    fresh_done = dossier(procedure, commit, status=Status.DONE, ended=NOW - timedelta(days=days - 1))
    old_open = dossier(procedure, commit, status=Status.PROCESSING, ended=NOW - timedelta(days=days * 3))
    old_rejected = dossier(procedure, commit, status=Status.REJECTED, ended=NOW - timedelta(days=rejected_days + 1))
    fresh_rejected = dossier(procedure, commit, status=Status.REJECTED, ended=NOW - timedelta(days=rejected_days - 1))
    gone, kept = [old_done, old_stopped, old_rejected], [fresh_done, old_open, fresh_rejected]
    gone_files = [file_path(ApplicationFile.objects.get(application=a)) for a in gone]
    kept_files = [file_path(ApplicationFile.objects.get(application=a)) for a in kept]
    assert all(os.path.isfile(p) for p in gone_files + kept_files)
    assert retention.get("services").count(NOW) == 2
    assert retention.get("services_rejected").count(NOW) == 1

    out = io.StringIO()
    call_command("purge", stdout=out)
    text = out.getvalue()
    assert "Hồ sơ dịch vụ công đã kết thúc" in text and "Sẽ xoá" in text and "Chạy thử" in text
    assert Application.objects.count() == 6
    assert all(os.path.isfile(p) for p in gone_files)

    with commit():
        call_command("purge", "--yes", stdout=io.StringIO())
    assert set(Application.objects.values_list("pk", flat=True)) == {a.pk for a in kept}
    assert not ApplicationFile.objects.filter(application_id__in=[a.pk for a in gone]).exists()
    assert not ApplicationEvent.objects.filter(application_id__in=[a.pk for a in gone]).exists()
    assert not any(os.path.exists(p) for p in gone_files)
    assert all(os.path.isfile(p) for p in kept_files)

    with commit():
        assert retention.get("services").purge(NOW) == 0
        assert retention.get("services_rejected").purge(NOW) == 0
    assert Application.objects.count() == 3


def test_tips_expire_by_their_outcome(storages, commit, settings):
    from reports.models import ReportCategory

    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    days, rejected_days = settings.REPORTS_RETENTION_DAYS, settings.REJECTED_RETENTION_DAYS
    resolved_old = tip(commit, crime, status=Report.Status.RESOLVED, closed=NOW - timedelta(days=days + 1))
    resolved_fresh = tip(commit, crime, status=Report.Status.RESOLVED, closed=NOW - timedelta(days=days - 1))
    unfounded_old = tip(commit, crime, status=Report.Status.UNFOUNDED, closed=NOW - timedelta(days=rejected_days + 1))
    unfounded_fresh = tip(commit, crime, status=Report.Status.UNFOUNDED, closed=NOW - timedelta(days=rejected_days - 1))
    open_tip = tip(commit, crime, status=None, closed=None)
    Report.objects.filter(pk=open_tip.pk).update(received_at=NOW - timedelta(days=days * 2))
    paths = {r.pk: file_path(ReportAttachment.objects.get(report=r)) for r in Report.objects.all()}

    assert retention.get("reports").count(NOW) == 1
    assert retention.get("reports_unfounded").count(NOW) == 1
    assert Report.objects.count() == 5
    with commit():
        assert retention.get("reports").purge(NOW) == 1
        assert retention.get("reports_unfounded").purge(NOW) == 1
    kept = {resolved_fresh.pk, unfounded_fresh.pk, open_tip.pk}
    assert set(Report.objects.values_list("pk", flat=True)) == kept
    assert set(ReporterIdentity.objects.values_list("report_id", flat=True)) == kept
    for pk, path in paths.items():
        assert os.path.isfile(path) == (pk in kept)
    assert ReportEvent.objects.filter(report_code=resolved_old.code, action="purge").exists()
    assert ReportEvent.objects.filter(report_code=unfounded_old.code, action="purge").exists()
    with commit():
        assert retention.get("reports").purge(NOW) == 0
        assert retention.get("reports_unfounded").purge(NOW) == 0


def test_rolled_back_purge_keeps_rows_and_files(procedure, storages, commit):
    from reports.models import ReportCategory

    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    report = tip(commit, crime, status=Report.Status.RESOLVED, closed=NOW - timedelta(days=4000))
    application = dossier(procedure, commit, status=Status.RETURNED, ended=NOW - timedelta(days=4000))
    paths = [
        file_path(ReportAttachment.objects.get(report=report)),
        file_path(ApplicationFile.objects.get(application=application)),
    ]
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        assert retention.get("reports").purge(NOW) == 1
        assert retention.get("services").purge(NOW) == 1
        raise RuntimeError("mất điện giữa chừng")
    assert Report.objects.filter(pk=report.pk).exists()
    assert ApplicationFile.objects.filter(application=application).exists()
    assert all(os.path.isfile(p) for p in paths)


def test_expired_sessions_go_live_ones_stay():
    from django.contrib.sessions.backends.db import SessionStore

    for key, expires in (("cu", NOW - timedelta(seconds=1)), ("moi", NOW + timedelta(hours=1))):
        store = SessionStore(session_key=None)
        store["x"] = key
        store.create()
        Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    rule = retention.get("sessions")
    assert rule.count(NOW) == 1
    assert rule.purge(NOW) == 1
    assert rule.purge(NOW) == 0
    assert Session.objects.count() == 1


def test_stale_temporary_uploads_are_removed_or_moved(procedure, storages, commit):
    _media, private = storages
    with commit():
        application, _ = application_submit(
            procedure=procedure,
            applicant_name="Nguyễn Thị Hoa",
            applicant_phone="0912345678",
            data={},
            attachments=[(procedure.components.first(), pdf())],
        )
    record = ApplicationFile.objects.get(application=application)
    final = record.file.path
    # A crash between the commit and the rename: the row exists, its file is still a temporary.
    committed_part = f"{final}.part-{'a' * 32}"
    os.replace(final, committed_part)
    abandoned = private / "ho-so" / "2020" / "01" / f"x.pdf.part-{'b' * 32}"
    fresh = private / "ho-so" / "2020" / "01" / f"y.pdf.part-{'c' * 32}"
    abandoned.parent.mkdir(parents=True)
    for path in (abandoned, fresh):
        path.write_bytes(b"%PDF-1.4 partial")
    hour_ago = (timezone.now() - timedelta(hours=2)).timestamp()
    os.utime(abandoned, (hour_ago, hour_ago))
    os.utime(committed_part, (hour_ago, hour_ago))

    rule = retention.get("upload_parts")
    assert rule.count(timezone.now()) == 2
    assert rule.purge(timezone.now()) == 2
    assert not abandoned.exists()
    assert fresh.exists()  # may belong to a transaction still running
    assert os.path.isfile(final) and not os.path.exists(committed_part)
    assert rule.purge(timezone.now()) == 0
    assert f"ho-so/2020/01/y.pdf.part-{'c' * 32}" in files_under(private)


def test_private_storage_refuses_public_urls():
    with pytest.raises(ValueError):
        PrivateStorage(location="/tmp").url("a.pdf")
