"""What every backend receives and returns: a parsed query in, page ids with scores out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms.text import clean_line, strip_tones
from search.folding import search_fold, search_toned

MAX_WORDS = 24
_WORD = re.compile(r"[a-z0-9]+")
_TONED_WORD = re.compile(r"\w+")

# Column weights, shared so the backends rank alike: title >> lead > body; exact tones reward.
TITLE_WEIGHT = 10.0
LEAD_WEIGHT = 4.0
BODY_WEIGHT = 1.0
TONED_WEIGHT = 6.0
RECENCY_BOOST = 0.15  # a news article of today scores up to 15 % more than an old one


@dataclass(frozen=True)
class ParsedQuery:
    """The user's text, as folded words (always) and the words typed with tone marks."""

    text: str
    words: tuple[str, ...]
    toned: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> ParsedQuery:
        folded = search_fold(text)
        words = tuple(_WORD.findall(folded))[:MAX_WORDS]
        toned = []
        for word in _TONED_WORD.findall(search_toned(text)):
            if word != strip_tones(word) and word not in toned:
                toned.append(word)
        return cls(text=clean_line(text), words=words, toned=tuple(toned[:MAX_WORDS]))

    @property
    def is_empty(self) -> bool:
        return not self.words


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    kind: str | None = None
    category: str | None = None
    year: int | None = None
    sort: str = "relevance"
    limit: int = 10
    offset: int = 0
    facets: bool = True


@dataclass
class Hit:
    page_id: int
    score: float


@dataclass
class SearchPage:
    total: int
    hits: list[Hit]
    facets: dict = field(default_factory=dict)
    backend: str = ""


def empty_facets() -> dict:
    return {"type": {}, "year": {}, "category": {}}


def combine_facets(request: SearchRequest, rows, facets: dict) -> int:
    """Type and year facets from (kind, year, count) rows; returns the filtered total.

    Each facet counts what the *other* active filters leave, so choosing a year still shows
    how many results every type has in that year, and the other way round.
    """
    total = 0
    for kind, year, count in rows:
        kind_ok = not request.kind or kind == request.kind
        year_ok = not request.year or year == request.year
        if year_ok:
            facets["type"][kind] = facets["type"].get(kind, 0) + count
        if kind_ok and year is not None:
            facets["year"][year] = facets["year"].get(year, 0) + count
        if kind_ok and year_ok:
            total += count
    return total


def filter_sql(request: SearchRequest, *, skip: str = "") -> tuple[str, list]:
    """`AND …` conditions on the `e` (SearchEntry) alias for the request's filters, and params.

    `skip` leaves one filter out, for the facet that counts across that filter's values.
    """
    sql, params = [], []
    if request.kind and skip != "kind":
        sql.append("e.kind = %s")
        params.append(request.kind)
    if request.category and skip != "category":
        sql.append("e.category_slugs LIKE %s")
        params.append(f"% {request.category} %")
    if request.year and skip != "year":
        sql.append("e.year = %s")
        params.append(request.year)
    return "".join(f" AND {s}" for s in sql), params


def count_facets(
    cursor, request: SearchRequest, *, match_params: list, kind_year_sql, category_sql
) -> tuple[int, dict]:
    """The filtered total and the facets, the same way on every SQL backend.

    `kind_year_sql(where)` must select (kind, year, count) and `category_sql(where)`
    (slug, name, count) for the matching rows, `where` being extra `AND …` conditions; both
    take `match_params` first. Type and year are counted under the category filter only
    (`combine_facets` applies the rest), categories under the type and year filters.
    """
    facets = empty_facets()
    where, params = filter_sql(SearchRequest(query=request.query, category=request.category))
    cursor.execute(kind_year_sql(where), [*match_params, *params])
    total = combine_facets(request, cursor.fetchall(), facets)
    if request.facets:
        where, params = filter_sql(request, skip="category")
        cursor.execute(category_sql(where), [*match_params, *params])
        facets["category"] = {slug: {"name": name, "count": n} for slug, name, n in cursor.fetchall()}
    return total, facets
