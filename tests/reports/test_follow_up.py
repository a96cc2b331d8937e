import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import services
from reports.models import ReportAttachment, ReportEvent, ReportMessage

URL = "/phan-anh-to-giac/theo-doi/"


@pytest.mark.django_db
def test_code_and_pin_show_status_and_officer_messages_but_not_notes(client, make_report, officer):
    receipt = make_report()
    report = receipt.report
    services.report_message_citizen(report=report, body="Bạn có nhớ biển số xe không?", user=officer)
    services.report_add_note(report=report, body="Nghi trùng với vụ tuần trước", user=officer)
    response = client.post(URL, {"code": report.code.lower(), "pin": receipt.pin})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Bạn có nhớ biển số xe không?" in html
    assert "Nghi trùng" not in html
    assert "Mới" in html
    assert ReportEvent.objects.filter(report=report, action="citizen_view", user=None).count() == 1


@pytest.mark.django_db
def test_code_is_accepted_with_dashes_and_confusable_letters(client, make_report):
    receipt = make_report()
    display = "-".join(receipt.report.code[i : i + 4] for i in range(0, len(receipt.report.code), 4))
    response = client.post(URL, {"code": f" {display.lower()} ", "pin": receipt.pin})
    assert response.status_code == 200
    assert "Trả lời, bổ sung thông tin" in response.content.decode()


@pytest.mark.django_db
def test_citizen_answers_with_text_and_file(client, make_report):
    receipt = make_report()
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%test\n")
    response = client.post(
        URL,
        {
            "code": receipt.report.code,
            "pin": receipt.pin,
            "action": "reply",
            "body": "Biển số 29A-123.45",
            "files": [pdf],
        },
    )
    assert response.status_code == 200
    message = ReportMessage.objects.get(report=receipt.report, kind="citizen")
    assert message.body == "Biển số 29A-123.45"
    assert ReportAttachment.objects.get(message=message).kind == "pdf"
    assert "Biển số 29A-123.45" in response.content.decode()


@pytest.mark.django_db
def test_wrong_pin_and_unknown_code_look_the_same(client, make_report):
    receipt = make_report()
    wrong = client.post(URL, {"code": receipt.report.code, "pin": "00000000"})
    unknown = client.post(URL, {"code": "PA23456789X", "pin": receipt.pin})
    assert wrong.status_code == unknown.status_code == 400
    for response in (wrong, unknown):
        html = response.content.decode()
        assert "Mã phản ánh hoặc mã PIN không đúng." in html
        assert "đánh bạc" not in html
        assert "Trạng thái" not in html


@pytest.mark.django_db
def test_wrong_pin_cannot_post_a_reply(client, make_report):
    receipt = make_report()
    client.post(URL, {"code": receipt.report.code, "pin": "11111111", "action": "reply", "body": "Chèn nội dung"})
    assert not ReportMessage.objects.exists()


@pytest.mark.django_db
def test_repeated_wrong_pins_are_slowed_down_even_for_the_right_pin(client, make_report):
    receipt = make_report()
    for _ in range(services.PIN_MAX_FAILURES):
        assert client.post(URL, {"code": receipt.report.code, "pin": "99999999"}).status_code == 400
    blocked = client.post(URL, {"code": receipt.report.code, "pin": receipt.pin})
    assert blocked.status_code == 429
    assert "Trạng thái" not in blocked.content.decode()
    # Another client guessing the same code is also blocked: the counter is per code too.
    other = client.post(URL, {"code": receipt.report.code, "pin": receipt.pin}, REMOTE_ADDR="198.51.100.3")
    assert other.status_code == 429


@pytest.mark.django_db
def test_unknown_codes_count_as_failures_for_the_client(client, make_report):
    for i in range(services.PIN_MAX_FAILURES):
        client.post(URL, {"code": f"PA0000000{i}", "pin": "12345678"})
    receipt = make_report()
    assert client.post(URL, {"code": receipt.report.code, "pin": receipt.pin}).status_code == 429


@pytest.mark.django_db
def test_wrong_pin_counter_survives_a_window_boundary(client, make_report, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    receipt = make_report()
    edge = services.PIN_WINDOW_SECONDS * 2_000_000 - 1  # one second before a window ends
    clock = [dt.datetime.fromtimestamp(edge, tz=dt.UTC)]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    for _ in range(services.PIN_MAX_FAILURES):
        client.post(URL, {"code": receipt.report.code, "pin": "99999999"})
    clock[0] += dt.timedelta(seconds=2)
    assert client.post(URL, {"code": receipt.report.code, "pin": receipt.pin}).status_code == 429
