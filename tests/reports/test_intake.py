import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from cms import places
from reports.models import Report, ReportAttachment, ReporterIdentity, ReportEvent
from tests.reports.conftest import jpeg_with_gps

URL = "/phan-anh-to-giac/"


def _ward():
    hanoi = places.get_province(1)
    return hanoi, next(w for w in hanoi.wards if w.name == "Phường Hoàn Kiếm")


def _data(**over):
    hanoi, ward = _ward()
    data = {
        "category": "lua-dao-qua-mang",
        "description": "Tôi nhận được cuộc gọi giả danh công an yêu cầu chuyển tiền vào tài khoản lạ.",
        "occurred_date": "2026-01-15",
        "occurred_time": "20:30",
        "province": str(hanoi.code),
        "ward": str(ward.code),
        "address": "Ngõ 12 phố Hàng Bạc",
    }
    data.update(over)
    return data


@pytest.mark.django_db
def test_anonymous_tip_with_geotagged_photo_stores_no_metadata_and_no_identity(client, fraud):
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        URL, {**_data(), "files": [photo]}, REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="SecretBrowser/9.9"
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    report = Report.objects.get()
    assert report.code in response.content.decode().replace("-", "")
    assert report.category == fraud
    assert report.channel == Report.Channel.WEB
    assert report.ward_code == _ward()[1].code
    assert not ReporterIdentity.objects.exists()
    attachment = ReportAttachment.objects.get()
    stored = attachment.file.read()
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    assert "/private/" in attachment.file.path
    assert ReportEvent.objects.filter(report=report, action="create").exists()


@pytest.mark.django_db
def test_no_ip_or_user_agent_anywhere_in_the_database(client, fraud, tmp_path):
    client.post(
        URL,
        _data(name="Nguyễn Văn A", phone="0912 345 678"),
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="SecretBrowser/9.9",
    )
    assert Report.objects.count() == 1
    out = tmp_path / "dump.json"
    call_command("dumpdata", "--all", "-o", str(out), verbosity=0)
    dump = out.read_text(encoding="utf-8")
    assert "203.0.113.77" not in dump
    assert "SecretBrowser" not in dump
    assert client.session.session_key is None or client.session.session_key not in dump


@pytest.mark.django_db
def test_identity_is_stored_apart_only_when_given(client, fraud):
    client.post(URL, _data(name="  Nguyễn Văn   A ", phone="0912.345.678", email="A@Example.VN"))
    report = Report.objects.get()
    identity = ReporterIdentity.objects.get(report=report)
    assert (identity.name, identity.phone, identity.email) == ("Nguyễn Văn A", "0912345678", "a@example.vn")


@pytest.mark.django_db
def test_pin_is_hashed_and_shown_once(client, fraud):
    response = client.post(URL, _data())
    report = Report.objects.get()
    html = response.content.decode()
    import re

    pin = re.search(r"Mã PIN: <code>(\d+)</code>", html).group(1)
    assert len(pin) == 8
    assert pin not in report.pin_hash
    assert report.pin_hash.startswith(("md5$", "pbkdf2_sha256$", "argon2", "bcrypt"))
    from django.contrib.auth.hashers import check_password

    assert check_password(pin, report.pin_hash)


@pytest.mark.django_db
def test_nfd_input_is_normalised(client, fraud):
    import unicodedata

    text = unicodedata.normalize("NFD", "Có đối tượng lừa đảo chiếm đoạt tài sản qua mạng xã hội.")
    client.post(URL, _data(description=text))
    assert Report.objects.get().description == unicodedata.normalize("NFC", text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "over, field, message",
    [
        ({"category": ""}, "category", "Vui lòng chọn lĩnh vực."),
        ({"category": "khong-co"}, "category", "Lĩnh vực không hợp lệ."),
        ({"description": "ngắn"}, "description", "Nội dung quá ngắn"),
        ({"occurred_date": ""}, "occurred_date", "Không rõ thời gian"),
        ({"occurred_date": "2999-01-01"}, "occurred_date", "tương lai"),
        ({"province": "", "ward": "", "address": ""}, "province", "Không nhớ địa điểm"),
        ({"province": "79"}, "ward", "không thuộc tỉnh"),
        ({"phone": "12ab"}, "phone", "Số điện thoại không hợp lệ"),
        ({"email": "khong-phai-email"}, "email", "thư điện tử không hợp lệ"),
    ],
)
def test_form_validation_messages(client, fraud, over, field, message):
    response = client.post(URL, _data(**over))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_unknown_time_and_place_are_accepted(client, fraud):
    response = client.post(
        URL, _data(occurred_date="", occurred_unknown="on", province="", ward="", address="", location_unknown="on")
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.occurred_at is None and report.ward_code is None and report.address == ""


@pytest.mark.django_db
def test_renamed_executable_is_refused(client, fraud):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(URL, {**_data(), "files": [fake]})
    assert response.status_code == 400
    assert "không đúng định dạng" in " ".join(response.context["form"].errors["files"])
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_honeypot_stores_nothing(client, fraud):
    response = client.post(URL, _data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Mã PIN" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_double_submit_returns_the_first_receipt(client, fraud):
    token = "8a3e4a4e-2d4f-4b7e-9a51-2b8b3e0f6c11"
    first = client.post(URL, _data(form_token=token))
    second = client.post(URL, _data(form_token=token))
    assert Report.objects.count() == 1
    code = Report.objects.get().code
    import re

    pins = [re.search(r"Mã PIN: <code>(\d+)</code>", r.content.decode()).group(1) for r in (first, second)]
    assert pins[0] == pins[1]
    assert code in second.content.decode().replace("-", "")


@pytest.mark.django_db
def test_rate_limit_answers_429(client, fraud, settings):
    settings.PORTAL_RATE_LIMITS = "2/600"
    for _ in range(2):
        assert client.post(URL, _data()).status_code == 200
    response = client.post(URL, _data())
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Report.objects.count() == 2


@pytest.mark.django_db
def test_form_page_renders_categories_and_is_not_indexed(client, fraud):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lừa đảo qua mạng" in html and "An ninh chính trị" in html
    assert 'name="website"' in html
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.django_db
def test_notification_after_commit_mails_officers_without_content(
    django_capture_on_commit_callbacks, make_report, officer, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        receipt = make_report()
    assert len(mailoutbox) == 1
    assert receipt.report.code in mailoutbox[0].subject
    assert "đánh bạc" not in mailoutbox[0].body
