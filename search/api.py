"""Search JSON API (mounted at /api/search): results with facets, and title suggestions.

Every parameter arrives as a plain string and is validated by `search.selectors`, so a bad
number or an unknown type gives a 400 with a Vietnamese message instead of ninja's 422 or a 500.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from search import selectors

router = Router(tags=["Tìm kiếm"])


class SearchParams(Schema):
    q: str = ""
    type: str = ""
    category: str = ""
    year: str = ""
    sort: str = ""
    limit: str = ""
    offset: str = ""


class SuggestParams(Schema):
    q: str = ""
    limit: str = ""


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


class SearchOut(Schema):
    query: str
    total: int
    limit: int
    offset: int
    results: list[ResultOut]
    facets: FacetsOut


class SuggestionOut(Schema):
    title: str
    url: str
    type: str
    type_label: str


class SuggestOut(Schema):
    query: str
    results: list[SuggestionOut]


class ErrorOut(Schema):
    detail: str


@router.get(
    "",
    response={200: SearchOut, 400: ErrorOut},
    summary="Tìm kiếm nội dung công khai",
    description=(
        "Tìm tin bài, thủ tục hành chính và trang thông tin; gõ có dấu, không dấu hay dạng Unicode tổ hợp "
        "đều được. `snippet` là HTML đã thoát ký tự, từ khớp nằm trong thẻ `<mark>`."
    ),
)
def search(request: HttpRequest, params: Query[SearchParams]):
    try:
        found = selectors.search_pages(
            query=params.q,
            kind=params.type,
            category=params.category,
            year=params.year,
            sort=params.sort,
            limit=params.limit,
            offset=params.offset,
        )
    except selectors.SearchError as error:
        return Status(400, {"detail": str(error.message)})
    payload = {
        "query": found.query,
        "total": found.total,
        "limit": found.limit,
        "offset": found.offset,
        "results": [
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
    response={200: SuggestOut, 400: ErrorOut},
    summary="Gợi ý tiêu đề khi đang gõ",
)
def suggest(request: HttpRequest, params: Query[SuggestParams]):
    try:
        results = selectors.search_suggest(query=params.q, limit=params.limit)
    except selectors.SearchError as error:
        return Status(400, {"detail": str(error.message)})
    return Status(200, {"query": params.q[:200], "results": results})
