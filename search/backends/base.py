"""What every backend receives and returns: a parsed query in, page ids with scores out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms.text import clean_line, strip_tones
from search.folding import search_fold, search_toned

MAX_WORDS = 24
_WORD = re.compile(r"[a-z0-9]+")
_TONED_WORD = re.compile(r"\w+")


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
    highlights: dict | None = None  # engine highlights by field ("title", "lead", "body"), HTML


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


def filter_sql(request: SearchRequest, *, skip: str = "", alias: str = "e") -> tuple[str, list]:
    """`AND …` conditions on the `alias` table (SearchEntry columns) for the request's filters.

    `skip` leaves one filter out, for the facet that counts across that filter's values.
    """
    sql, params = [], []
    if request.kind and skip != "kind":
        sql.append(f"{alias}.kind = %s")
        params.append(request.kind)
    if request.category and skip != "category":
        sql.append(f"{alias}.category_slugs LIKE %s")
        params.append(f"% {request.category} %")
    if request.year and skip != "year":
        sql.append(f"{alias}.year = %s")
        params.append(request.year)
    return "".join(f" AND {s}" for s in sql), params


MATCH_COLUMNS = "e.page_id, e.kind, e.year, e.date, e.categories, e.category_slugs"


@dataclass(frozen=True)
class OnePass:
    """A backend's pieces of the one statement that ranks, counts and facets a query.

    The matching pages are found once (the FTS or tsvector match, joined to SearchEntry) into
    the materialized `m` (columns `MATCH_COLUMNS`, plus what the ranking needs); the hits, the
    (kind, year) counts and the category counts are then read from `m`. Three separate
    statements would each run the full-text match and the join again: on 35.000 articles a
    common-word query matches 16.000 of them, and that repeated work was most of the time.
    """

    matches: str  # SELECT {MATCH_COLUMNS}[, …] FROM … WHERE <match>
    match_params: list
    ranked: object  # (where, order) -> SELECT page_id, score, date FROM m … WHERE 1=1{where} ORDER BY {order}
    ranked_params: list  # parameters of `ranked` before the filters
    categories: str  # FROM m <expand m.categories>: the select list reads `slug` and `name`
    # (pages without categories are skipped before expanding: most imported articles have none)
    slug: str
    name: str
    order_relevance: str
    order_date: str
    text: object = staticmethod(lambda sql: sql)  # cast to text where the database types UNIONs


def run_one_pass(cursor, request: SearchRequest, parts: OnePass) -> SearchPage:
    """Hits, filtered total and facets in one statement (see `OnePass`)."""
    t = parts.text
    where, where_params = filter_sql(request, alias="m")
    order = parts.order_date if request.sort == "date" else parts.order_relevance
    ky_where, ky_params = filter_sql(SearchRequest(query=request.query, category=request.category), alias="m")
    sql = [
        f"WITH m AS MATERIALIZED ({parts.matches}) ",
        f"SELECT 0, {t('r.page_id')}, {t('r.score')}, {t('r.date')} FROM ("
        f"{parts.ranked(where, order)} LIMIT %s OFFSET %s) r",
        f" UNION ALL SELECT 1, m.kind, {t('m.year')}, {t('count(*)')} FROM m WHERE 1=1{ky_where} GROUP BY m.kind, m.year",
    ]
    params = [*parts.match_params, *parts.ranked_params, *where_params, request.limit, request.offset, *ky_params]
    if request.facets:
        cat_where, cat_params = filter_sql(request, skip="category", alias="m")
        sql.append(
            f" UNION ALL SELECT 2, {parts.slug}, {parts.name}, {t('count(*)')} {parts.categories}"
            f" WHERE m.category_slugs <> ''{cat_where} GROUP BY 2, 3"
        )
        params += cat_params
    cursor.execute("".join(sql), params)
    hits, kind_year, categories = [], [], {}
    for tag, a, b, c in cursor.fetchall():
        if tag == 0:
            hits.append((float(b), c, int(a)))
        elif tag == 1:
            kind_year.append((a, int(b) if b is not None else None, int(c)))
        elif a:
            categories[a] = {"name": b, "count": int(c)}
    # UNION ALL keeps no order: sort the page's hits again, as the SQL did, in Python.
    if request.sort == "date":
        hits.sort(key=lambda h: (h[1] is not None, h[1] or "", h[0], h[2]), reverse=True)
    else:
        hits.sort(key=lambda h: (h[0], h[1] is not None, h[1] or "", h[2]), reverse=True)
    facets = empty_facets()
    total = combine_facets(request, kind_year, facets)
    if request.facets:
        facets["category"] = categories
    return SearchPage(total=total, hits=[Hit(page_id=pk, score=score) for score, _date, pk in hits], facets=facets)
