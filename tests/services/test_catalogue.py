"""Catalogue pages: creation rules, rendering, filters, tone-insensitive search, demo data."""

import unicodedata

import pytest
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from services.models import Level, ProcedureIndexPage, ProcedurePage
from tests.utils import make_procedure

pytestmark = pytest.mark.django_db


class TestPageRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(ProcedureIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProcedureIndexPage, {ProcedurePage})
        self.assertAllowedSubpageTypes(ProcedurePage, set())


def test_procedure_page_renders_facts(client, procedure):
    response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "1.004222",
        "Đăng ký, quản lý cư trú",
        "Toàn trình",
        "Công an cấp xã",
        "3 ngày làm việc",
        "Tờ khai CT01",
    ):
        assert text in html
    assert "nop-ho-so/" in html


def test_catalogue_filters(client, catalogue, procedure):
    make_procedure(
        catalogue,
        code="1.012340",
        title="Cấp đổi thẻ căn cước",
        field="Căn cước",
        level=Level.PARTIAL,
        agency="Công an tỉnh",
    )
    url = catalogue.url
    everything = client.get(url).content.decode()
    assert "Đăng ký tạm trú" in everything and "Cấp đổi thẻ căn cước" in everything
    by_field = client.get(url, {"field": "Căn cước"}).content.decode()
    assert "Cấp đổi thẻ căn cước" in by_field and "Đăng ký tạm trú" not in by_field
    by_level = client.get(url, {"level": Level.FULL}).content.decode()
    assert "Đăng ký tạm trú" in by_level and "Cấp đổi thẻ căn cước" not in by_level
    by_agency = client.get(url, {"agency": "Công an tỉnh"}).content.decode()
    assert "Cấp đổi thẻ căn cước" in by_agency and "Đăng ký tạm trú" not in by_agency


@pytest.mark.parametrize(
    "query", ["tạm trú", "tam tru", "TẠM TRÚ", unicodedata.normalize("NFD", "tạm trú"), "1.004222"]
)
def test_catalogue_search_ignores_tones_and_form(client, catalogue, procedure, query):
    make_procedure(catalogue, code="1.012340", title="Cấp đổi thẻ căn cước", field="Căn cước")
    html = client.get(catalogue.url, {"q": query}).content.decode()
    assert "Đăng ký tạm trú" in html
    assert "Cấp đổi thẻ căn cước" not in html


def test_search_text_contains_indexable_facts(procedure):
    text = procedure.search_text()
    for part in ("Đăng ký tạm trú", "1.004222", "Công an cấp xã", "Tờ khai CT01"):
        assert part in text


def test_demo_is_idempotent_and_complete(home, client):
    from django.contrib.auth import authenticate

    from services.demo import OFFICER_GROUP, OFFICER_PASSWORD, OFFICER_USERNAME, load_demo

    load_demo(home)
    load_demo(home)
    index = ProcedureIndexPage.objects.get()
    assert index.slug == "dich-vu-cong"
    assert ProcedurePage.objects.live().count() >= 6
    assert ProcedurePage.objects.filter(code="1.004194").count() == 1
    online = [p for p in ProcedurePage.objects.live() if p.accepts_online]
    assert all(p.form_fields.exists() for p in online)
    officer = authenticate(username=OFFICER_USERNAME, password=OFFICER_PASSWORD)
    assert officer is not None and officer.groups.filter(name=OFFICER_GROUP).exists()
    assert officer.has_perm("services.process_application")
    response = client.get("/dich-vu-cong/")
    assert response.status_code == 200
    assert "Đăng ký thường trú" in response.content.decode()
    page = ProcedurePage.objects.get(code="1.004194")
    assert client.get(page.url + "nop-ho-so/").status_code == 200


def test_load_services_demo_command(home):
    from django.core.management import call_command

    call_command("load_services_demo", stdout=__import__("io").StringIO())
    assert ProcedurePage.objects.live().descendant_of(home).count() >= 6
