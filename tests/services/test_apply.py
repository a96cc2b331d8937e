"""Online application: form validation, files, receipt, double submit, rate limit, e-mail."""

import io
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cms import codes, places
from services.models import Application, ApplicationFile, EmailStatus, Status
from tests.utils import PDF_BYTES

pytestmark = pytest.mark.django_db

PROVINCE = places.provinces()[0]
WARD = PROVINCE.wards[0]
OTHER_WARD = places.provinces()[1].wards[0]


def valid_data(page, **overrides):
    component = page.components.first()
    data = {
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "applicant_email": "an@example.vn",
        "so_dinh_danh": "001090012345",
        "ngay_sinh": "15/03/1990",
        "noi_tam_tru_province": str(PROVINCE.code),
        "noi_tam_tru_ward": str(WARD.code),
        "dia_chi": "Số 5 ngõ 10 phố Hàng Bông",
        "quan_he": "Người thuê nhà",
        "consent": "on",
        "form_token": str(uuid.uuid4()),
        f"file_{component.pk}": SimpleUploadedFile("to-khai.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def apply_url(procedure):
    return procedure.url + "nop-ho-so/"


def test_form_renders_with_consent_purpose_and_fields(client, procedure):
    response = client.get(apply_url(procedure))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giải quyết thủ tục cư trú." in html
    assert 'name="so_dinh_danh"' in html
    assert 'name="noi_tam_tru_province"' in html
    assert f'name="file_{procedure.components.first().pk}"' in html
    assert 'name="website"' in html


def test_submit_creates_dossier_file_event_and_receipt(client, procedure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(procedure), valid_data(procedure))
    assert response.status_code == 302
    application = Application.objects.get()
    assert response["Location"] == f"/ho-so/{application.code}/bien-nhan/"
    assert codes.is_valid(application.code) and application.code.startswith("HS")
    assert application.status == Status.NEW
    assert application.applicant_phone == "0912345678"
    assert application.data["so_dinh_danh"] == "001090012345"
    assert application.data["ngay_sinh"] == "1990-03-15"
    assert application.data["noi_tam_tru"]["ward_name"] == WARD.name
    assert application.consent_at is not None
    assert application.receipt_due_at > application.submitted_at
    stored = application.files.get()
    assert stored.kind == ApplicationFile.Kind.COMPONENT
    assert stored.file.read() == PDF_BYTES
    assert application.events.get().to_status == Status.NEW
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert application.display_code in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert application.display_code in mail.outbox[0].subject
    application.refresh_from_db()
    assert application.email_status == EmailStatus.SENT


def test_receipt_hidden_from_other_sessions(client, procedure):
    client.post(apply_url(procedure), valid_data(procedure))
    code = Application.objects.get().code
    client.logout()
    client.cookies.clear()
    assert client.get(f"/ho-so/{code}/bien-nhan/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("so_dinh_danh", "12345", "12 chữ số"),
        ("so_dinh_danh", "999090012345", "mã tỉnh"),
        ("applicant_phone", "0123", "Số điện thoại không hợp lệ"),
        ("applicant_phone", "0112345678", "Số điện thoại không hợp lệ"),
        ("ngay_sinh", "31/02/1990", "DD/MM/YYYY"),
        ("ngay_sinh", "__future__", "trước ngày hôm nay"),
        ("applicant_email", "not-an-email", "thư điện tử không hợp lệ"),
        ("noi_tam_tru_ward", str(OTHER_WARD.code), "thuộc tỉnh, thành phố đã chọn"),
        ("quan_he", "Hàng xóm", "không hợp lệ"),
        ("consent", None, "đồng ý cho xử lý dữ liệu cá nhân"),
        ("applicant_name", "", "Vui lòng nhập"),
    ],
)
def test_invalid_field_reshows_form_with_vietnamese_message(client, procedure, field, value, message):
    if value == "__future__":
        value = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    data = valid_data(procedure, **{field: value})
    if value is None:
        data.pop(field, None)
    response = client.post(apply_url(procedure), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Số 5 ngõ 10 phố Hàng Bông" in html  # what was typed is kept
    assert not Application.objects.exists()


def test_phone_in_international_form_is_normalized(client, procedure):
    client.post(apply_url(procedure), valid_data(procedure, applicant_phone="+84 912.345.678"))
    assert Application.objects.get().applicant_phone == "0912345678"


def test_nfd_input_is_stored_nfc(client, procedure):
    import unicodedata

    nfd_name = unicodedata.normalize("NFD", "Trần Thị Đẹp")
    nfd_address = unicodedata.normalize("NFD", "Phường Hoàn Kiếm")
    client.post(apply_url(procedure), valid_data(procedure, applicant_name=nfd_name, dia_chi=nfd_address))
    application = Application.objects.get()
    assert application.applicant_name == "Trần Thị Đẹp"
    assert application.data["dia_chi"] == "Phường Hoàn Kiếm"
    assert unicodedata.is_normalized("NFC", application.data["dia_chi"])


def test_required_file_missing(client, procedure):
    data = valid_data(procedure)
    data.pop(f"file_{procedure.components.first().pk}")
    response = client.post(apply_url(procedure), data)
    assert response.status_code == 400
    assert "Vui lòng đính kèm" in response.content.decode()


def test_exe_renamed_pdf_is_refused(client, procedure):
    component = procedure.components.first()
    exe = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    response = client.post(apply_url(procedure), valid_data(procedure, **{f"file_{component.pk}": exe}))
    assert response.status_code == 400
    assert "không đúng định dạng cho phép" in response.content.decode()
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists()


def test_file_too_large(client, procedure, settings):
    settings.PORTAL_UPLOAD_MAX_FILE = 1024
    component = procedure.components.first()
    big = SimpleUploadedFile("to-khai.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    response = client.post(apply_url(procedure), valid_data(procedure, **{f"file_{component.pk}": big}))
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép" in response.content.decode()
    assert not Application.objects.exists()


def test_dossier_total_too_large(client, procedure, settings):
    settings.PORTAL_UPLOAD_MAX_TOTAL = len(PDF_BYTES) + 10
    first, second = procedure.components.all()
    data = valid_data(
        procedure, **{f"file_{second.pk}": SimpleUploadedFile("b.pdf", PDF_BYTES, content_type="application/pdf")}
    )
    response = client.post(apply_url(procedure), data)
    assert response.status_code == 400
    assert "Tổng dung lượng các tệp vượt quá" in response.content.decode()
    assert not Application.objects.exists()


def test_image_is_reencoded_without_metadata(client, procedure):
    image = Image.new("RGB", (20, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    assert b"SecretCam" in buffer.getvalue()
    component = procedure.components.first()
    upload = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    client.post(apply_url(procedure), valid_data(procedure, **{f"file_{component.pk}": upload}))
    stored = ApplicationFile.objects.get()
    content = stored.file.read()
    assert stored.original_name == "anh.jpg"
    assert b"SecretCam" not in content
    assert content.startswith(b"\xff\xd8")


def test_double_submit_same_token_creates_one_dossier(client, procedure):
    token = str(uuid.uuid4())
    first = client.post(apply_url(procedure), valid_data(procedure, form_token=token))
    second = client.post(apply_url(procedure), valid_data(procedure, form_token=token))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_honeypot_stores_nothing(client, procedure):
    response = client.post(apply_url(procedure), valid_data(procedure, website="http://spam.example"))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_rate_limit_answers_429_in_vietnamese(client, procedure, settings):
    settings.PORTAL_RATE_LIMITS = "2/600"
    for _ in range(2):
        client.post(apply_url(procedure), valid_data(procedure))
    response = client.post(apply_url(procedure), valid_data(procedure))
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert response["Retry-After"]
    assert Application.objects.count() == 2


def test_rate_limit_off(client, procedure, settings):
    settings.PORTAL_RATE_LIMITS = "off"
    for _ in range(12):
        assert client.post(apply_url(procedure), valid_data(procedure)).status_code == 302
    assert Application.objects.count() == 12


def test_email_failure_keeps_dossier(client, procedure, django_capture_on_commit_callbacks):
    with (
        mock.patch("services.tasks.send_mail", side_effect=ConnectionRefusedError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(apply_url(procedure), valid_data(procedure))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.files.count() == 1
    assert application.email_status == EmailStatus.FAILED
    assert application.email_attempts == 1


def test_email_failure_is_retried_later_when_backend_defers(procedure):
    from services import tasks
    from services.services import application_submit

    application, _ = application_submit(
        procedure=procedure, applicant_name="A", applicant_phone="0912345678", data={}, attachments=[]
    )
    Application.objects.filter(pk=application.pk).update(applicant_email="a@example.vn")
    scheduled = []

    class Deferring:
        supports_defer = True

    with (
        mock.patch("services.tasks.send_mail", side_effect=OSError("down")),
        mock.patch("services.tasks.default_task_backend", Deferring()),
        mock.patch("services.tasks.schedule_retry", lambda *args: scheduled.append(args)),
    ):
        result = tasks.send_application_email.call(application.pk, "submitted", 1)
    assert result == "retrying"
    assert len(scheduled) == 1
    assert scheduled[0][:3] == (application.pk, "submitted", 2)
    assert scheduled[0][3] > timezone.now()
    application.refresh_from_db()
    assert application.email_status == EmailStatus.RETRYING


def test_offline_procedure_has_no_form(client, catalogue):
    from services.models import Level
    from tests.utils import make_procedure

    page = make_procedure(catalogue, code="9.999", title="Thủ tục chỉ thông tin", level=Level.INFO)
    assert client.get(page.url + "nop-ho-so/").status_code == 404
