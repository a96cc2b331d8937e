"""The legal documents section: list, filters, status, page, and its place in the site search."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from home.models import HomePage, LegalDocumentIndexPage, LegalDocumentPage
from search import selectors
from tests import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(home):
    index = utils.make_document_index(home)
    law = utils.make_document(index)
    decree = utils.make_document(
        index,
        title="Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú",
        number="154/2024/NĐ-CP",
        document_type="nghi-dinh",
        issuer="Chính phủ",
        issued_on=date(2024, 11, 26),
        effective_on=date(2025, 1, 10),
        summary="Hướng dẫn giấy tờ chứng minh chỗ ở hợp pháp.",
    )
    old = utils.make_document(
        index,
        title="Thông tư cũ về cư trú",
        number="01/2015/TT-BCA",
        document_type="thong-tu",
        issuer="Bộ Công an",
        issued_on=date(2015, 1, 5),
        effective_on=None,
        status=LegalDocumentPage.EXPIRED,
        summary="Văn bản đã hết hiệu lực.",
    )
    return index, law, decree, old


def _listed(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return response, [d.pk for d in response.context["documents"]]


def test_index_lists_newest_first_and_filters(client, documents):
    index, law, decree, old = documents
    response, listed = _listed(client, index)
    assert listed == [decree.pk, law.pk, old.pk]
    assert "68/2020/QH14" in response.content.decode()
    assert _listed(client, index, document_type="nghi-dinh")[1] == [decree.pk]
    assert _listed(client, index, year="2015")[1] == [old.pk]
    assert _listed(client, index, status="het-hieu-luc")[1] == [old.pk]
    assert _listed(client, index, status="con-hieu-luc")[1] == [decree.pk, law.pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"document_type": "sac-lenh"}, "không có trong danh mục"),
        ({"year": "1999"}, "Không có văn bản nào ban hành năm"),
        ({"year": "abc"}, "Không có văn bản nào ban hành năm"),
        ({"status": "<script>"}, "không hợp lệ"),
    ],
)
def test_bad_filters_explain_in_vietnamese_and_list_everything(client, documents, params, message):
    index = documents[0]
    response, listed = _listed(client, index, **params)
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert len(listed) == 3


def test_in_force_document_before_its_effective_date_is_not_yet_in_force(client, documents):
    index = documents[0]
    soon = utils.make_document(
        index,
        title="Luật sắp có hiệu lực",
        number="99/2026/QH15",
        issued_on=timezone.localdate() - timedelta(days=10),
        effective_on=timezone.localdate() + timedelta(days=30),
    )
    assert soon.effective_status() == "Chưa có hiệu lực"
    assert soon.effective_status(today=soon.effective_on) == "Còn hiệu lực"
    assert _listed(client, index, status="chua-co-hieu-luc")[1] == [soon.pk]
    assert soon.pk not in _listed(client, index, status="con-hieu-luc")[1]
    assert "Chưa có hiệu lực" in client.get(soon.url).content.decode()


def test_document_page_shows_facts_and_the_file(client, documents):
    law = documents[1]
    document = get_document_model().objects.create(
        title="Luật Cư trú 2020", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="luat-cu-tru.pdf")
    )
    law.attachment = document
    law.save_revision().publish()
    html = client.get(law.url).content.decode()
    for text in (
        "68/2020/QH14",
        "Quốc hội",
        "13/11/2020",
        "01/07/2021",
        "Còn hiệu lực",
        "Tải về Luật Cư trú 2020 (PDF",
    ):
        assert text in html, text
    assert document.url in html


def test_pages_can_only_be_created_in_their_place(documents):
    index = documents[0]
    assert LegalDocumentIndexPage.can_exist_under(HomePage.objects.get())
    assert not LegalDocumentPage.can_exist_under(HomePage.objects.get())
    assert LegalDocumentPage.can_exist_under(index)


def test_documents_are_searched_by_number_type_and_toneless_title(documents):
    _index, law, decree, _old = documents
    found = selectors.search_pages(query="68/2020/QH14")
    assert found.results[0].page_id == law.pk
    found = selectors.search_pages(query="nghi dinh 154/2024")
    assert found.results[0].page_id == decree.pk
    found = selectors.search_pages(query="cu tru", kind="document")
    assert {r.page_id for r in found.results} == {law.pk, decree.pk, _old.pk}
    assert {f["value"]: f["count"] for f in found.facets["category"]} == {"luat": 1, "nghi-dinh": 1, "thong-tu": 1}
    assert {f["value"]: f["count"] for f in found.facets["year"]} == {2024: 1, 2020: 1, 2015: 1}


def test_whole_title_in_the_query_comes_before_mentions(documents, home):
    """A procedure whose lead cites "Luật Cư trú" must not outrank the law itself."""
    law = documents[1]
    procedure = utils.make_procedure(
        title="Xóa đăng ký thường trú", summary="Xóa thông tin thường trú theo Điều 24 Luật Cư trú, Luật Cư trú."
    )
    ids = [r.page_id for r in selectors.search_pages(query="luat cu tru").results]
    assert ids.index(law.pk) < ids.index(procedure.pk)
    ids = [r.page_id for r in selectors.search_pages(query="Luật Cư trú").results]
    assert ids[0] == law.pk


def test_index_pages_twenty_at_a_time_and_keeps_the_filters(client, home):
    index = utils.make_document_index(home)
    for number in range(21):
        utils.make_document(index, title=f"Văn bản số {number}", number=f"{number}/2020/QH14")
    first = client.get(index.url, {"document_type": "luat"})
    assert len(first.context["documents"]) == 20
    html = first.content.decode()
    assert '<span aria-current="page">Trang 1/2</span>' in html
    assert '<a rel="next" href="?document_type=luat&amp;trang=2">Trang sau ›</a>' in html
    second = client.get(index.url, {"document_type": "luat", "trang": "2"})
    assert len(second.context["documents"]) == 1
    assert '<a rel="prev" href="?document_type=luat&amp;trang=1">‹ Trang trước</a>' in second.content.decode()
