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
    html = blocked.content.decode()
    assert "Trạng thái" not in html
    wait = int(blocked["Retry-After"])
    assert 0 < wait <= 2 * services.PIN_WINDOW_SECONDS + 1
    assert f"thử lại sau {-(-wait // 60)} phút" in html


@pytest.mark.django_db
def test_a_stranger_guessing_cannot_lock_the_sender_out(client, make_report):
    receipt = make_report()
    for _ in range(services.PIN_MAX_FAILURES * 3):
        client.post(URL, {"code": receipt.report.code, "pin": "99999999"}, REMOTE_ADDR="198.51.100.3")
    assert client.post(URL, {"code": receipt.report.code, "pin": "1"}, REMOTE_ADDR="198.51.100.3").status_code == 429
    # The sender, from another address, still opens the tip with the right PIN.
    opened = client.post(URL, {"code": receipt.report.code, "pin": receipt.pin}, REMOTE_ADDR="203.0.113.50")
    assert opened.status_code == 200
    assert "Trạng thái" in opened.content.decode()


@pytest.mark.django_db
def test_guessing_across_many_codes_is_limited_per_client(client, make_report):
    for i in range(services.PIN_MAX_CLIENT_FAILURES):
        client.post(URL, {"code": f"PA{i:08d}", "pin": "12345678"})
    receipt = make_report()
    blocked = client.post(URL, {"code": receipt.report.code, "pin": receipt.pin})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0


@pytest.mark.django_db
def test_wrong_pin_counter_survives_a_window_boundary(client, make_report, monkeypatch):
    from cms import ratelimit

    receipt = make_report()
    clock = [services.PIN_WINDOW_SECONDS * 2_000_000 - 1.0]  # one second before a window ends
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    for _ in range(services.PIN_MAX_FAILURES):
        client.post(URL, {"code": receipt.report.code, "pin": "99999999"})
    clock[0] += 2
    blocked = client.post(URL, {"code": receipt.report.code, "pin": receipt.pin})
    assert blocked.status_code == 429
    # The failures were all in the previous window: they stop counting when this one ends.
    assert int(blocked["Retry-After"]) == services.PIN_WINDOW_SECONDS
    clock[0] += services.PIN_WINDOW_SECONDS
    assert client.post(URL, {"code": receipt.report.code, "pin": receipt.pin}).status_code == 200
