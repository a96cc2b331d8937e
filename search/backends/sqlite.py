"""SQLite FTS5 over the folded text (the embedded default).

Why our own FTS5 tables rather than Wagtail's SQLite search backend: Wagtail builds FTS
queries from raw user input (a `"` gives a 500, wagtail issue 13227), cannot fold Vietnamese
tones and ranks without column weights. Here the tables are contentless (the text lives once,
in `SearchEntry`), the tokenizer keeps diacritics (`remove_diacritics 0`) because the folding
is ours (`cms.text.fold`, which also maps `đ`), and user input never reaches the MATCH syntax:
queries are assembled from `[a-z0-9]+` words and quoted.

Two contentless tables, because FTS5's bm25 walks the whole doclist of every query word to
compute its IDF, which costs hundreds of milliseconds for common syllables over 35.000 bodies:
`search_fts` (one column: folded title + lead + body, `detail=none`, small and fast) decides
which pages match and feeds the counts; `search_head` (folded title, folded lead, and `toned`:
title + lead in lower case with tone marks) ranks them with bm25 column weights and phrase and
toned-word boosts, and serves title suggestions (prefix index). Title and lead matches
therefore outrank body-only matches, which follow by date.
"""

from __future__ import annotations

from django.db import connection

from search.backends.base import (
    BODY_WEIGHT,
    LEAD_WEIGHT,
    RECENCY_BOOST,
    TITLE_WEIGHT,
    TONED_WEIGHT,
    Hit,
    ParsedQuery,
    SearchPage,
    SearchRequest,
    count_facets,
    filter_sql,
)
from search.folding import search_fold, search_toned

FTS = "search_fts"
HEAD = "search_head"
ENTRY = "search_searchentry"

CREATE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "content, content='', detail=none, tokenize='unicode61 remove_diacritics 0')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {HEAD} USING fts5("
    "title, lead, toned, content='', prefix='2 3', tokenize='unicode61 remove_diacritics 0')",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {FTS}", f"DROP TABLE IF EXISTS {HEAD}"]
_COLS = "{title lead}"


def _quote(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


def required_expression(query: ParsedQuery) -> str:
    """Every folded word, anywhere in the page (`search_fts`): decides what matches."""
    return " AND ".join(_quote(w) for w in query.words)


def match_expression(query: ParsedQuery) -> str:
    """`search_head` MATCH text: every word in title/lead; phrase and toned words add score.

    The second group always holds for a row of the first (its first member is a required
    word), so it never changes which rows match, only their bm25 score.
    """
    words = query.words
    required = " AND ".join(_quote(w) for w in words)
    boosts = [f"{_COLS} : {_quote(words[0])}"]
    if len(words) > 1:
        boosts.append(f"{_COLS} : {_quote(' '.join(words))}")
    if query.toned:
        boosts.append("toned : (" + " OR ".join(_quote(w) for w in query.toned) + ")")
    return f"({_COLS} : ({required})) AND ({' OR '.join(boosts)})"


def _score_sql(recency_kinds: list[str]) -> str:
    bm25 = f"(coalesce(h.score, 0) + {BODY_WEIGHT} * 1e-6)"
    if not recency_kinds:
        return bm25
    kinds = ", ".join("'" + k.replace("'", "") + "'" for k in recency_kinds)
    return (
        f"{bm25} * (CASE WHEN e.kind IN ({kinds}) AND e.date IS NOT NULL THEN 1 + {RECENCY_BOOST} / "
        "(1 + max(0, julianday('now') - julianday(e.date)) / 365.0) ELSE 1 END)"
    )


def _base(request: SearchRequest, extra_from: str = "") -> str:
    return f"FROM {FTS} JOIN {ENTRY} e ON e.page_id = {FTS}.rowid{extra_from} WHERE {FTS} MATCH %s"


_HEAD_JOIN = (
    f" LEFT JOIN (SELECT rowid, -bm25({HEAD}, {TITLE_WEIGHT}, {LEAD_WEIGHT}, {TONED_WEIGHT}) AS score"
    f" FROM {HEAD} WHERE {HEAD} MATCH %s) h ON h.rowid = {FTS}.rowid"
)


def search(request: SearchRequest) -> SearchPage:
    from search import registry

    expression = match_expression(request.query)
    required = required_expression(request.query)
    recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
    where, params = filter_sql(request)
    order = "e.date DESC, score DESC" if request.sort == "date" else "score DESC, e.date DESC"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.page_id, {_score_sql(recency)} AS score {_base(request, _HEAD_JOIN)}{where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [expression, required, *params, request.limit, request.offset],
        )
        hits = [Hit(page_id=row[0], score=float(row[1])) for row in cursor.fetchall()]
        total, facets = count_facets(
            cursor,
            request,
            match_params=[required],
            kind_year_sql=lambda where: (
                f"SELECT e.kind, e.year, count(*) {_base(request)}{where} GROUP BY e.kind, e.year"
            ),
            category_sql=lambda where: (
                "SELECT json_extract(c.value, '$.slug'), json_extract(c.value, '$.name'), count(*) "
                f"{_base(request, ', json_each(e.categories) c')}{where} GROUP BY 1, 2"
            ),
        )
    return SearchPage(total=total, hits=hits, facets=facets)


def suggest(words: tuple[str, ...], limit: int) -> list[int]:
    """Page ids whose title contains all words, the last one as a prefix."""
    if not words:
        return []
    parts = [_quote(w) for w in words[:-1]] + [_quote(words[-1]) + "*"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {HEAD} WHERE {HEAD} MATCH %s ORDER BY rank LIMIT %s",
            ["title : (" + " AND ".join(parts) + ")", limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _fts_rows(title: str, lead: str, body: str) -> tuple[str, str, str, str]:
    """(all folded text, folded title, folded lead, toned title + lead) as indexed."""
    folded_title, folded_lead = search_fold(title), search_fold(lead)
    content = f"{folded_title} {folded_lead} {search_fold(body)}"
    return content, folded_title, folded_lead, search_toned(f"{title}\n{lead}")


def write(documents, *, remove: set[int]) -> None:
    from search.models import SearchEntry

    ids = {d.page_id for d in documents} | set(remove)
    if not ids:
        return
    existing = list(SearchEntry.objects.filter(pk__in=ids).values_list("page_id", "title", "lead", "body"))
    with connection.cursor() as cursor:
        if existing:
            # Contentless FTS5 rows are deleted by giving back the exact values indexed.
            olds = [(pk, *_fts_rows(title, lead, body)) for pk, title, lead, body in existing]
            cursor.executemany(
                f"INSERT INTO {FTS}({FTS}, rowid, content) VALUES ('delete', %s, %s)", [r[:2] for r in olds]
            )
            cursor.executemany(
                f"INSERT INTO {HEAD}({HEAD}, rowid, title, lead, toned) VALUES ('delete', %s, %s, %s, %s)",
                [(r[0], *r[2:]) for r in olds],
            )
            SearchEntry.objects.filter(pk__in=[row[0] for row in existing]).delete()
        if not documents:
            return
        SearchEntry.objects.bulk_create([_entry(d) for d in documents], batch_size=500)
        rows = [(d.page_id, *_fts_rows(d.title, d.lead, d.body)) for d in documents]
        cursor.executemany(f"INSERT INTO {FTS}(rowid, content) VALUES (%s, %s)", [r[:2] for r in rows])
        cursor.executemany(
            f"INSERT INTO {HEAD}(rowid, title, lead, toned) VALUES (%s, %s, %s, %s)", [(r[0], *r[2:]) for r in rows]
        )


def _entry(doc):
    from search.models import SearchEntry

    return SearchEntry(
        page_id=doc.page_id,
        kind=doc.kind,
        title=doc.title[:255],
        lead=doc.lead,
        body=doc.body,
        url=doc.url[:1000],
        date=doc.date,
        year=doc.year,
        categories=doc.categories,
        category_slugs=doc.category_slugs[:1000],
    )


def clear() -> None:
    from search.models import SearchEntry

    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')")
        cursor.execute(f"INSERT INTO {HEAD}({HEAD}) VALUES ('delete-all')")
    SearchEntry.objects.all().delete()
