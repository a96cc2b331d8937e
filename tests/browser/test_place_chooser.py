"""Province, then ward, in a real browser (issue #16): with JavaScript the wards come from the
places API when the province changes; without it the "Chọn" button shows the form again with
the province's wards and what was typed."""

from __future__ import annotations

import pytest

from cms import places
from tests.browser.conftest import SQLITE_ONLY

pytestmark = [pytest.mark.browser, SQLITE_ONLY]

HANOI = places.get_province(1)
TYPED = "Có người lạ giả danh cán bộ điện lực vào nhà kiểm tra đồng hồ rồi lấy trộm điện thoại."


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_tip_form_offers_the_wards_of_the_chosen_province(live_server, browser, demo_portal, javascript):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/phan-anh-to-giac/")
        assert page.locator("#id_ward option").count() == 1
        page.fill("#id_description", TYPED)
        page.select_option("#id_province", str(HANOI.code))
        step = page.get_by_role("button", name="Chọn")
        if javascript:
            assert step.count() == 0  # inside <noscript>
        else:
            step.click()
            page.wait_for_load_state()
            assert page.input_value("#id_description") == TYPED
            assert page.input_value("#id_province") == str(HANOI.code)
        page.wait_for_function("document.querySelectorAll('#id_ward option').length > 1")
        assert page.locator("#id_ward option").count() == len(HANOI.wards) + 1
        page.select_option("#id_ward", label="Phường Hoàn Kiếm")
    finally:
        context.close()
