"""Hostile input on every public form and filter answers 400 or a form error, never 500.

NUL bytes, lone surrogates (sent as the raw UTF-8 bytes a browser never would), 100 KB fields,
years 0001 and 9999 and page 10^20, fixed cases first, then hypothesis over each form.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms import querylimits
from reports.models import ReportCategory
from tests import utils

HOSTILE = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "A" * 100_000,
    "Đ" * 50_000,
    "0001-01-01",
    "9999-12-31",
    "9999-12",
    "0001",
    "9999",
    "100000000000000000000",
    "-1",
    "1e20",
    "NaN",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\u202e\ufeff",
]
# What a form field may be made of: anything, including the surrogates and NUL above.
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=300),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _encode(data: dict[str, str]) -> str:
    """Form encoding that keeps lone surrogates as their (invalid) UTF-8 bytes."""
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(str(v).encode('utf-8', 'surrogatepass'))}"
        for k, v in data.items()
    )


def _get(client, path: str, params: dict[str, str]):
    return client.get(f"{path}?{_encode(params)}")


def _post(client, path: str, data: dict[str, str]):
    return client.post(path, _encode(data), content_type="application/x-www-form-urlencoded")


@pytest.fixture
def site(db, settings):
    settings.PORTAL_RATE_LIMITS = "off"
    home = utils.make_home()
    news = utils.make_news_index(home)
    utils.make_article(news)
    documents = utils.make_document_index(home)
    utils.make_document(documents)
    catalogue = utils.make_procedure_index(home)
    procedure = utils.make_procedure(catalogue)
    crime = ReportCategory.objects.get(code="toi-pham-hinh-su")
    ReportCategory.objects.get_or_create(code="lua-dao-qua-mang", defaults={"name": "Lừa đảo", "parent": crime})
    return {"news": news.url, "documents": documents.url, "catalogue": catalogue.url, "procedure": procedure}


def _get_pages(site) -> list[tuple[str, set[str]]]:
    return [
        (site["news"], {"thang", "chuyen-muc", "tu-khoa", "trang"}),
        (site["documents"], {"document_type", "year", "status", "trang", "q"}),
        (site["catalogue"], {"q", "linh-vuc", "trang"}),
        ("/tim-kiem/", {"q", "trang", "type", "category", "year", "sort"}),
        ("/phan-anh-to-giac/thong-ke/", {"ky", "nam", "tu", "den", "dinh-dang"}),
        ("/tra-cuu-ho-so/", {"ma"}),
    ]


def _post_forms(site) -> list[tuple[str, dict[str, str]]]:
    from tests.reports.test_intake import _data

    procedure = site["procedure"]
    return [
        ("/phan-anh-to-giac/", _data()),
        ("/phan-anh-to-giac/theo-doi/", {"code": "PA-ABCD-EFGH", "pin": "12345678"}),
        ("/tra-cuu-ho-so/", {"code": "HS-ABCD-EFGH", "contact": "0912345678"}),
        (
            procedure.url + "nop-ho-so/",
            {"applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678", "ngay_sinh": "15/03/1990"},
        ),
    ]


@pytest.mark.django_db
def test_fixed_hostile_values_in_every_public_filter(client, site):
    for path, names in _get_pages(site):
        for name in names:
            for value in HOSTILE:
                response = _get(client, path, {name: value})
                assert response.status_code in {200, 400, 404}, (path, name, value[:40], response.status_code)


@pytest.mark.django_db
def test_fixed_hostile_values_in_every_public_form(client, site):
    for path, base in _post_forms(site):
        for name in base:
            for value in HOSTILE:
                response = _post(client, path, {**base, name: value})
                assert response.status_code in {200, 302, 400, 404, 409, 429}, (path, name, value[:40])


@pytest.mark.django_db
def test_limits_answer_a_clear_400(client, site):
    cases = [
        ("/tim-kiem/", {"q": "a" * 100_000}, "Địa chỉ trang quá dài"),
        ("/tim-kiem/", {"q": "a" * 300}, "dài quá 200"),
        ("/tim-kiem/", {"trang": "100000000000000000000"}, "Số trang phải là số từ 1 đến 10.000"),
        (site["news"], {"trang": str(10**20)}, "Số trang"),
        (site["news"], {"thang": "9999-12"}, "Tháng phải có dạng"),
        (site["news"], {"thang": "0001-01"}, "Tháng phải có dạng"),
        (site["documents"], {"year": "0001"}, "Năm phải từ 1900"),
        (site["catalogue"], {"q": "\x00"}, "ký tự không hợp lệ"),
        ("/phan-anh-to-giac/thong-ke/", {"ky": "9999"}, "Năm phải từ 2000"),
    ]
    for path, params, message in cases:
        response = _get(client, path, params)
        assert response.status_code == 400, (path, params)
        assert message in response.content.decode(), (path, response.content.decode()[:500])
    # within the limits, nothing is refused
    assert _get(client, "/tim-kiem/", {"q": "Đà Nẵng", "trang": "2"}).status_code == 200
    assert _get(client, site["news"], {"thang": "2025-06", "trang": ""}).status_code == 200
    assert client.get(site["news"] + "thang/9999/12/").status_code == 404
    # a NUL byte in the address itself (PostgreSQL refuses NUL in a query: it was a 500 there)
    for path in ("/tra-cuu-ho-so/HS%00ABC/", site["news"] + "chuyen-muc/a%00b/", "/ho-so/HS%00/bien-nhan/"):
        response = client.get(path)
        assert response.status_code == 400 and "Địa chỉ trang không hợp lệ" in response.content.decode(), path


def test_querylimits_problem_is_none_for_ordinary_queries(rf):
    assert querylimits.problem(rf.get("/tin-tuc/", {"thang": "2025-6", "trang": "3", "q": "cư trú"})) is None
    assert querylimits.problem(rf.get("/", {"q": " ", "trang": ""})) is None
    assert querylimits.problem(rf.get("/", {"trang": "0"}))
    assert querylimits.problem(rf.get("/", {"trang": "-3"}))
    assert querylimits.problem(rf.get("/", {"thang": "99999-1"}))
    # not numbers at all: left to the views (ignored, or a form error)
    assert querylimits.problem(rf.get("/", {"nam": "２０２５", "thang": "abc", "trang": "1e20"})) is None


@pytest.mark.django_db
def test_hypothesis_over_public_filters(client, site):
    pages = _get_pages(site)

    @HYPOTHESIS
    @given(index=st.integers(0, len(pages) - 1), values=st.dictionaries(st.sampled_from(range(8)), hostile_text))
    def check(index, values):
        path, names = pages[index]
        names = sorted(names)
        params = {names[i % len(names)]: v for i, v in values.items()}
        response = _get(client, path, params)
        assert response.status_code in {200, 400, 404}, (path, params, response.status_code)

    check()


@pytest.mark.django_db
def test_hypothesis_over_public_forms(client, site):
    forms = _post_forms(site)

    @HYPOTHESIS
    @given(index=st.integers(0, len(forms) - 1), values=st.dictionaries(st.sampled_from(range(8)), hostile_text))
    def check(index, values):
        path, base = forms[index]
        names = sorted(base)
        data = {**base, **{names[i % len(names)]: v for i, v in values.items()}}
        response = _post(client, path, data)
        assert response.status_code in {200, 302, 400, 404, 409, 429}, (path, data, response.status_code)

    check()


@pytest.mark.django_db
def test_hypothesis_over_the_search_api(client, site):
    @HYPOTHESIS
    @given(
        q=hostile_text,
        page=st.one_of(hostile_text, st.integers(-(10**21), 10**21).map(str)),
        size=st.one_of(hostile_text, st.integers(-5, 10**6).map(str)),
    )
    def check(q, page, size):
        response = _get(client, "/api/v1/search", {"q": q, "trang": page, "so_muc": size})
        assert response.status_code in {200, 400, 422}, (q[:40], page[:40], size[:40], response.status_code)

    check()


@pytest.mark.django_db
def test_an_overlong_posted_field_is_refused_before_the_form_echoes_it(client, site):
    from tests.reports.test_intake import _data

    response = _post(client, "/phan-anh-to-giac/", {**_data(), "description": "Đ" * 50_000})
    assert response.status_code == 400
    assert "tối đa 20.000 ký tự" in response.content.decode() and len(response.content) < 10_000
    ordinary = _post(client, "/phan-anh-to-giac/", {**_data(), "description": "Đ" * 10_001})
    assert ordinary.status_code in {200, 400} and "Đ" * 10_001 in ordinary.content.decode()  # the form's own error
