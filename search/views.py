"""The results page `/tim-kiem/`: thin, everything comes from `search.selectors`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from search import selectors

PER_PAGE = 10
MAX_PAGE = 100


PAGE_PARAM = "trang"  # the one page parameter of every HTML listing (cms.pages.paginate)


def _page_number(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search_view(request):
    params = request.GET
    query = params.get("q", "")
    number = _page_number(params.get(PAGE_PARAM))
    context = {
        "search_query": query[:200],
        "kind": params.get("type", ""),
        "category": params.get("category", ""),
        "year": params.get("year", ""),
        "sort": params.get("sort", "") or "relevance",
        "results": None,
        "error": None,
        "suggestions": [],
    }
    status = 200
    if query.strip():
        try:
            found = selectors.search_pages(
                query=query,
                kind=context["kind"],
                category=context["category"],
                year=context["year"],
                sort=context["sort"],
                limit=PER_PAGE,
                offset=(number - 1) * PER_PAGE,
            )
        except selectors.SearchError as error:
            context["error"] = error.message
            status = 400
        else:
            context["results"] = found
            paginator = Paginator(range(min(found.total, MAX_PAGE * PER_PAGE)), PER_PAGE)
            context["page_obj"] = paginator.get_page(number) if found.total else None
            if not found.total:
                context["suggestions"] = selectors.search_suggestions_for_empty(query=query)
    base = {k: v for k, v in params.items() if k != PAGE_PARAM and v}

    def url_with(**changes):
        merged = {**base, **changes}
        return "?" + urlencode({k: v for k, v in merged.items() if v})

    context["url_with"] = url_with
    context["facet_links"] = _facet_links(context, url_with)
    if context.get("page_obj"):
        context["page_links"] = [
            (n, url_with(trang=n)) for n in context["page_obj"].paginator.get_elided_page_range(number, on_each_side=2)
        ]
        page_obj = context["page_obj"]
        context["prev_url"] = url_with(trang=page_obj.previous_page_number()) if page_obj.has_previous() else ""
        context["next_url"] = url_with(trang=page_obj.next_page_number()) if page_obj.has_next() else ""
    context["sort_links"] = {
        "relevance": url_with(sort="", trang=""),
        "date": url_with(sort="date", trang=""),
    }
    return render(request, "search/search.html", context, status=status)


def _facet_links(context, url_with) -> dict:
    found = context["results"]
    if not found or not found.facets:
        return {}
    links = {}
    for name, param in (("type", "type"), ("year", "year"), ("category", "category")):
        current = str(context[param if param != "type" else "kind"])
        items = []
        for item in found.facets.get(name, []):
            value = str(item["value"])
            active = value == current
            items.append(
                {
                    "label": item.get("label") or value,
                    "count": item["count"],
                    "active": active,
                    "url": url_with(**{param: "" if active else value, PAGE_PARAM: ""}),
                }
            )
        links[name] = items
    return links
