"""Tracking: privacy of the code/contact pair, supplements, withdrawal, rating, private files."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms import codes
from services.models import Application, ApplicationFile, Status
from services.services import application_submit, application_transition
from tests.utils import PDF_BYTES

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy hồ sơ với mã và thông tin liên hệ đã nhập"


@pytest.fixture
def dossier(procedure):
    application, _ = application_submit(
        procedure=procedure,
        applicant_name="Phạm Thu Hà",
        applicant_phone="0912345678",
        applicant_email="ha@example.vn",
        data={},
        attachments=[],
    )
    return application


def look_up(client, code, contact):
    return client.post("/tra-cuu-ho-so/", {"code": code, "contact": contact})


def test_tracking_page_renders(client, db):
    response = client.get("/tra-cuu-ho-so/")
    assert response.status_code == 200
    assert "Tra cứu hồ sơ" in response.content.decode()


@pytest.mark.parametrize("contact", ["0912345678", "+84 912 345 678", "HA@example.vn"])
def test_right_pair_opens_timeline(client, dossier, contact):
    typed = codes.display(dossier.code).lower().replace("0", "o")
    response = look_up(client, typed, contact)
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert dossier.display_code in html
    assert "Mới đăng ký" in html


def test_wrong_contact_reveals_nothing(client, dossier):
    other = Application.objects.create(
        code=codes.generate("HS"),
        procedure=dossier.procedure,
        procedure_code="x",
        procedure_name="x",
        applicant_name="x",
        applicant_phone="0900000000",
        consent_at=dossier.consent_at,
        submitted_at=dossier.submitted_at,
        receipt_due_at=dossier.receipt_due_at,
    )
    wrong = look_up(client, dossier.code, "0999999999")
    unknown = look_up(client, codes.generate("HS"), "0912345678")
    assert wrong.status_code == unknown.status_code == 200

    def strip(response):
        html = response.content.decode().replace(response.wsgi_request.POST["code"], "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert NOT_FOUND in strip(wrong)
    assert strip(wrong).replace("0999999999", "") == strip(unknown).replace("0912345678", "")
    assert "Phạm Thu Hà" not in wrong.content.decode()
    # the detail page itself is closed to a session that has not proved the pair
    assert client.get(f"/tra-cuu-ho-so/{dossier.code}/").status_code == 302
    assert client.get(f"/tra-cuu-ho-so/{other.code}/").status_code == 302


def test_mistyped_code_is_caught_by_check_character(client, dossier):
    typo = dossier.code[:-2] + ("A" if dossier.code[-2] != "A" else "B") + dossier.code[-1]
    response = look_up(client, typo, "0912345678")
    assert "Mã hồ sơ không đúng" in response.content.decode()


def test_supplement_upload_reopens_dossier(client, dossier, officer):
    application_transition(application=dossier, to_status=Status.RECEIVED, actor=officer)
    application_transition(
        application=dossier, to_status=Status.SUPPLEMENT, actor=officer, note="Bổ sung hợp đồng thuê nhà có công chứng"
    )
    look_up(client, dossier.code, "0912345678")
    page = client.get(f"/tra-cuu-ho-so/{dossier.code}/")
    assert "Bổ sung hợp đồng thuê nhà có công chứng" in page.content.decode()
    assert 'name="files"' in page.content.decode()
    response = client.post(
        f"/tra-cuu-ho-so/{dossier.code}/",
        {"action": "supplement", "files": [SimpleUploadedFile("hop-dong.pdf", PDF_BYTES)], "note": "Đã bổ sung"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    supplement = dossier.files.get(kind=ApplicationFile.Kind.SUPPLEMENT)
    assert supplement.file.read() == PDF_BYTES
    assert dossier.events.last().from_status == Status.SUPPLEMENT


def test_supplement_with_spoofed_file_is_refused(client, dossier, officer):
    application_transition(application=dossier, to_status=Status.SUPPLEMENT, actor=officer, note="Thiếu giấy tờ")
    look_up(client, dossier.code, "0912345678")
    response = client.post(
        f"/tra-cuu-ho-so/{dossier.code}/",
        {"action": "supplement", "files": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\0" * 100)]},
    )
    assert response.status_code == 400
    assert "không đúng định dạng" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT


def test_citizen_can_request_withdrawal(client, dossier):
    look_up(client, dossier.code, "0912345678")
    client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "withdraw", "reason": "Nộp nhầm thủ tục"})
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAW_REQUESTED
    assert dossier.events.last().note == "Nộp nhầm thủ tục"


def test_rating_only_after_completion(client, dossier, officer):
    look_up(client, dossier.code, "0912345678")
    page = client.get(f"/tra-cuu-ho-so/{dossier.code}/")
    assert "Đánh giá mức độ hài lòng" not in page.content.decode()
    client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "rate", "rating": "5"})
    dossier.refresh_from_db()
    assert dossier.rating is None
    for status in (Status.RECEIVED, Status.PROCESSING, Status.DONE, Status.RETURNED):
        application_transition(application=dossier, to_status=status, actor=officer, note="Kết quả")
    page = client.get(f"/tra-cuu-ho-so/{dossier.code}/")
    assert "Đánh giá mức độ hài lòng" in page.content.decode()
    client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "rate", "rating": "4", "comment": "Nhanh, chu đáo"})
    dossier.refresh_from_db()
    assert (dossier.rating, dossier.rating_comment) == (4, "Nhanh, chu đáo")
    client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "rate", "rating": "1"})
    dossier.refresh_from_db()
    assert dossier.rating == 4


def test_internal_notes_are_not_shown_to_citizen(client, dossier, officer):
    application_transition(
        application=dossier, to_status=Status.RECEIVED, actor=officer, note="Nội bộ: kiểm tra lại", public=False
    )
    look_up(client, dossier.code, "0912345678")
    html = client.get(f"/tra-cuu-ho-so/{dossier.code}/").content.decode()
    assert "Được tiếp nhận" in html
    assert "Nội bộ: kiểm tra lại" not in html


def test_files_served_only_to_owner_session_and_officers(client, procedure, officer):
    from tests.services.test_apply import apply_url, valid_data

    client.post(apply_url(procedure), valid_data(procedure))
    record = ApplicationFile.objects.get()
    url = f"/ho-so/tep/{record.pk}/"
    owner = client.get(url)
    assert owner.status_code == 200
    assert b"".join(owner.streaming_content) == PDF_BYTES
    assert owner["Content-Disposition"].startswith("attachment")
    from django.test import Client

    stranger = Client()
    assert stranger.get(url).status_code == 404
    editor = Client()
    from django.contrib.auth import get_user_model

    editor.force_login(get_user_model().objects.create_user("bientap", password="x"))
    assert editor.get(url).status_code == 404
    staff = Client()
    staff.force_login(officer)
    assert staff.get(url).status_code == 200
    # files are not under the public media root
    from django.conf import settings

    assert str(settings.PRIVATE_MEDIA_ROOT) in record.file.path
    assert str(settings.MEDIA_ROOT) not in record.file.path


def test_api_tracking_requires_the_pair(client, dossier):
    def lookup(code, contact):
        return client.post(
            "/api/v1/applications/lookup", {"code": code, "contact": contact}, content_type="application/json"
        )

    ok = lookup(dossier.code, "0912345678")
    assert ok.status_code == 200
    assert ok.json()["status"] == "Mới đăng ký"
    assert ok.json()["events"][0]["to_status"] == "Mới đăng ký"
    wrong = lookup(dossier.code, "0900000001")
    unknown = lookup(codes.generate("HS"), "0912345678")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_api_tracking_by_query_string_is_gone(client, dossier):
    """The contact never travels in a URL: the old GET answers 410 and points to the POST."""
    response = client.get(f"/api/v1/applications/{dossier.code}", {"contact": "0912345678"})
    assert response.status_code == 410
    assert response.json()["code"] == "gone"
    assert "POST /api/v1/applications/lookup" in response.json()["message"]
    old = client.get(f"/api/applications/{dossier.code}", {"contact": "0912345678"}, follow=True)
    assert old.redirect_chain[0][1] == 308
    assert old.status_code == 410


def test_supplement_without_file_is_asked_again(client, dossier, officer):
    application_transition(application=dossier, to_status=Status.SUPPLEMENT, actor=officer, note="Thiếu giấy tờ")
    look_up(client, dossier.code, "0912345678")
    response = client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "supplement", "note": "Gửi sau"})
    assert response.status_code == 400
    assert "Vui lòng chọn ít nhất một tệp." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT


def test_refused_citizen_act_redirects_with_message(client, dossier, officer):
    application_transition(application=dossier, to_status=Status.REJECTED, actor=officer, note="Sai thủ tục")
    look_up(client, dossier.code, "0912345678")
    response = client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "withdraw", "reason": "Nộp nhầm"}, follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert "Không thể chuyển hồ sơ" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.REJECTED


def test_unknown_action_changes_nothing(client, dossier):
    look_up(client, dossier.code, "0912345678")
    assert client.post(f"/tra-cuu-ho-so/{dossier.code}/", {"action": "xoa"}).status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == Status.NEW
