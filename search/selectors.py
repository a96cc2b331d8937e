"""Reads for the search page and the JSON API: validation, backend call, hydration.

Views and the API call only these functions; they never import a backend. When the
configured backend (the search engine) fails, the database index answers and a warning is
logged, so citizens always get results. Engine highlights (marked in the original, toned text,
HTML-escaped by the engine; `SEARCH_ENGINE_HIGHLIGHT`) replace the locally computed ones when
present. They are off by default: the local highlighter marks the same words, and asking the
engine for them doubled its query time on the corpus (5 -> 10 ms p50).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cms.text import clean_line
from search import registry
from search.backends import database, get_backend
from search.backends.base import ParsedQuery, SearchPage, SearchRequest
from search.snippets import contains_run, folded_words, highlight, phrase_count, snippet

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 50
MAX_OFFSET = 10_000
SORTS = ("relevance", "date")

# Second ranking stage, over the best RERANK_DEPTH hits, for what the first one cannot see:
# - the database backends rank on title and lead only (ranking over whole bodies costs too
#   much), so an article whose body repeats the query as a phrase ("bảo vệ an ninh Tổ quốc" four
#   times) is about it, and moves up: up to +BODY_PHRASE_BOOST (n / (n + 1) of it for n repeats);
# - bm25 rewards a title for holding the words, not for being them: a page whose whole title
#   is in the query ("luat cu tru" → "Luật Cư trú") gets +WHOLE_TITLE_BOOST, so it comes before
#   pages that merely mention the name in a longer lead.
# Scores only grow, and only inside the first RERANK_DEPTH, so every page of results is a slice
# of one order.
RERANK_DEPTH = 20
BODY_PHRASE_BOOST = 0.3
WHOLE_TITLE_BOOST = 0.5


class SearchError(ValueError):
    """A request the search cannot answer; `message` is shown to the citizen (Vietnamese)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class SearchResult:
    page_id: int
    title: str
    title_html: SafeString
    url: str
    kind: str
    kind_label: str
    date: datetime | None
    snippet: SafeString
    score: float
    categories: list[dict]


@dataclass
class SearchResults:
    query: str
    total: int
    results: list[SearchResult]
    facets: dict = field(default_factory=dict)
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"
    backend: str = ""


def _to_int(value, name: str, *, minimum: int, maximum: int, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise SearchError(_("Tham số “%(name)s” phải là số nguyên.") % {"name": name})
    if number < minimum or number > maximum:
        raise SearchError(
            _("Tham số “%(name)s” phải từ %(min)s đến %(max)s.") % {"name": name, "min": minimum, "max": maximum}
        )
    return number


def search_request_build(
    *,
    query: str | None,
    kind: str | None = None,
    category: str | None = None,
    year=None,
    sort: str | None = None,
    limit=None,
    offset=None,
    facets: bool = True,
) -> SearchRequest:
    """Validate raw parameters into a `SearchRequest`; raises `SearchError` with a Vietnamese message."""
    text = clean_line(query or "")
    if not text:
        raise SearchError(_("Vui lòng nhập từ khóa tìm kiếm."))
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(_("Từ khóa quá dài (tối đa %(max)s ký tự).") % {"max": MAX_QUERY_LENGTH})
    parsed = ParsedQuery.parse(text)
    if parsed.is_empty:
        raise SearchError(_("Từ khóa cần có ít nhất một chữ cái hoặc chữ số."))
    kind = (kind or "").strip() or None
    if kind and kind not in registry.kinds():
        raise SearchError(_("Loại nội dung “%(kind)s” không tồn tại.") % {"kind": kind[:40]})
    category = clean_line(category or "") or None
    if category and (len(category) > 120 or not category.replace("-", "").isalnum() or not category.isascii()):
        raise SearchError(_("Chuyên mục không hợp lệ."))
    sort = (sort or "relevance").strip()
    if sort not in SORTS:
        raise SearchError(_("Cách sắp xếp phải là “relevance” hoặc “date”."))
    return SearchRequest(
        query=parsed,
        kind=kind,
        category=category,
        year=_to_int(year, "year", minimum=1900, maximum=2100, default=0) or None,
        sort=sort,
        limit=_to_int(limit, "limit", minimum=1, maximum=MAX_LIMIT, default=10),
        offset=_to_int(offset, "offset", minimum=0, maximum=MAX_OFFSET, default=0),
        facets=facets,
    )


def _run(request: SearchRequest) -> SearchPage:
    backend = get_backend()
    if backend.name == "database":
        return backend.search(request)
    try:
        return backend.search(request, highlight=settings.SEARCH_ENGINE_HIGHLIGHT)
    except Exception as exc:
        logger.warning("Search: %s unavailable, answering from the database index (%s)", backend.name, exc)
        return database.backend().search(request)


def _suggest_ids(words: tuple[str, ...], limit: int) -> list[int]:
    backend = get_backend()
    if backend.name != "database":
        try:
            return backend.suggest(words, limit)
        except Exception as exc:
            logger.warning("Search: %s unavailable for suggestions, asking the database index (%s)", backend.name, exc)
    return database.backend().suggest(words, limit)


def _rerank(request: SearchRequest, page: SearchPage, entries: dict) -> None:
    words = request.query.words
    head = page.hits[:RERANK_DEPTH]
    for hit in head:
        entry = entries.get(hit.page_id)
        if entry is None:
            continue
        repeats = phrase_count(entry.body, words)
        boost = 1 + BODY_PHRASE_BOOST * repeats / (repeats + 1)
        if contains_run(words, folded_words(entry.title)):
            boost += WHOLE_TITLE_BOOST
        hit.score *= boost
    head.sort(key=lambda hit: hit.score, reverse=True)  # stable: ties keep the backend's order
    page.hits[:RERANK_DEPTH] = head


def search_run(request: SearchRequest) -> SearchResults:
    """Run a validated request and hydrate the hits (title, URL, type, date, snippet)."""
    from search.models import SearchEntry

    wanted = slice(request.offset, request.offset + request.limit)
    rerank = request.sort == "relevance" and request.offset < RERANK_DEPTH
    if rerank:
        # Fetch from the top, so that the first RERANK_DEPTH hits are reordered the same way
        # whatever page is asked for.
        request = replace(request, offset=0, limit=max(wanted.stop, RERANK_DEPTH))
    page = _run(request)
    entries = SearchEntry.objects.in_bulk([hit.page_id for hit in page.hits])
    if rerank:
        _rerank(request, page, entries)
        page.hits = page.hits[wanted]
    types = registry.kinds()
    words = set(request.query.words)
    results = []
    for hit in page.hits:
        entry = entries.get(hit.page_id)
        if entry is None:
            continue
        page_type = types.get(entry.kind)
        marks = hit.highlights or {}
        title_html = mark_safe(marks["title"][0]) if marks.get("title") else highlight(entry.title, words)
        if marks.get("lead") or marks.get("body"):
            text_html = mark_safe(" … ".join((marks.get("lead") or []) + (marks.get("body") or [])))
        else:
            text_html = snippet(f"{entry.lead}\n{entry.body}" if entry.lead else entry.body, words)
        results.append(
            SearchResult(
                page_id=entry.pk,
                title=entry.title,
                title_html=title_html,
                url=entry.url,
                kind=entry.kind,
                kind_label=str(page_type.label) if page_type else entry.kind,
                date=entry.date,
                snippet=text_html,
                score=hit.score,
                categories=entry.categories,
            )
        )
    return SearchResults(
        query=request.query.text,
        total=page.total,
        results=results,
        facets=_label_facets(page.facets, types),
        limit=wanted.stop - wanted.start,
        offset=wanted.start,
        sort=request.sort,
        backend=page.backend,
    )


def _label_facets(facets: dict, types: dict) -> dict:
    if not facets:
        return {}
    return {
        "type": [
            {"value": kind, "label": str(types[kind].label) if kind in types else kind, "count": n}
            for kind, n in sorted(facets.get("type", {}).items(), key=lambda item: -item[1])
        ],
        "year": [
            {"value": year, "count": n} for year, n in sorted(facets.get("year", {}).items(), reverse=True) if year
        ],
        "category": [
            {"value": slug, "label": data["name"], "count": data["count"]}
            for slug, data in sorted(facets.get("category", {}).items(), key=lambda item: -item[1]["count"])
            if slug
        ],
    }


def search_pages(**params) -> SearchResults:
    """Validate and run in one call (the API and the page use this)."""
    return search_run(search_request_build(**params))


def search_suggest(*, query: str | None, limit=None) -> list[dict]:
    """Titles for search-as-you-type: every word typed, the last one as a prefix."""
    from search.models import SearchEntry

    text = clean_line(query or "")
    if not text:
        raise SearchError(_("Vui lòng nhập từ khóa tìm kiếm."))
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(_("Từ khóa quá dài (tối đa %(max)s ký tự).") % {"max": MAX_QUERY_LENGTH})
    limit = _to_int(limit, "limit", minimum=1, maximum=20, default=8)
    parsed = ParsedQuery.parse(text)
    if parsed.is_empty:
        return []
    ids = _suggest_ids(parsed.words, limit)
    entries = SearchEntry.objects.in_bulk(ids)
    types = registry.kinds()
    out = []
    for pk in ids:
        entry = entries.get(pk)
        if entry:
            label = types[entry.kind].label if entry.kind in types else entry.kind
            out.append({"title": entry.title, "url": entry.url, "type": entry.kind, "type_label": str(label)})
    return out


def search_suggestions_for_empty(*, query: str) -> list[str]:
    """When nothing matched: shorter queries worth trying (dropping words from the end)."""
    words = ParsedQuery.parse(query).words
    suggestions = []
    for size in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:size])
        request = SearchRequest(query=ParsedQuery.parse(candidate), limit=1, facets=False)
        if database.backend().search(request).total:
            suggestions.append(candidate)
            break
    return suggestions
