"""The engine side of the site search: mapping, client, bulk writes, aliases, queries.

Bodies are built with elasticsearch-dsl (`.to_dict()`) and sent by either client, chosen by
`settings.SEARCH_ENGINE_CLIENT`: "opensearch" (opensearch-py, the default: the development and
CI node is OpenSearch, and elasticsearch-py 8 refuses to talk to it) or "elasticsearch".

Writes go to an alias (`<prefix>-pages`); a rebuild fills a new concrete index
(`<prefix>-pages-<timestamp>`) and swaps the alias in one atomic call, so searches never see a
half-built index.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch_dsl import Date, Document, Integer, Keyword, Q, Search, Text

from search.es.analysis import vi_folded, vi_prefix, vi_toned, vi_words
from search.folding import search_fold
from search.weights import BODY_WEIGHT, LEAD_WEIGHT, TITLE_WEIGHT, TONED_WEIGHT

SEARCH_TIMEOUT = 2
WRITE_TIMEOUT = 60


class EngineClient:
    """The few calls the portal makes, the same for opensearch-py and elasticsearch-py."""

    def __init__(self, kind: str, url: str):
        self.kind = kind
        if kind == "elasticsearch":
            from elasticsearch import Elasticsearch, helpers

            self.raw = Elasticsearch(url, request_timeout=SEARCH_TIMEOUT, max_retries=0, connections_per_node=32)
        else:
            from opensearchpy import OpenSearch, helpers

            self.raw = OpenSearch(hosts=[url], timeout=SEARCH_TIMEOUT, max_retries=0, pool_maxsize=32)
        self._helpers = helpers

    def _timeout(self, seconds):
        if self.kind == "elasticsearch":
            return self.raw.options(request_timeout=seconds), {}
        return self.raw, {"request_timeout": seconds}

    def search(self, index: str, body: dict) -> dict:
        return self.raw.search(index=index, body=body)

    def bulk(self, actions, *, refresh, threads: int = 1) -> tuple[int, list]:
        """Send `actions` in chunks of 500; `threads` > 1 overlaps building and sending them."""
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        options = {"chunk_size": 500, "max_chunk_bytes": 20 * 1024 * 1024, "raise_on_error": False, **timeout}
        if threads <= 1:
            return self._helpers.bulk(raw, actions, refresh=refresh, **options)
        ok, errors = 0, []
        for success, info in self._helpers.parallel_bulk(raw, actions, thread_count=threads, **options):
            if success:
                ok += 1
            else:
                errors.append(info)
        if refresh == "true":
            raw.indices.refresh(index="_all", **timeout)
        return ok, errors

    def create_index(self, name: str, body: dict) -> None:
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        raw.indices.create(index=name, body=body, **timeout)

    def put_settings(self, name: str, body: dict) -> None:
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        if self.kind == "elasticsearch":
            raw.indices.put_settings(index=name, settings=body)
        else:
            raw.indices.put_settings(index=name, body=body, **timeout)

    def refresh(self, name: str) -> None:
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        raw.indices.refresh(index=name, **timeout)

    def alias_targets(self, alias: str) -> list[str]:
        if not self.raw.indices.exists_alias(name=alias):
            return []
        return sorted(self.raw.indices.get_alias(name=alias).keys())

    def update_aliases(self, actions: list[dict]) -> None:
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        if self.kind == "elasticsearch":
            raw.indices.update_aliases(actions=actions)
        else:
            raw.indices.update_aliases(body={"actions": actions}, **timeout)

    def delete_index(self, pattern: str) -> None:
        raw, timeout = self._timeout(WRITE_TIMEOUT)
        if self.kind == "elasticsearch":
            raw.indices.delete(index=pattern, ignore_unavailable=True, allow_no_indices=True)
        else:
            raw.indices.delete(
                index=pattern, params={"ignore_unavailable": "true", "allow_no_indices": "true"}, **timeout
            )

    def indices(self, pattern: str) -> list[str]:
        return sorted(self.raw.indices.get(index=pattern, params={"allow_no_indices": "true"}).keys())

    def ids(self, index: str) -> set[int]:
        """Every document id of `index` (a rebuild compares them with the database's)."""
        found = set()
        for hit in self._helpers.scan(self.raw, index=index, query={"query": {"match_all": {}}, "_source": False}):
            found.add(int(hit["_id"]))
        return found


_CLIENTS: dict[tuple[str, str], EngineClient] = {}
_LOCK = threading.Lock()


def client() -> EngineClient:
    """The client for the configured server (one per URL and kind, shared by threads)."""
    key = (getattr(settings, "SEARCH_ENGINE_CLIENT", "opensearch"), settings.ELASTICSEARCH_URL)
    found = _CLIENTS.get(key)
    if found is None:
        with _LOCK:
            found = _CLIENTS.setdefault(key, EngineClient(*key))
    return found


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


class PageDocument(Document):
    """One public page, as the database index holds it (`SearchEntry`).

    `*_folded` hold `search_fold` of the text (what matches and ranks); `title` and `lead` the
    original text (exactly-toned words rank higher, as in the database backends' `toned`
    column), `title.folded` the server-folded title the highlighter marks.
    """

    kind = Keyword()
    title = Text(
        analyzer=vi_toned,
        store=True,  # the highlighter reads it alone, not the whole source with the body
        fields={"folded": Text(analyzer=vi_folded, index_options="offsets"), "raw": Keyword(ignore_above=512)},
    )
    lead = Text(analyzer=vi_toned)
    body = Text(index=False)  # kept in the source (reindexing on the server); ranking reads body_folded
    title_folded = Text(analyzer=vi_words, fields={"prefix": Text(analyzer=vi_prefix, search_analyzer=vi_words)})
    lead_folded = Text(analyzer=vi_words)
    body_folded = Text(analyzer=vi_words)
    url = Keyword(index=False)
    date = Date()
    year = Integer()
    category = Keyword()  # "slug|name", split again for facets

    class Index:
        name = "portal-pages"  # replaced by `index_definition`; documents are written through the alias
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_definition(name: str):
    """The index (settings, analyzers, mapping) under a concrete name."""
    index = PageDocument._index.clone(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=20)
    return index


def document_body(doc) -> dict:
    """Engine source for an `IndexedDocument`."""
    return {
        "kind": doc.kind,
        "title": doc.title,
        "lead": doc.lead,
        "body": doc.body,
        "title_folded": search_fold(doc.title),
        "lead_folded": search_fold(doc.lead),
        "body_folded": search_fold(doc.body),
        "url": doc.url,
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "category": [f"{c['slug']}|{c['name']}" for c in doc.categories],
    }


def _actions(index: str, documents, remove):
    for doc in documents:
        yield {"_op_type": "index", "_index": index, "_id": doc.page_id, "_source": document_body(doc)}
    for page_id in remove:
        yield {"_op_type": "delete", "_index": index, "_id": page_id}


def new_index(*, bulk: bool = False) -> str:
    """Create a concrete index named after the alias and the time; `bulk`: no refreshes while filling."""
    name = f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    body = index_definition(name).to_dict()
    if bulk:
        body["settings"]["refresh_interval"] = "-1"
    client().create_index(name, body)
    return name


def ensure_alias() -> None:
    """The alias exists (an empty index behind it the first time)."""
    es = client()
    if not es.alias_targets(alias_name()):
        name = new_index()
        es.update_aliases([{"add": {"index": name, "alias": alias_name()}}])


class WriteError(RuntimeError):
    """The engine refused some documents of a bulk write (they stay queued)."""


def bulk_write(documents, remove, *, index: str | None = None, refresh: bool | None = None, threads: int = 1) -> None:
    """Index `documents` and delete the ids in `remove`, in the alias or in `index`.

    Small writes (a page published) refresh at once, so the page is found on the next search;
    large ones (imports, rebuilds) leave it to the refresh interval.
    """
    if index is None:
        ensure_alias()
    count = len(documents) + len(remove) if isinstance(documents, list | tuple) else None
    if count == 0:
        return
    if refresh is None:
        refresh = count is not None and count <= 50
    actions = _actions(index or alias_name(), documents, remove)
    _ok, errors = client().bulk(actions, refresh="true" if refresh else "false", threads=threads)
    failed = [e for e in errors if next(iter(e.values())).get("status") != 404]  # deleting a missing id is fine
    if failed:
        raise WriteError(f"{len(failed)} documents refused, first: {failed[0]}")


def finish_bulk(index: str) -> None:
    """After filling a new index: refresh as usual again, make everything visible."""
    es = client()
    es.put_settings(index, {"index": {"refresh_interval": None}})
    es.refresh(index)


def swap_alias(new: str) -> list[str]:
    """Point the alias at `new` in one atomic call and delete the indices it pointed to."""
    es = client()
    alias = alias_name()
    old = [name for name in es.alias_targets(alias) if name != new]
    actions = [{"remove": {"index": name, "alias": alias}} for name in old] + [{"add": {"index": new, "alias": alias}}]
    es.update_aliases(actions)
    for name in old:
        es.delete_index(name)
    return old


# Same weights as the database backends (`search.backends.base`): title >> lead > body, toned.
FIELDS = [f"title_folded^{TITLE_WEIGHT:g}", f"lead_folded^{LEAD_WEIGHT:g}"]
ALL_FIELDS = [*FIELDS, f"body_folded^{BODY_WEIGHT:g}"]
TONED_FIELDS = [f"title^{TONED_WEIGHT:g}", f"lead^{TONED_WEIGHT:g}"]
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "type": "unified",
    "require_field_match": False,
    "fields": {"title.folded": {"number_of_fragments": 0}},
}
# now − date in years, as the database backends compute it (max(0, days) / 365)
RECENCY_SCRIPT = (
    "1 + params.boost / (1 + Math.max(0, params.now - doc['date'].value.toInstant().toEpochMilli()) / 31536000000.0)"
)


def _filters(request, skip: str = "") -> list:
    out = []
    if request.kind and skip != "kind":
        out.append(Q("term", kind=request.kind))
    if request.category and skip != "category":
        out.append(Q("prefix", category=f"{request.category}|"))
    if request.year and skip != "year":
        out.append(Q("term", year=request.year))
    return out


def build_search(request, recency_kinds: list[str], recency_boost: float, *, highlight: bool = False) -> Search:
    """The query: every folded word somewhere in the page; title and lead rank, body a little.

    As in the database backends: pages holding all words in title + lead score by field
    weights, with extra score for the words as a phrase and for exactly-toned words; recent
    news gets up to `recency_boost` more.
    """
    text = " ".join(request.query.words)
    toned = " ".join(request.query.toned)
    boosts = []
    if len(request.query.words) > 1:
        boosts.append(Q("multi_match", query=text, fields=FIELDS, type="phrase", boost=4))
    if toned:
        boosts.append(Q("multi_match", query=toned, fields=TONED_FIELDS, type="best_fields", operator="or"))
    # Like the database backends' `search_head`: only a page holding every word in its title and
    # lead scores (field weights, phrase, toned words); pages that match through the body follow,
    # newest first.
    head = Q(
        "bool", must=[Q("multi_match", query=text, fields=FIELDS, type="cross_fields", operator="and")], should=boosts
    )
    relevance = Q(
        "bool",
        filter=[Q("multi_match", query=text, fields=ALL_FIELDS, type="cross_fields", operator="and")],
        should=[head],
    )
    functions = []
    if recency_kinds:
        functions.append(
            {
                "filter": Q("bool", filter=[Q("terms", kind=recency_kinds), Q("exists", field="date")]).to_dict(),
                "script_score": {
                    "script": {
                        "source": RECENCY_SCRIPT,
                        "params": {"boost": recency_boost, "now": _now_minute()},
                    }
                },
            }
        )
    query = Q("function_score", query=relevance, functions=functions, boost_mode="multiply") if functions else relevance
    search = Search(index=alias_name()).query(query).extra(track_total_hits=True)
    filters = _filters(request)
    if filters:
        search = search.post_filter(Q("bool", filter=filters))
    if request.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score", {"_id": "desc"})
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}}, {"_id": "desc"})
    if request.facets:
        facets = (
            ("type", "kind", "kind", 50),
            ("year", "year", "year", 200),
            ("category", "category", "category", 500),
        )
    else:
        facets = (("type", "kind", "kind", 50), ("year", "year", "year", 200))  # they make the filtered total
    for name, field, skip, size in facets:
        search.aggs.bucket(name, "filter", filter=Q("bool", filter=_filters(request, skip=skip))).bucket(
            "values", "terms", field=field, size=size
        )
    search = search.extra(track_scores=True)
    if highlight:
        marks = Q("match", title__folded={"query": text})
        search = search.extra(highlight={**HIGHLIGHT, "highlight_query": marks.to_dict()})
    return search[request.offset : request.offset + request.limit].source(False)


def _now_minute() -> int:
    """Now, in epoch milliseconds rounded to the minute (the server may cache the query)."""
    now = datetime.now(UTC).timestamp()
    return int(now // 60 * 60 * 1000)


def build_suggest(words: tuple[str, ...], limit: int) -> dict:
    """Titles holding every word, the last one as a prefix (tone-less: the folded title)."""
    must = [Q("match", title_folded__prefix={"query": words[-1]})]
    if len(words) > 1:
        must.append(Q("match", title_folded={"query": " ".join(words[:-1]), "operator": "and"}))
    search = Search().query(Q("bool", must=must)).sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    return search[:limit].source(False).to_dict()


def run(search: Search) -> dict:
    return client().search(alias_name(), search.to_dict())
