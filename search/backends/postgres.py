"""PostgreSQL full-text search over the same folded text as the SQLite backend.

`search_pgindex` (created by migration 0002 on PostgreSQL only; no foreign key, so Django's
flush/TRUNCATE of `SearchEntry` keeps working; every query joins `SearchEntry`, so a row whose
entry is gone is never returned) holds, per `SearchEntry`, a
weighted tsvector of the folded title (A), lead (B) and body (D) under the `simple`
configuration (no stemming: Vietnamese syllables are words), a tsvector of the toned
title + lead, and one of the folded title for suggestions. Ranking reads only the small
`head` vector (title + lead, toned words, phrase) so that a common word matching thousands
of articles does not detoast every body; the body still decides which rows match.
"""

from __future__ import annotations

from django.db import connection

from search.backends.base import (
    LEAD_WEIGHT,
    MATCH_COLUMNS,
    RECENCY_BOOST,
    TITLE_WEIGHT,
    TONED_WEIGHT,
    OnePass,
    ParsedQuery,
    SearchPage,
    SearchRequest,
    run_one_pass,
)
from search.folding import search_fold, search_toned

TABLE = "search_pgindex"
ENTRY = "search_searchentry"

CREATE_SQL = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        page_id bigint PRIMARY KEY,
        vector tsvector NOT NULL,
        head tsvector NOT NULL,
        toned tsvector NOT NULL,
        title tsvector NOT NULL
    )""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_title ON {TABLE} USING gin (title)",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {TABLE}"]


def _and(words) -> str:
    return " & ".join(f"'{w}'" for w in words)


def _queries(query: ParsedQuery) -> tuple[str, str, str]:
    words = query.words  # [a-z0-9]+ only: safe inside quotes
    required = _and(words)
    phrase = " <-> ".join(f"'{w}'" for w in words)
    toned = " | ".join("'" + w.replace("'", "").replace("\\", "") + "'" for w in query.toned)
    return required, phrase, toned


def search(request: SearchRequest) -> SearchPage:
    from search import registry

    required, phrase, toned = _queries(request.query)
    recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
    head_weights = f"'{{0.0, 0.0, {LEAD_WEIGHT / TITLE_WEIGHT}, 1.0}}'"
    score = (
        f"(ts_rank({head_weights}, m.head, to_tsquery('simple', %s)) * {TITLE_WEIGHT}"
        f" + (CASE WHEN m.head @@ to_tsquery('simple', %s) THEN {TITLE_WEIGHT} ELSE 0 END)"
        + (f" + ts_rank(m.toned, to_tsquery('simple', %s)) * {TONED_WEIGHT}" if toned else "")
        + " + 0.01)"
    )
    if recency:
        kinds = ", ".join("'" + k.replace("'", "") + "'" for k in recency)
        score += (
            f" * (CASE WHEN m.kind IN ({kinds}) AND m.date IS NOT NULL THEN 1 + {RECENCY_BOOST} / "
            "(1 + greatest(0, extract(epoch FROM now() - m.date) / 31557600.0)) ELSE 1 END)"
        )
    parts = OnePass(
        matches=(
            f"SELECT {MATCH_COLUMNS}, x.head, x.toned FROM {TABLE} x JOIN {ENTRY} e ON e.page_id = x.page_id"
            " WHERE x.vector @@ to_tsquery('simple', %s)"
        ),
        match_params=[required],
        ranked=lambda where, order: (
            f"SELECT m.page_id AS page_id, {score} AS score, m.date AS date FROM m WHERE 1=1{where} ORDER BY {order}"
        ),
        ranked_params=[required, phrase] + ([toned] if toned else []),
        categories="FROM m CROSS JOIN LATERAL jsonb_array_elements(m.categories) c",
        slug="c->>'slug'",
        name="c->>'name'",
        order_relevance="score DESC, date DESC NULLS LAST, page_id DESC",
        order_date="date DESC NULLS LAST, score DESC, page_id DESC",
        text=lambda sql: f"CAST({sql} AS text)",
    )
    with connection.cursor() as cursor:
        return run_one_pass(cursor, request, parts)


def suggest(words: tuple[str, ...], limit: int) -> list[int]:
    if not words:
        return []
    expression = " & ".join([f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT x.page_id FROM {TABLE} x WHERE x.title @@ to_tsquery('simple', %s) "
            "ORDER BY length(x.title::text), x.page_id DESC LIMIT %s",
            [expression, limit],
        )
        return [row[0] for row in cursor.fetchall()]


_INSERT = f"""INSERT INTO {TABLE} (page_id, vector, head, toned, title) VALUES (
    %s,
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')
        || setweight(to_tsvector('simple', %s), 'D'),
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'),
    to_tsvector('simple', %s),
    to_tsvector('simple', %s)
)"""


def write(documents, *, remove: set[int]) -> None:
    from search.backends.sqlite import _entry
    from search.models import SearchEntry

    ids = {d.page_id for d in documents} | set(remove)
    if not ids:
        return
    SearchEntry.objects.filter(pk__in=ids).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(ids)])
        if not documents:
            return
        SearchEntry.objects.bulk_create([_entry(d) for d in documents], batch_size=500)
        rows = []
        for d in documents:
            title, lead = search_fold(d.title), search_fold(d.lead)
            rows.append(
                (d.page_id, title, lead, search_fold(d.body), title, lead, search_toned(f"{d.title}\n{d.lead}"), title)
            )
        cursor.executemany(_INSERT, rows)


def clear() -> None:
    from search.models import SearchEntry

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    SearchEntry.objects.all().delete()
