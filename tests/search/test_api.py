"""The JSON API and the results page: contract, validation, and no server error for any input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import utils

pytestmark = pytest.mark.django_db

TITLE = "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc"


@pytest.fixture
def articles(news_index):
    main = utils.make_article(news_index, title=TITLE, sapo="HNP - Công an Thành phố tổ chức hội nghị.")
    other = utils.make_article(news_index, title="Bảo vệ môi trường khu dân cư", sapo="Ra quân dọn vệ sinh.")
    return main, other


def test_api_search_contract(client, articles):
    main, _other = articles
    response = client.get("/api/v1/search", {"q": "bao ve an ninh to quoc"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "bao ve an ninh to quoc"
    assert data["total"] == 1
    first = data["items"][0]
    assert first["title"] == TITLE
    assert first["url"] == main.url
    assert first["type"] == "news"
    assert first["date"]
    assert first["score"] > 0
    assert "<mark>" in first["snippet"]
    assert data["facets"]["type"] == [{"value": "news", "label": "Tin tức", "count": 1}]


def test_api_toned_and_nfd_queries(client, articles):
    import unicodedata

    for q in [
        "bảo vệ an ninh Tổ quốc",
        unicodedata.normalize("NFD", "bảo vệ an ninh Tổ quốc"),
        "BAO VE AN NINH TO QUOC",
    ]:
        data = client.get("/api/v1/search", {"q": q}).json()
        assert [r["title"] for r in data["items"]] == [TITLE]


def test_api_type_and_pages(client, articles):
    data = client.get("/api/v1/search", {"q": "bao ve", "so_muc": "1", "trang": "2"}).json()
    assert data["total"] == 2
    assert (data["trang"], data["so_muc"], data["so_trang"]) == (2, 1, 2)
    assert data["next"] is None and "trang=1" in data["previous"]
    assert len(data["items"]) == 1
    assert client.get("/api/v1/search", {"q": "bao ve", "type": "news"}).json()["total"] == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Thiếu giá trị"),
        ({"q": "a" * 201}, "tối đa 200"),
        ({"q": "an ninh", "type": "application"}, "danh sách cho phép"),
        ({"q": "an ninh", "so_muc": "abc"}, "số nguyên"),
        ({"q": "an ninh", "so_muc": "0"}, "từ 1 trở lên"),
        ({"q": "an ninh", "so_muc": "1000"}, "vượt quá 50"),
        ({"q": "an ninh", "trang": "-1"}, "từ 1 trở lên"),
        ({"q": "an ninh", "year": "20x4"}, "số nguyên"),
        ({"q": "an ninh", "sort": "random"}, "danh sách cho phép"),
    ],
)
def test_api_validation_is_400_in_vietnamese(client, articles, params, message):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert message in body["message"] + " ".join(m for ms in body["errors"].values() for m in ms)


@pytest.mark.parametrize("q", ["   ", "\"'*()", "\u0301", "\x8e"])
def test_api_query_without_letters_finds_nothing(client, articles, q):
    for path in ("/api/v1/search", "/api/v1/search/suggest"):
        response = client.get(path, {"q": q})
        assert response.status_code == 200, path
        assert response.json()["items"] == []


def test_api_suggest(client, articles):
    data = client.get("/api/v1/search/suggest", {"q": "bao ve an n"}).json()
    assert [r["title"] for r in data["items"]] == [TITLE]
    data = client.get("/api/v1/search/suggest", {"q": "bảo v"}).json()
    assert {r["title"] for r in data["items"]} == {TITLE, "Bảo vệ môi trường khu dân cư"}
    assert client.get("/api/v1/search/suggest", {"q": ""}).json()["errors"]["q"]


def test_api_in_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]
    assert "/api/v1/search/suggest" in schema["paths"]


def test_results_page(client, articles):
    main, _ = articles
    response = client.get("/tim-kiem/", {"q": "bao ve an ninh to quoc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{main.url}"' in html
    assert "<mark>Tổ</mark>" in html
    assert "Loại nội dung" in html


def test_results_page_without_query_and_not_found(client, articles):
    assert client.get("/tim-kiem/").status_code == 200
    response = client.get("/tim-kiem/", {"q": "bao ve xyzxyz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không tìm thấy" in html
    assert "?q=bao%20ve" in html  # suggestion: a shorter query that finds something


def test_results_page_pagination_and_sort(client, news_index):
    for n in range(12):
        utils.make_article(news_index, title=f"Thông tin cảnh báo số {n}")
    page1 = client.get("/tim-kiem/", {"q": "canh bao"}).content.decode()
    assert 'rel="next"' in page1
    page2 = client.get("/tim-kiem/", {"q": "canh bao", "trang": "2", "sort": "date"})
    assert page2.status_code == 200
    assert page2.content.decode().count('class="search-result"') == 2
    assert client.get("/tim-kiem/", {"q": "canh bao", "trang": "x"}).status_code == 200


_NASTY = st.sampled_from(
    [
        '"',
        "'",
        "*",
        "(",
        ")",
        "-",
        "+",
        ":",
        "^",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        "{",
        "}",
        "\\",
        "%",
        "_",
        "\x00",
        "\x1f",
        "\u200b",
        "\ufeff",
        "đ",
        "Đ",
        "ố",
        "\u0301",
        " ",
        "\t",
        "\n",
        "<script>",
        "&",
        ";",
        "--",
        "/*",
        "|",
        "!",
        "~",
        "@",
    ]
)
_QUERY = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(_NASTY, st.text(alphabet="anhtọquốcbảovệ", min_size=1, max_size=6)), max_size=15).map(" ".join),
    st.lists(_NASTY, max_size=20).map("".join),
    st.text(min_size=195, max_size=260),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=_QUERY, limit=st.sampled_from(["", "1", "50", "x", "-3", "1e3"]), kind=st.sampled_from(["", "news", "page", "x"])
)
def test_no_server_error_for_any_query(client, articles, q, limit, kind):
    api = client.get("/api/v1/search", {"q": q, "so_muc": limit, "type": kind})
    assert api.status_code in (200, 400), (q, api.content[:200])
    suggest = client.get("/api/v1/search/suggest", {"q": q})
    assert suggest.status_code in (200, 400), q
    page = client.get("/tim-kiem/", {"q": q, "type": kind})
    assert page.status_code in (200, 400), q
