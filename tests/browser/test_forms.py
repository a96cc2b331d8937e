"""Every public form, filled in and sent from headless Chromium, end to end.

Each flow runs twice: against pytest-django's live server (test settings) and against
gunicorn with `cms.settings.production` (secure cookies, hashed static files, whitenoise),
because a form that works on the development server can still fail behind the production
settings: a referrer policy that makes Chromium send `Origin: null`, or secure cookies a
browser refuses, both end in a 403 on every post.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from reports.models import Report
from services.models import Status
from tests.browser.conftest import SQLITE_ONLY
from tests.browser.production import Portal

pytestmark = [pytest.mark.browser, SQLITE_ONLY, pytest.mark.django_db(transaction=True)]

CT01 = "Tờ khai thay đổi thông tin cư trú (mẫu CT01)"


@pytest.fixture(params=["live_server", "gunicorn"])
def portal(request, browser, production_server):
    if request.param == "live_server":
        request.getfixturevalue("demo_portal")
        return Portal(url=request.getfixturevalue("live_server").url)
    if production_server is None:
        pytest.skip("gunicorn not installed in the virtualenv")
    problem = production_server.wait_ready()
    if problem:
        pytest.fail(problem)
    return Portal(url=production_server.url, console=production_server.console)


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield context
    context.close()


@pytest.fixture
def photo(tmp_path) -> Path:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 30, 30)).save(buffer, "JPEG", quality=85)
    path = tmp_path / "hiện-trường.jpg"
    path.write_bytes(buffer.getvalue())
    return path


def _pdf(path: Path, text: str = "CT01") -> Path:
    """A minimal valid one-page PDF (correct xref offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects[3] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _submit(page, button_name: str):
    """Click the submit button and return the response of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button_name, exact=True).click()
    response = navigation.value
    assert response is not None
    return response


def _assert_ok(response, page) -> None:
    body = page.inner_text("main") if page.locator("main").count() else page.content()
    assert response.status == 200, f"{response.status} at {page.url}:\n{body[:1500]}"
    assert "CSRF" not in page.content()


def test_tip_form_receipt_follow_up_and_reply(portal, context, photo):
    page = context.new_page()
    page.goto(portal.url + "/phan-anh-to-giac/")
    if portal.console is not None:
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        assert cookies["csrftoken"]["secure"], "production sets CSRF_COOKIE_SECURE"

    page.select_option("#id_category", index=1)
    description = "Nhóm thanh niên tụ tập đua xe, lạng lách trên đường Nguyễn Huệ lúc nửa đêm."
    page.fill("#id_description", description)
    page.fill("#id_occurred_date", (timezone.localdate() - timedelta(days=2)).isoformat())
    page.fill("#id_occurred_time", "23:30")
    page.fill("#id_address", "Ngã tư Nguyễn Huệ – Lê Lợi")
    page.set_input_files("#id_files", str(photo))
    response = _submit(page, "Gửi phản ánh")
    _assert_ok(response, page)
    assert page.inner_text("h1") == "Đã nhận phản ánh của bạn"
    code, pin = page.locator(".receipt code").all_inner_texts()
    assert code.startswith("PA") and pin.isdigit()

    if portal.console is None:
        report = Report.objects.get(code=code.replace("-", "").replace(" ", ""))
        assert report.description == description
        assert report.address == "Ngã tư Nguyễn Huệ – Lê Lợi"
        assert report.attachments.count() == 1

    # Follow-up in a new page: code and PIN are all it takes (no session, no cookie).
    follow = context.new_page()
    follow.goto(portal.url + "/phan-anh-to-giac/theo-doi/")
    follow.fill("#id_code", code.lower().replace("-", " "))
    follow.fill("#id_pin", pin)
    response = _submit(follow, "Xem")
    _assert_ok(response, follow)
    assert code in follow.inner_text("dl")
    assert follow.locator("dd strong").inner_text() == str(Report.Status.NEW.label)

    reply = "Tôi bổ sung: có hai xe không biển số, người lái mặc áo đỏ."
    follow.fill("#id_body", reply)
    response = _submit(follow, "Gửi")
    _assert_ok(response, follow)
    assert "Đã gửi nội dung bổ sung" in follow.inner_text("main")
    assert reply in follow.inner_text(".report-msgs")


def test_expired_tip_form_is_sent_again_without_retyping(portal, context):
    """The CSRF cookie is gone when the citizen presses "Gửi" (cleared, expired, another
    browser profile): a Vietnamese page keeps the text, and one click sends it."""
    page = context.new_page()
    page.goto(portal.url + "/phan-anh-to-giac/")
    page.select_option("#id_category", index=1)
    description = (
        "Xe tải chở vật liệu xây dựng rơi vãi đất cát trên đường Trần Phú.\nXảy ra mỗi đêm, khoảng 1 giờ sáng."
    )
    page.fill("#id_description", description)
    page.check("#id_occurred_unknown")
    page.check("#id_location_unknown")
    context.clear_cookies()
    response = _submit(page, "Gửi phản ánh")
    assert response.status == 403
    assert page.inner_text("h1") == "Biểu mẫu chưa gửi được"
    assert "CSRF" not in page.content()
    assert page.locator(".csrf-resend input[name=description]").get_attribute("value") == description

    response = _submit(page, "Gửi lại nội dung đã nhập")
    _assert_ok(response, page)
    assert page.inner_text("h1") == "Đã nhận phản ánh của bạn"
    if portal.console is None:
        code = page.locator(".receipt code").first.inner_text()
        stored = Report.objects.get(code=code.replace("-", "")).description
        # Browsers send a textarea's line breaks as CRLF, from the form and from the hidden copy alike.
        assert stored.replace("\r\n", "\n") == description


def _apply(context, portal: Portal, pdf: Path, phone: str) -> str:
    """From the catalogue to the receipt of an application for "Gia hạn tạm trú"; the code."""
    page = context.new_page()
    page.goto(portal.url + "/dich-vu-cong/")
    row = page.locator("tr", has=page.get_by_role("link", name="Gia hạn tạm trú", exact=True))
    with page.expect_navigation():
        row.get_by_role("link", name="Nộp trực tuyến").click()
    assert page.url.endswith("/dich-vu-cong/gia-han-tam-tru/nop-ho-so/")
    page.fill("#id_applicant_name", "Nguyễn Thị Hồng Nhung")
    page.fill("#id_applicant_phone", phone)
    page.fill("#id_so_dinh_danh", "001190012345")
    page.fill("#id_ngay_sinh", "1990-05-17")
    page.fill("#id_so_thang", "6")
    page.get_by_label(CT01).set_input_files(str(pdf))
    page.check("#id_consent")
    response = _submit(page, "Nộp hồ sơ")
    _assert_ok(response, page)
    assert page.inner_text("h1") == "Biên nhận hồ sơ trực tuyến"
    assert "đã được gửi thành công" in page.inner_text(".receipt__ok")
    assert CT01 in page.inner_text(".receipt__facts")
    code = page.inner_text(".receipt__code").strip()
    page.close()
    return code


def _track(context, portal: Portal, code: str, contact: str):
    """The tracking form in a fresh page; lands on the dossier."""
    page = context.new_page()
    page.goto(portal.url + "/tra-cuu-ho-so/")
    page.fill("#id_code", code)
    page.fill("#id_contact", contact)
    response = _submit(page, "Tra cứu")
    _assert_ok(response, page)
    assert page.inner_text("h1") == f"Hồ sơ {code}"
    return page


def _status(page) -> str:
    return page.locator(".status").inner_text()


def test_application_receipt_tracking_supplement_rating_and_withdrawal(portal, browser, context, tmp_path):
    pdf = _pdf(tmp_path / "to-khai-CT01.pdf")
    code = _apply(context, portal, pdf, phone="0912 345 678")
    if portal.console is not None:
        cookies = {cookie["name"]: cookie for cookie in context.cookies()}
        assert cookies["sessionid"]["secure"], "production sets SESSION_COOKIE_SECURE"

    # Another browser (no session) finds the dossier by code + phone.
    stranger = browser.new_context(locale="vi-VN")
    try:
        page = _track(stranger, portal, code, "0912345678")
        assert _status(page) == Status.NEW.label

        # The officer asks for a document; the citizen sends it from the tracking page.
        normalized = code.replace("-", "").replace(" ", "")
        portal.officer_moves(normalized, Status.SUPPLEMENT)
        page.reload()
        assert _status(page) == Status.SUPPLEMENT.label
        page.set_input_files("#bo-sung ~ form input[type=file]", str(_pdf(tmp_path / "bo-sung.pdf", "Bo sung")))
        page.fill("#bo-sung ~ form textarea", "Gửi bổ sung hợp đồng thuê nhà.")
        response = _submit(page, "Gửi bổ sung")
        _assert_ok(response, page)
        assert "Đã gửi giấy tờ bổ sung" in page.inner_text(".messages")
        assert _status(page) == Status.NEW.label
        assert "bo-sung.pdf" in page.inner_text(".files")

        # Once done, the citizen rates the service.
        portal.officer_moves(normalized, Status.RECEIVED, Status.PROCESSING, Status.DONE)
        page.reload()
        assert _status(page) == Status.DONE.label
        page.get_by_label("4", exact=True).check()
        page.fill("#danh-gia ~ form textarea", "Cán bộ hướng dẫn tận tình.")
        response = _submit(page, "Gửi đánh giá")
        _assert_ok(response, page)
        assert "Cảm ơn bạn đã đánh giá" in page.inner_text(".messages")
        assert "4/5" in page.inner_text(".receipt__facts")
    finally:
        stranger.close()

    # A second dossier is withdrawn by its owner, tracked by the phone in another spelling.
    code = _apply(context, portal, pdf, phone="+84 987 654 321")
    page = _track(context, portal, code, "0987.654.321")
    page.locator("summary", has_text="Yêu cầu rút hồ sơ").click()
    page.fill("details textarea", "Đã chuyển nơi ở, không còn nhu cầu gia hạn.")
    response = _submit(page, "Gửi yêu cầu rút hồ sơ")
    _assert_ok(response, page)
    assert "Đã gửi yêu cầu rút hồ sơ" in page.inner_text(".messages")
    assert _status(page) == Status.WITHDRAW_REQUESTED.label


def test_catalogue_filter_and_search_boxes(portal, context):
    page = context.new_page()
    page.goto(portal.url + "/dich-vu-cong/")
    total = page.locator(".procedure-table tbody tr").count()
    assert total >= 5

    page.fill("#id_q", "tam tru")  # tone-less input finds "tạm trú"
    response = _submit(page, "Lọc")
    _assert_ok(response, page)
    titles = page.locator(".procedure-table tbody td:nth-child(2) a").all_inner_texts()
    assert {"Đăng ký tạm trú", "Gia hạn tạm trú"} <= set(titles)
    assert "Đăng ký xe lần đầu (xe mô tô, xe gắn máy)" not in titles
    assert "q=tam+tru" in page.url

    page.goto(portal.url + "/dich-vu-cong/")
    page.select_option("#id_field", label="Đăng ký, quản lý cư trú")
    response = _submit(page, "Lọc")
    _assert_ok(response, page)
    fields = page.locator(".procedure-table tbody td:nth-child(3)").all_inner_texts()
    assert fields and set(fields) == {"Đăng ký, quản lý cư trú"}
    assert len(fields) < total

    page.fill("#site-search-q", "gia hạn tạm trú")
    with page.expect_navigation() as navigation:
        page.press("#site-search-q", "Enter")
    _assert_ok(navigation.value, page)
    assert "/tim-kiem/?q=" in page.url
    results = page.locator(".search-result__title").all_inner_texts()
    assert "Gia hạn tạm trú" in results
