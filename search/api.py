"""Search JSON API (mounted at /api/v1/search): results with facets, and title suggestions.

Text parameters are validated by `search.selectors` (Vietnamese 400s); paging uses the API's one
scheme (`trang`, `so_muc`), turned here into the selector's limit and offset.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cms.api import PageMeta, error, paginate, responses
from cms.text import clean_line
from search import registry, selectors
from search.backends.base import ParsedQuery

router = Router(tags=["tim-kiem"])


KINDS = Literal[("", *registry._REGISTRY)]  # type: ignore[valid-type]
QUERY_DESCRIPTION = "Từ khoá, có dấu hay không dấu; từ khoá không có chữ cái hay chữ số nào thì không tìm thấy gì"
NO_NUL = r"^[^\x00]*$"


def _nothing_to_find(q: str) -> bool:
    """A query without any letter or digit is well formed but finds nothing (200, no items)."""
    text = clean_line(q)
    return not text or ParsedQuery.parse(text).is_empty


class SearchParams(Schema):
    q: str = Field(min_length=1, max_length=selectors.MAX_QUERY_LENGTH, pattern=NO_NUL, description=QUERY_DESCRIPTION)
    type: KINDS = ""
    category: str = Field("", max_length=120, pattern=r"^([A-Za-z0-9-]*[A-Za-z0-9][A-Za-z0-9-]*)?$")
    year: int | None = Field(None, ge=1900, le=2100)
    sort: Literal["", "relevance", "date"] = ""
    trang: int = Field(1, ge=1, le=200, description="Trang, từ 1")
    so_muc: int = Field(10, ge=1, le=selectors.MAX_LIMIT, description=f"Số mục mỗi trang, 1–{selectors.MAX_LIMIT}")


class SuggestParams(Schema):
    q: str = Field(min_length=1, max_length=selectors.MAX_QUERY_LENGTH, pattern=NO_NUL, description=QUERY_DESCRIPTION)
    so_muc: int = Field(8, ge=1, le=20, description="Số gợi ý, 1–20")


class ResultOut(Schema):
    title: str
    url: str
    type: str
    type_label: str
    date: datetime | None
    snippet: str
    score: float


class FacetValueOut(Schema):
    value: str | int
    label: str = ""
    count: int


class FacetsOut(Schema):
    type: list[FacetValueOut]
    year: list[FacetValueOut]
    category: list[FacetValueOut]


class SearchOut(PageMeta):
    query: str
    items: list[ResultOut]
    facets: FacetsOut


class SuggestionOut(Schema):
    title: str
    url: str
    type: str
    type_label: str


class SuggestOut(Schema):
    query: str
    items: list[SuggestionOut]


@router.get(
    "",
    response=responses({200: SearchOut}),
    summary="Tìm kiếm nội dung công khai",
    description=(
        "Tìm tin bài, thủ tục hành chính và trang thông tin; gõ có dấu, không dấu hay dạng Unicode tổ hợp "
        "đều được. `snippet` là HTML đã thoát ký tự, từ khớp nằm trong thẻ `<mark>`."
    ),
)
def search(request: HttpRequest, params: Query[SearchParams]):
    if _nothing_to_find(params.q):
        empty = {"type": [], "year": [], "category": []}
        page = paginate(request, [], trang=params.trang, so_muc=params.so_muc)
        return Status(200, {**page, "query": clean_line(params.q), "facets": empty})
    try:
        found = selectors.search_pages(
            query=params.q,
            kind=params.type,
            category=params.category,
            year=params.year or "",
            sort=params.sort,
            limit=params.so_muc,
            offset=(params.trang - 1) * params.so_muc,
        )
    except selectors.SearchError as problem:
        return error(400, problem.message)
    page = paginate(request, range(found.total), trang=params.trang, so_muc=params.so_muc)
    payload = {
        **page,
        "query": found.query,
        "items": [
            {
                "title": r.title,
                "url": r.url,
                "type": r.kind,
                "type_label": r.kind_label,
                "date": r.date,
                "snippet": str(r.snippet),
                "score": r.score,
            }
            for r in found.results
        ],
        "facets": found.facets,
    }
    return Status(200, payload)


@router.get(
    "/suggest",
    response=responses({200: SuggestOut}),
    summary="Gợi ý tiêu đề khi đang gõ",
)
def suggest(request: HttpRequest, params: Query[SuggestParams]):
    if _nothing_to_find(params.q):
        return Status(200, {"query": params.q[:200], "items": []})
    try:
        results = selectors.search_suggest(query=params.q, limit=params.so_muc)
    except selectors.SearchError as problem:
        return error(400, problem.message)
    return Status(200, {"query": params.q[:200], "items": results})
