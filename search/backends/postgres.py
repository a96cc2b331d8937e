"""PostgreSQL full-text search over the same folded text as the SQLite backend.

Two tables (created by migrations 0002, 0004 and 0005, PostgreSQL only), under the `simple`
configuration (no stemming: Vietnamese syllables are words):

- `search_pgindex`, narrow, read for every match: a weighted tsvector of the folded title (A),
  lead (B) and body (D) with a GIN index, and a copy of the entry's kind, year, date and
  categories (ranking, total and facets read them for every match; joining SearchEntry for
  16.000 matches of a common word cost more than the match itself);
- `search_pghead`, read only for the pages whose title or lead hold every word: `head` (title
  + lead, GIN index) for bm25-like ranking and phrases, `toned` (toned title + lead) to reward
  exact tone marks, and `title` (GIN index) for suggestions. Kept apart because these vectors
  made every row of the first table four times wider, and a common-word query reads 16.000 of
  those rows (31 -> 10 ms measured on the corpus).

Pages matched only in the body follow the title and lead matches by date. Neither table can
outlive its entry: triggers on `search_searchentry` delete their rows with the entry, and
empty them when Django's flush truncates the entries (there is no foreign key, so that
TRUNCATE keeps working).
"""

from __future__ import annotations

import json
import re

from django.db import connection, transaction

from search.backends.base import OnePass, ParsedQuery, SearchPage, SearchRequest, run_one_pass
from search.folding import search_fold, search_toned
from search.weights import LEAD_WEIGHT, RECENCY_BOOST, TITLE_WEIGHT, TONED_WEIGHT

TABLE = "search_pgindex"
HEAD = "search_pghead"
ENTRY = "search_searchentry"

# The tables, indexes and triggers are made by migrations 0002, 0004 and 0005, which hold
# their own SQL: the schema is theirs, this module only reads and writes rows.


def _and(words) -> str:
    return " & ".join(f"'{w}'" for w in words)


def _queries(query: ParsedQuery) -> tuple[str, str, str]:
    words = query.words  # [a-z0-9]+ only: safe inside quotes
    required = _and(words)
    phrase = " <-> ".join(f"'{w}'" for w in words)
    toned = " | ".join("'" + w.replace("'", "").replace("\\", "") + "'" for w in query.toned)
    return required, phrase, toned


def _recency(alias: str, recency_kinds: list[str]) -> str:
    if not recency_kinds:
        return "1"
    kinds = ", ".join("'" + k.replace("'", "") + "'" for k in recency_kinds)
    return (
        f"(CASE WHEN {alias}.kind IN ({kinds}) AND {alias}.date IS NOT NULL THEN 1 + {RECENCY_BOOST} / "
        f"(1 + greatest(0, date_part('epoch', now() - {alias}.date) / 31557600.0)) ELSE 1 END)"
    )


_MATCHES = (
    f"SELECT x.page_id, x.kind, x.year, x.date, x.categories, x.category_slugs FROM {TABLE} x"
    " WHERE x.vector @@ to_tsquery('simple', %s)"
)


def search(request: SearchRequest) -> SearchPage:
    from search import registry

    required, phrase, toned = _queries(request.query)
    recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
    head_weights = f"'{{0.0, 0.0, {LEAD_WEIGHT / TITLE_WEIGHT}, 1.0}}'"
    head_rank = (
        f"ts_rank({head_weights}, x.head, to_tsquery('simple', %s)) * {TITLE_WEIGHT}"
        f" + (CASE WHEN x.head @@ to_tsquery('simple', %s) THEN {TITLE_WEIGHT} ELSE 0 END)"
        + (f" + ts_rank(x.toned, to_tsquery('simple', %s)) * {TONED_WEIGHT}" if toned else "")
    )
    # Pages matched only in the body score 0.01 (x recency): below any title or lead match.
    score = f"(coalesce(h.rank, 0) + 0.01) * {_recency('m', recency)}"
    parts = OnePass(
        matches=_MATCHES,
        match_params=[required],
        ranked=lambda where, order: (
            f"SELECT m.page_id AS page_id, {score} AS score, m.date AS date FROM m LEFT JOIN"
            f" (SELECT x.page_id, {head_rank} AS rank FROM {HEAD} x WHERE x.head @@ to_tsquery('simple', %s)) h"
            f" ON h.page_id = m.page_id WHERE 1=1{where} ORDER BY {order}"
        ),
        ranked_params=[required, phrase] + ([toned] if toned else []) + [required],
        categories="FROM m CROSS JOIN LATERAL jsonb_array_elements(m.categories) c",
        slug="c->>'slug'",
        name="c->>'name'",
        order_relevance="score DESC, date DESC NULLS LAST, page_id DESC",
        order_date="date DESC NULLS LAST, score DESC, page_id DESC",
        text=lambda sql: f"CAST({sql} AS text)",
    )
    # The planner prices `vector @@ query` as a cheap operator and picks a sequential scan
    # for common words, ignoring that each row's vector must be detoasted first: 160 ms on
    # the corpus against 20 ms through the GIN index. SET LOCAL ends with this transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        return run_one_pass(cursor, request, parts)


def suggest(words: tuple[str, ...], limit: int) -> list[int]:
    if not words:
        return []
    expression = " & ".join([f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT x.page_id FROM {HEAD} x WHERE x.title @@ to_tsquery('simple', %s) "
            "ORDER BY length(x.title::text), x.page_id DESC LIMIT %s",
            [expression, limit],
        )
        return [row[0] for row in cursor.fetchall()]


_INSERT = f"""INSERT INTO {TABLE} (page_id, kind, year, date, category_slugs, categories, vector) VALUES (
    %s, %s, %s, %s, %s, %s::jsonb,
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')
        || setweight(to_tsvector('simple', %s), 'D')
)"""
_INSERT_HEAD = f"""INSERT INTO {HEAD} (page_id, head, toned, title) VALUES (
    %s,
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'),
    to_tsvector('simple', %s),
    to_tsvector('simple', %s)
)"""


_WORD = re.compile(r"[a-z0-9]+")
_TONED_WORD = re.compile(r"\w+")


def _words(folded: str) -> str:
    """Folded text as the words the queries use, one space apart.

    PostgreSQL's parser would otherwise keep "68/2020/qh14" whole as a file path and
    "1.004194" as a number, which a query for `68 2020 qh14` or `1 004194` never matches;
    SQLite's tokenizer splits them, so both databases now index the same words.
    """
    return " ".join(_WORD.findall(folded))


def write(documents, *, remove: set[int]) -> None:
    from search.backends.sqlite import _entry
    from search.models import SearchEntry

    ids = {d.page_id for d in documents} | set(remove)
    if not ids:
        return
    # The delete triggers remove the rows of both index tables with their entries.
    SearchEntry.objects.filter(pk__in=ids).delete()
    if not documents:
        return
    with connection.cursor() as cursor:
        entries = [_entry(d) for d in documents]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        rows, heads = [], []
        for d, entry in zip(documents, entries, strict=True):
            title, lead = _words(search_fold(d.title)), _words(search_fold(d.lead))
            toned = " ".join(_TONED_WORD.findall(search_toned(f"{d.title}\n{d.lead}")))
            rows.append(
                (
                    *(entry.page_id, entry.kind, entry.year, entry.date, entry.category_slugs),
                    json.dumps(entry.categories, ensure_ascii=False),
                    *(title, lead, _words(search_fold(d.body))),
                )
            )
            heads.append((entry.page_id, title, lead, toned, title))
        cursor.executemany(_INSERT, rows)
        cursor.executemany(_INSERT_HEAD, heads)


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}, {HEAD}, {ENTRY}")


def clear() -> None:
    from search.models import SearchEntry

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"DELETE FROM {HEAD}")
    SearchEntry.objects.all().delete()
