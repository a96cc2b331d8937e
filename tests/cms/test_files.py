"""Files and rows agree: uploads appear only when their submission commits, and
`manage.py check_files` finds rows without files and files without rows."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms import storage, uploads
from reports import services as report_services
from reports.models import Report, ReportAttachment, ReportCategory, ReporterIdentity, ReportEvent
from services.models import Application, ApplicationEvent, ApplicationFile
from services.services import application_submit
from tests import utils
from tests.cms.isolated import files_under, isolated_storages
from tests.reports.conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def storages(tmp_path, settings):
    with isolated_storages(tmp_path, settings) as roots:
        yield roots


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def crime(db):
    return ReportCategory.objects.get(code="toi-pham-hinh-su")


@pytest.fixture
def procedure(home):
    return utils.make_procedure(utils.make_procedure_index(home))


def photo():
    return uploads.clean_upload(SimpleUploadedFile("ảnh hiện trường.jpg", jpeg_with_gps()), uploads.EVIDENCE)


def pdf():
    return uploads.clean_upload(SimpleUploadedFile("tờ khai.pdf", utils.PDF_BYTES))


def submit_tip(crime, **kwargs):
    return report_services.report_submit(
        category=crime, description="Nhóm thanh niên đua xe trái phép trên đường Láng.", name="Phạm Thu", **kwargs
    ).report


def submit_dossier(procedure, files):
    component = procedure.components.first()
    return application_submit(
        procedure=procedure,
        applicant_name="Nguyễn Thị Hoa",
        applicant_phone="0912345678",
        data={},
        attachments=[(component, f) for f in files],
    )[0]


def fail_on_save(monkeypatch, model):
    def broken(self, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(model, "save", broken)


def test_rolled_back_tip_leaves_no_rows_and_no_files(crime, storages, commit, monkeypatch):
    _media, private = storages
    fail_on_save(monkeypatch, ReportEvent)  # the audit line is written after the evidence files
    with commit(), pytest.raises(OperationalError):
        submit_tip(crime, files=[photo(), photo()])
    assert not Report.objects.exists()
    assert not ReporterIdentity.objects.exists()
    assert not ReportAttachment.objects.exists()
    # Nothing reached a final name; the two temporaries go as soon as the rollback is noticed.
    assert files_under(private) and all(".part-" in name for name in files_under(private))
    assert storage.discard_rolled_back() == 2
    assert files_under(private) == []


def test_rolled_back_dossier_leaves_no_rows_and_no_files(procedure, storages, commit, monkeypatch):
    _media, private = storages
    fail_on_save(monkeypatch, ApplicationEvent)
    with commit(), pytest.raises(OperationalError):
        submit_dossier(procedure, [pdf(), pdf()])
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists()
    assert all(".part-" in name for name in files_under(private))
    monkeypatch.undo()
    # The next upload in this thread removes the temporaries of the rolled-back one.
    with commit():
        application = submit_dossier(procedure, [pdf()])
    stored = ApplicationFile.objects.get(application=application)
    assert files_under(private) == [stored.file.name]
    assert stored.file.read() == utils.PDF_BYTES


def test_upload_is_moved_into_place_only_on_commit(crime, storages, commit):
    _media, private = storages
    with commit():
        with transaction.atomic():
            report = submit_tip(crime, files=[photo()])
            attachment = ReportAttachment.objects.get(report=report)
            final = os.path.join(private, "reports", attachment.file.name)
            # Before the commit: only a temporary on disk, yet readable under its final name.
            assert not os.path.exists(final)
            assert attachment.file.size == attachment.size
            with attachment.file.open("rb") as handle:
                assert handle.read(3) == b"\xff\xd8\xff"
    assert os.path.isfile(final)
    assert files_under(private) == [f"reports/{attachment.file.name}"]
    assert attachment.file.path == final


def test_rolled_back_outer_transaction_discards_the_upload(crime, storages, commit):
    _media, private = storages
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        submit_tip(crime, files=[photo()])
        raise RuntimeError("lỗi sau khi lưu")
    assert not Report.objects.exists()
    storage.discard_rolled_back()
    assert files_under(private) == []


def png_bytes() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (8, 6), (0, 90, 160)).save(out, "PNG")
    return out.getvalue()


def test_check_files_reports_and_removes_only_orphans(crime, procedure, storages, commit):
    media, private = storages
    with commit():
        kept = submit_tip(crime, files=[photo()])
        emptied = submit_tip(crime, files=[photo()])
        dossier = submit_dossier(procedure, [pdf()])
        image = Image.objects.create(title="Ảnh minh hoạ", file=ImageFile(io.BytesIO(png_bytes()), name="anh.png"))
    kept_path = ReportAttachment.objects.get(report=kept).file.path
    dossier_path = ApplicationFile.objects.get(application=dossier).file.path
    image_path = image.file.path
    lost = ReportAttachment.objects.get(report=emptied)
    os.remove(lost.file.path)
    orphan_private = private / "reports" / "2024" / "01" / "mo-coi.jpg"
    orphan_media = media / "original_images" / "khong-ai-dung.png"
    for path in (orphan_private, orphan_media):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (media / ".gitkeep").write_bytes(b"")

    out = io.StringIO()
    call_command("check_files", stdout=out)
    text = out.getvalue()
    assert f"Thiếu tệp: reports.ReportAttachment.file #{lost.pk}: {lost.file.name}" in text
    assert f"Tệp thừa: {orphan_private}" in text
    assert f"Tệp thừa: {orphan_media}" in text
    assert "Tổng: 1 bản ghi thiếu tệp, 2 tệp thừa hoặc tệp tạm." in text
    for path in (kept_path, dossier_path, image_path):
        assert path not in text
    assert orphan_private.exists() and orphan_media.exists()

    out = io.StringIO()
    call_command("check_files", "--yes", stdout=out)
    assert out.getvalue().count("→ đã xoá") == 2
    assert not orphan_private.exists() and not orphan_media.exists()
    assert (media / ".gitkeep").exists()
    assert all(os.path.isfile(p) for p in (kept_path, dossier_path, image_path))
    assert ReportAttachment.objects.filter(pk=lost.pk).exists()  # rows are never deleted

    out = io.StringIO()
    call_command("check_files", "--yes", stdout=out)
    assert "Tổng: 1 bản ghi thiếu tệp, 0 tệp thừa hoặc tệp tạm." in out.getvalue()


def test_check_files_finishes_an_interrupted_move_and_skips_fresh_temporaries(procedure, storages, commit):
    _media, private = storages
    with commit():
        dossier = submit_dossier(procedure, [pdf()])
    final = ApplicationFile.objects.get(application=dossier).file.path
    part = f"{final}.part-{'d' * 32}"
    os.replace(final, part)
    old = (timezone.now() - timedelta(hours=3)).timestamp()
    os.utime(part, (old, old))
    fresh = private / "ho-so" / f"dang-gui.pdf.part-{'e' * 32}"
    fresh.write_bytes(b"%PDF")

    out = io.StringIO()
    call_command("check_files", stdout=out)
    assert f"Tệp tạm chưa chuyển vào chỗ (bản ghi đã lưu): {part} → {final}" in out.getvalue()
    assert str(fresh) not in out.getvalue()
    call_command("check_files", "--yes", stdout=io.StringIO())
    assert os.path.isfile(final) and not os.path.exists(part) and fresh.exists()


@pytest.mark.parametrize("in_transaction", [True, False])
def test_a_write_that_fails_half_way_leaves_no_partial_file(tmp_path, in_transaction, transactional_db):
    """A full disk stops a write after its first chunk: nothing half-written stays behind."""
    import errno

    from django.core.files.base import File

    class HalfWritten(File):
        def chunks(self, chunk_size=None):
            yield b"x" * 1024
            raise OSError(errno.ENOSPC, "No space left on device")

    private = storage.PrivateStorage(location=tmp_path)
    with pytest.raises(OSError):
        if in_transaction:
            with transaction.atomic():
                private.save("ho-so/to-khai.pdf", HalfWritten(io.BytesIO(b"x"), name="to-khai.pdf"))
        else:
            private.save("ho-so/to-khai.pdf", HalfWritten(io.BytesIO(b"x"), name="to-khai.pdf"))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
