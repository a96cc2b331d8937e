"""Wanted persons: tone-less search over names and other names, filters with Vietnamese errors,
the tip link, and a caught person gone from listing, search, sitemap and API at once."""

import unicodedata
from datetime import date

import pytest
from django.core.cache import cache
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from publications import selectors as pub_selectors
from publications import services
from publications.models import WantedPersonIndexPage, WantedPersonPage
from reports.models import Report
from search import selectors as search_selectors
from tests import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        index = utils.make_wanted_index()
        a = utils.make_wanted_person(index, "Nguyễn Văn A", other_names="Tý Sẹo, Đức Mập")
        b = utils.make_wanted_person(
            index, "Trần Thị Bích", offence="Cướp giật tài sản", decision_date=date(2024, 5, 2), sex="nu"
        )
    return index, a, b


def _names(response):
    return [p.full_name for p in response.context["people"]]


@pytest.mark.parametrize(
    "query", ["nguyen van a", "Nguyễn Văn A", unicodedata.normalize("NFD", "nguyễn văn a"), "NGUYEN"]
)
def test_listing_finds_a_name_with_or_without_tone_marks(client, people, query):
    index, a, b = people
    response = client.get(index.url, {"q": query})
    assert response.status_code == 200
    assert _names(response) == ["Nguyễn Văn A"]


def test_listing_finds_other_names_too(client, people):
    index, a, b = people
    assert _names(client.get(index.url, {"q": "duc map"})) == ["Nguyễn Văn A"]
    assert _names(client.get(index.url, {"q": "ty seo"})) == ["Nguyễn Văn A"]
    assert _names(client.get(index.url, {"q": "bich"})) == ["Trần Thị Bích"]


def test_filters_by_year_and_offence_tone_less(client, people):
    index, a, b = people
    assert _names(client.get(index.url, {"year": "2024"})) == ["Trần Thị Bích"]
    assert _names(client.get(index.url, {"offence": "cuop giat tai san"})) == ["Trần Thị Bích"]
    assert _names(client.get(index.url, {"offence": "Lừa đảo chiếm đoạt tài sản"})) == ["Nguyễn Văn A"]


def test_bad_filter_values_get_vietnamese_errors_linked_to_the_field(client, people):
    index, a, b = people
    response = client.get(index.url, {"year": "1999", "offence": "không có"})
    html = response.content.decode()
    assert "Năm ra quyết định không hợp lệ" in html
    assert "Tội danh không có trong danh sách" in html
    assert 'role="alert"' in html
    assert 'aria-describedby="id_year_errors"' in html
    assert 'id="id_year_errors"' in html


def test_pages_render_and_link_to_the_tip_form(client, people):
    index, a, b = people
    html = client.get(a.url).content.decode()
    assert "Truy nã: Nguyễn Văn A" in html
    assert f"/phan-anh-to-giac/?doi_tuong={a.pk}" in html
    assert f"/phan-anh-to-giac/?doi_tuong={a.pk}" in client.get(index.url).content.decode()


def test_tip_form_names_the_person_and_the_tip_keeps_the_reference(client, people, admin_client):
    index, a, b = people
    html = client.get("/phan-anh-to-giac/", {"doi_tuong": a.pk}).content.decode()
    assert "Tin báo về đối tượng: <strong>Nguyễn Văn A</strong>" in html
    assert f'name="subject_page" value="{a.pk}"' in html
    form = client.get("/phan-anh-to-giac/", {"doi_tuong": a.pk}).context["form"]
    data = {
        "category": "toi-pham-hinh-su",
        "description": "Tôi thấy người giống đối tượng truy nã ở chợ sáng nay.",
        "occurred_unknown": "on",
        "location_unknown": "on",
        "subject_page": str(a.pk),
        "form_token": str(form.initial["form_token"]),
    }
    response = client.post("/phan-anh-to-giac/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    report = Report.objects.get()
    assert (report.subject_page_id, report.subject_title) == (a.pk, "Nguyễn Văn A")
    detail = admin_client.get(f"/admin/phan-anh/{report.pk}/").content.decode()
    assert "Tin báo về" in detail and "Nguyễn Văn A" in detail


def test_a_tip_about_an_unknown_or_unpublished_page_stores_no_reference(client, people):
    index, a, b = people
    assert "Tin báo về đối tượng" not in client.get("/phan-anh-to-giac/", {"doi_tuong": "999999"}).content.decode()
    assert "Tin báo về đối tượng" not in client.get("/phan-anh-to-giac/", {"doi_tuong": "x"}).content.decode()


@pytest.mark.parametrize("status", [WantedPersonPage.Status.CAUGHT, WantedPersonPage.Status.REVOKED])
def test_caught_or_revoked_leaves_listing_search_sitemap_and_api_at_once(client, people, status, publish_now):
    index, a, b = people
    assert a.pk in [r.page_id for r in search_selectors.search_pages(query="nguyen van a").results]
    cache.clear()
    assert a.full_url in client.get("/sitemap-trang.xml").content.decode()
    assert "Nguyễn Văn A" in [i["full_name"] for i in client.get("/api/v1/wanted-persons").json()["items"]]

    services.wanted_person_set_status(page=a, status=status)

    a = WantedPersonPage.objects.get(pk=a.pk)
    assert not a.live and a.status == status
    assert _names(client.get(index.url)) == ["Trần Thị Bích"]
    assert client.get(a.url or f"/truy-na/{a.slug}/").status_code == 404
    assert a.pk not in [r.page_id for r in search_selectors.search_pages(query="nguyen van a").results]
    cache.clear()  # the sitemap is cached for 30 minutes (cms/sitemaps.py)
    sitemap = client.get("/sitemap-trang.xml").content.decode()
    assert f"/truy-na/{a.slug}/" not in sitemap and "/truy-na/" in sitemap
    assert [i["full_name"] for i in client.get("/api/v1/wanted-persons").json()["items"]] == ["Trần Thị Bích"]


def test_publishing_a_caught_person_from_the_admin_unpublishes_it(admin_client, people):
    index, a, b = people
    a.status = WantedPersonPage.Status.CAUGHT
    revision = a.save_revision()
    from publications.wagtail_hooks import unpublish_when_no_longer_wanted

    revision.publish()
    request = type("R", (), {"user": None})()
    unpublish_when_no_longer_wanted(request, Page.objects.get(pk=a.pk))
    assert not WantedPersonPage.objects.get(pk=a.pk).live
    assert pub_selectors.wanted_person_list(index=index) == [b]


def test_api_searches_tone_less(client, people):
    data = client.get("/api/v1/wanted-persons", {"q": "tran thi bich"}).json()
    assert [i["full_name"] for i in data["items"]] == ["Trần Thị Bích"]
    assert data["items"][0]["other_names"] == []


class WantedPageTests(WagtailPageTestCase):
    def test_can_create_under_home_and_index(self):
        self.assertCanCreateAt(utils.make_home().__class__, WantedPersonIndexPage)
        self.assertCanCreateAt(WantedPersonIndexPage, WantedPersonPage)
        self.assertCanNotCreateAt(utils.make_home().__class__, WantedPersonPage)

    def test_renderable(self):
        person = utils.make_wanted_person()
        self.assertPageIsRenderable(person)
        self.assertPageIsRenderable(person.get_parent().specific)
