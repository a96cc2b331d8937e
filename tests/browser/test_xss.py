"""Script payloads typed by a citizen run nowhere: not on the public pages that show them back,
not in the officers' admin where the tip is read. Chromium watches for any dialog."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from home.demo_content import DEMO_PASSWORD
from reports.models import Report
from tests.browser.conftest import SQLITE_ONLY

pytestmark = [pytest.mark.browser, SQLITE_ONLY, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg onload=alert('xss-3')>",
    "</textarea><script>alert('xss-4')</script>",
    "<iframe srcdoc=\"<script>parent.alert('xss-5')</script>\"></iframe>",
    "<details open ontoggle=alert('xss-6')>",
    "<a href=\"javascript:alert('xss-7')\">bấm vào đây</a>",
    "javascript:alert('xss-8')",
    "{{ 7|add:7 }}{% now 'Y' %}<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-9')>",
    "<body onload=alert('xss-10')>",
    "\u003cscript\u003ealert('xss-11')\u003c/script\u003e",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;('xss-12')>",
]
PIN_RE = re.compile(r"Mã PIN: <code>(\d+)</code>")


@pytest.fixture
def watched(browser):
    """A browser context whose every page records dialogs (alert, confirm, prompt) and dismisses them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    dialogs: list[str] = []
    context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    yield context, dialogs
    context.close()


def _tip(client: Client, payload: str, settings) -> tuple[str, str]:
    """A tip sent through the public form carrying the payload in every free-text field."""
    from cms import places

    hanoi = places.get_province(1)
    client.get("/phan-anh-to-giac/")
    response = client.post(
        "/phan-anh-to-giac/",
        {
            "category": "lua-dao-qua-mang",
            "description": f"Phản ánh có nội dung lạ: {payload} — kiểm tra hiển thị an toàn.",
            "occurred_date": "2026-01-15",
            "province": str(hanoi.code),
            "ward": str(hanoi.wards[0].code),
            "address": payload[:255],
            "name": payload[:120],
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    pin = PIN_RE.search(html).group(1)
    return Report.objects.order_by("-pk").first().code, pin


def test_payloads_through_the_tip_form_fire_no_dialog(watched, live_server, demo_portal, settings):
    from reports.models import ReportCategory

    settings.PORTAL_RATE_LIMITS = "off"
    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    ReportCategory.objects.get_or_create(code="lua-dao-qua-mang", defaults={"name": "Lừa đảo", "parent": crime})
    context, dialogs = watched
    page = context.new_page()

    # One tip typed in Chromium itself, the rest through the same form by the test client.
    page.goto(live_server.url + "/phan-anh-to-giac/")
    page.evaluate("alert('probe')")  # the watcher itself works
    assert dialogs == ["probe"]
    dialogs.clear()
    page.select_option("#id_category", "lua-dao-qua-mang")
    page.fill("#id_description", "Nội dung thử: " + PAYLOADS[0] + PAYLOADS[1])
    page.fill("#id_occurred_date", "2026-01-15")
    page.fill("#id_occurred_time", "23:30")
    page.fill("#id_address", PAYLOADS[2])
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi phản ánh", exact=True).click()
    assert "Đã nhận phản ánh" in page.inner_text("h1"), page.inner_text("main")[:1500]
    sent = [_tip(Client(), payload, settings) for payload in PAYLOADS]

    # Public pages that show the citizen's words back: the follow-up (with a reply) and the
    # search and news filters that echo the query.
    code, pin = sent[0]
    page.goto(live_server.url + "/phan-anh-to-giac/theo-doi/")
    page.fill("#id_code", code)
    page.fill("#id_pin", pin)
    with page.expect_navigation():
        page.get_by_role("button", name="Xem", exact=True).click()
    page.fill("#id_body", "Bổ sung: " + " ".join(PAYLOADS))
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi", exact=True).click()
    assert "<script>alert('xss-1')</script>" in page.inner_text("main")
    for payload in PAYLOADS[:4]:
        page.goto(live_server.url + "/tim-kiem/?" + f"q={payload[:190]}")
        page.goto(live_server.url + "/tin-tuc/?" + f"tu-khoa={payload[:190]}")

    # The officers' admin: the queue and every tip's detail page, identity shown.
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(live_server.url + "/admin/phan-anh/")
    for report in Report.objects.filter(code__in=[c for c, _ in sent]):
        page.goto(f"{live_server.url}/admin/phan-anh/{report.pk}/?danh-tinh=1")
        assert "Phản ánh có nội dung lạ" in page.inner_text("main")
    page.wait_for_timeout(300)  # let any late handler (onload, ontoggle) run
    assert dialogs == []
    assert Report.objects.filter(description__contains="<script>alert('xss-1')</script>").exists()
