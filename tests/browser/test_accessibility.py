"""Accessibility in a real browser: headless Chromium (Debian's package) driven by Playwright,
axe-core (npm) injected into the home page, an article and a standard page of the demo portal.

No serious or critical axe violation is allowed. Skipped when Chromium, Playwright or
axe-core is missing; `.ci/run` installs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import SQLITE_ONLY

pytestmark = [pytest.mark.browser, SQLITE_ONLY]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
# The citizen-facing pages of services, reports and search, checked like the news pages.
CITIZEN_PAGES = (
    "/dich-vu-cong/",
    "/tra-cuu-ho-so/",
    "/phan-anh-to-giac/",
    "/phan-anh-to-giac/thong-ke/",
    "/tim-kiem/?q=an+ninh",
    "/van-ban-phap-luat/",
    "/van-ban-phap-luat/?year=1999",
    "/van-ban-phap-luat/luat-cu-tru-2020/",
    # publications (#11): wanted persons, reception schedule, movement models, Q&A, reporting guide
    "/truy-na/",
    "/truy-na/?year=1999&offence=x",
    "/truy-na/nguyen-van-a/",
    "/lich-tiep-cong-dan/",
    "/mo-hinh-phong-trao/",
    "/mo-hinh-phong-trao/de-xuat/",
    "/hoi-dap/",
    "/hoi-dap/gui-cau-hoi/",
    "/huong-dan-to-giac-toi-pham/",
)


@pytest.fixture(autouse=True)
def _needs_axe():
    if not AXE.exists():
        pytest.skip("axe-core not installed (npm ci)")


def _axe(page) -> list[dict]:
    """axe-core's serious and critical findings. axe is the test's own script, injected into pages
    that forbid inline and foreign scripts (CSP), so the pages it checks open with `bypass_csp`."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )
    return result


def _report(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"      {node}" for node in violation["nodes"])
    return "\n".join(lines)


def test_pages_have_no_serious_accessibility_violations(live_server, browser, demo_portal):
    failures = []
    for width in (375, 1280):
        for path in ("/", demo_portal["article"], "/gioi-thieu/", "/trang-khong-ton-tai/", *CITIZEN_PAGES):
            page = browser.new_page(bypass_csp=True, viewport={"width": width, "height": 900}, locale="vi-VN")
            try:
                response = page.goto(live_server.url + path, wait_until="load")
                assert response is not None
                assert response.status == (404 if "khong-ton-tai" in path else 200), path
                assert page.get_attribute("html", "lang") == "vi"
                violations = _axe(page)
            finally:
                page.close()
            label = f"{path} ({width}px)"
            if violations:
                print(_report(label, violations))
            blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
            if blocking:
                failures.append(_report(label, blocking))
    assert not failures, "Serious/critical accessibility violations:\n" + "\n".join(failures)


def test_keyboard_starts_at_the_skip_link_and_print_hides_navigation(live_server, browser, demo_portal):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(live_server.url + demo_portal["article"])
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
        assert focused == ["skip-link", "#noi-dung"]
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "noi-dung"

        assert page.is_visible(".site-nav")
        page.emulate_media(media="print")
        assert not page.is_visible(".site-nav")
        assert not page.is_visible(".site-search")
        assert page.is_visible("h1")
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") in {
            "rgb(255, 255, 255)",
            "rgba(0, 0, 0, 0)",
        }
    finally:
        page.close()


def test_no_page_is_wider_than_a_phone_screen(live_server, browser, demo_portal):
    """A long ward name or a wide table must scroll inside its box, not widen the page."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    too_wide = []
    try:
        for path in ("/", demo_portal["article"], "/tin-tuc/", *CITIZEN_PAGES, "/dich-vu-cong/thong-ke/"):
            page.goto(live_server.url + path)
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                too_wide.append(f"{path}: {scroll}px > {client}px")
    finally:
        page.close()
    assert not too_wide, too_wide


def test_citizen_pages_keep_their_content_in_print(live_server, browser, demo_portal):
    """Print rules hide the site chrome only: a receipt or a catalogue must still print."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for path in ("/dich-vu-cong/", "/tra-cuu-ho-so/", "/phan-anh-to-giac/thong-ke/"):
            page.goto(live_server.url + path)
            page.emulate_media(media="print")
            assert page.is_visible("main h1"), path
            page.emulate_media(media="screen")
    finally:
        page.close()


def test_phone_menu_folds_behind_a_button_and_desktop_shows_it(live_server, browser, demo_portal):
    """On a phone the menu is folded behind "Danh mục" from the first paint, by CSS alone, so
    nothing moves when scripts run (the summary of a <details> is the toggle: screen readers
    hear its expanded state); on a desktop the links show and the toggle does not. The same
    without JavaScript."""
    for javascript in (True, False):
        context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.goto(live_server.url + "/")
            toggle = page.locator(".site-nav__toggle")
            link = page.locator(".site-nav__list a", has_text="Dịch vụ công")
            assert toggle.is_visible() and not link.is_visible(), javascript
            assert page.evaluate("document.querySelector('.site-nav__bar').open") is False
            toggle.click()
            assert link.is_visible(), javascript
            toggle.focus()
            page.keyboard.press("Enter")
            assert not link.is_visible(), javascript
            page.set_viewport_size({"width": 1280, "height": 900})
            assert link.is_visible() and not toggle.is_visible(), javascript
        finally:
            context.close()
