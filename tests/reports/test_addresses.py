"""The officers' e-mail about a new tip links to the admin at the portal's address."""

import pytest

from cms.addresses import AddressMiddleware


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["congan.example.vn", "127.0.0.1:8080"])
def test_new_tip_email_links_to_the_host_it_came_in_on(
    rf, django_capture_on_commit_callbacks, make_report, officer, mailoutbox, host
):
    def view(request):
        with django_capture_on_commit_callbacks(execute=True):
            return make_report()

    receipt = AddressMiddleware(view)(rf.post("/phan-anh-to-giac/", HTTP_HOST=host))
    assert len(mailoutbox) == 1
    assert f"http://{host}/admin/phan-anh/{receipt.report.pk}/" in mailoutbox[0].body


@pytest.mark.django_db
def test_new_tip_email_outside_a_request_uses_the_configured_address(
    django_capture_on_commit_callbacks, make_report, officer, mailoutbox, settings
):
    settings.PORTAL_BASE_URL = "https://congan.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        receipt = make_report()
    assert f"https://congan.example.vn/admin/phan-anh/{receipt.report.pk}/" in mailoutbox[0].body
