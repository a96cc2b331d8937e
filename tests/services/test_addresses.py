"""The applicant's e-mail links to the address the dossier was sent from (cms/addresses.py).

Transactional tests: the e-mail is queued when the dossier commits, inside the request, as in
production (the test-case transaction would hold it until after the request)."""

import pytest

from tests.services.test_apply import apply_url, valid_data


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("host", ["congan.example.vn", "127.0.0.1:8080"])
def test_email_links_to_the_host_the_dossier_came_from(client, procedure, mailoutbox, host):
    response = client.post(apply_url(procedure), valid_data(procedure), HTTP_HOST=host)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert f"http://{host}/tra-cuu-ho-so/" in mailoutbox[0].body
    assert "localhost" not in mailoutbox[0].body and "testserver" not in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_email_uses_the_configured_address(client, procedure, mailoutbox, settings):
    settings.PORTAL_BASE_URL = "https://congan.example.vn"
    client.post(apply_url(procedure), valid_data(procedure), HTTP_HOST="127.0.0.1:8080")
    assert "https://congan.example.vn/tra-cuu-ho-so/" in mailoutbox[0].body
