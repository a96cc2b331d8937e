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

from search.backends.base import MATCH_COLUMNS, OnePass, ParsedQuery, SearchPage, SearchRequest, run_one_pass
from search.folding import search_fold, search_toned
from search.weights import BODY_WEIGHT, LEAD_WEIGHT, RECENCY_BOOST, TITLE_WEIGHT, TONED_WEIGHT

FTS = "search_fts"
HEAD = "search_head"
ENTRY = "search_searchentry"

# The FTS5 tables and the covering index below are made by migrations 0002 and 0003, which
# hold their own SQL.

# A covering index of the columns a query reads for every match (kind, year, date and
# categories for ranking and facets). SearchEntry rows hold whole bodies, so one row spans
# pages and overflow pages; looking 16.000 matches up through this narrow index instead of the
# table halves the time of a common-word query (26 -> 12 ms measured on the corpus).
# SQLite-only: PostgreSQL keeps long texts out of line (TOAST), and a b-tree row there may not
# hold a long category list.
META_INDEX = "search_entry_meta"
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
        f"{bm25} * (CASE WHEN m.kind IN ({kinds}) AND m.date IS NOT NULL THEN 1 + {RECENCY_BOOST} / "
        "(1 + max(0, julianday('now') - julianday(m.date)) / 365.0) ELSE 1 END)"
    )


def search(request: SearchRequest) -> SearchPage:
    from search import registry

    recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
    score = _score_sql(recency)
    parts = OnePass(
        matches=(
            f"SELECT {MATCH_COLUMNS} FROM {FTS} JOIN {ENTRY} e INDEXED BY {META_INDEX}"
            f" ON e.page_id = {FTS}.rowid WHERE {FTS} MATCH %s"
        ),
        match_params=[required_expression(request.query)],
        ranked=lambda where, order: (
            f"SELECT m.page_id AS page_id, {score} AS score, (m.date || '') AS date FROM m LEFT JOIN"
            f" (SELECT rowid, -bm25({HEAD}, {TITLE_WEIGHT}, {LEAD_WEIGHT}, {TONED_WEIGHT}) AS score"
            f" FROM {HEAD} WHERE {HEAD} MATCH %s) h ON h.rowid = m.page_id WHERE 1=1{where} ORDER BY {order}"
        ),
        ranked_params=[match_expression(request.query)],
        categories="FROM m, json_each(m.categories) c",
        slug="json_extract(c.value, '$.slug')",
        name="json_extract(c.value, '$.name')",
        order_relevance="score DESC, date DESC, page_id DESC",
        order_date="date DESC, score DESC, page_id DESC",
    )
    with connection.cursor() as cursor:
        return run_one_pass(cursor, request, parts)


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


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ENTRY}")


def clear() -> None:
    from search.models import SearchEntry

    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')")
        cursor.execute(f"INSERT INTO {HEAD}({HEAD}) VALUES ('delete-all')")
    SearchEntry.objects.all().delete()
