"""What citizens see first, on a 390×844 phone (issue #16): the main tasks and the latest crime
warning on the home page's first screen, and no layout shift while pages load (CLS measured
with a PerformanceObserver on layout-shift entries, as Lighthouse and Chrome's field data do)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SQLITE_ONLY

pytestmark = [pytest.mark.browser, SQLITE_ONLY]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
MAX_CLS = 0.02
# Sums every layout shift not caused by input, from the first paint on (buffered entries).
CLS_OBSERVER = """
window.__cls = 0; window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) {
      window.__cls += entry.value;
      window.__shifts.push({value: entry.value, sources: (entry.sources || []).map(function (s) {
        var n = s.node; return n && n.nodeType === 1 ? n.tagName + "." + n.className : String(n && n.nodeName);
      })});
    }
  });
}).observe({type: "layout-shift", buffered: true});
"""


def _in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return bool(box) and locator.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= 844


def test_top_tasks_and_the_latest_warning_are_on_the_first_screen(live_server, browser, demo_portal):
    from home.models import PortalSettings

    hotline = PortalSettings.objects.get().hotline.replace(".", "").replace(" ", "")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        tasks = page.locator(".top-tasks")
        for href in (
            "tel:113",
            f"tel:{hotline}",
            "/phan-anh-to-giac/",
            "/dich-vu-cong/",
            "/tra-cuu-ho-so/",
            "/phan-anh-to-giac/theo-doi/",
        ):
            link = tasks.locator(f'a[href="{href}"]')
            assert link.count() == 1, href
            assert _in_first_screen(page, link), (href, link.bounding_box())
            assert link.inner_text().strip(), href  # labelled, not an icon alone
            assert link.bounding_box()["height"] >= 44, href  # a thumb's target
        warning = tasks.locator(".warning-strip__link")
        assert "Cảnh báo" in tasks.locator(".warning-strip").inner_text()
        assert _in_first_screen(page, warning), warning.bounding_box()
        warning.click()
        assert page.locator("h1").inner_text().strip()
        assert "chuyen-muc/canh-bao-toi-pham" in page.content()
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_pages_do_not_shift_while_loading_on_a_phone(live_server, browser, demo_portal, javascript):
    paths = (
        "/",
        demo_portal["article"],
        "/tin-tuc/",
        "/phan-anh-to-giac/",
        "/dich-vu-cong/",
        "/tim-kiem/?q=lừa+đảo",
    )
    context = browser.new_context(**PHONE)
    context.add_init_script(CLS_OBSERVER)
    results = {}
    try:
        for path in paths:
            page = context.new_page()
            if not javascript:
                page.route("**/*.js", lambda route: route.abort())
            page.goto(live_server.url + path, wait_until="load")
            page.wait_for_timeout(800)  # late shifts: deferred scripts, images decoded after load
            results[path] = (page.evaluate("window.__cls"), page.evaluate("window.__shifts"))
            page.close()
    finally:
        context.close()
    shifted = {path: result for path, result in results.items() if result[0] > MAX_CLS}
    assert not shifted, shifted
