"""The Elasticsearch side of the site search: document mapping, bulk writes, aliases, queries.

Writes go to an alias (`<prefix>-pages`); `search_reindex` fills a new concrete index and swaps
the alias in one atomic call, so searches never see a half-built index.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch_dsl import Date, Document, Integer, Keyword, Q, Search, Text

from search.es.analysis import vi_folded, vi_toned

_CLIENT: Elasticsearch | None = None


def client() -> Elasticsearch:
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)
    return _CLIENT


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


def _text():
    return Text(analyzer=vi_folded, fields={"toned": Text(analyzer=vi_toned)})


class PageDocument(Document):
    """One public page, as the database index holds it (`SearchEntry`)."""

    kind = Keyword()
    title = Text(analyzer=vi_folded, fields={"toned": Text(analyzer=vi_toned), "raw": Keyword()})
    lead = _text()
    body = _text()
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
    index.settings(number_of_shards=1, number_of_replicas=0)
    return index


def document_body(doc) -> dict:
    """Elasticsearch source for an `IndexedDocument`."""
    return {
        "kind": doc.kind,
        "title": doc.title,
        "lead": doc.lead,
        "body": doc.body,
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


def ensure_alias() -> None:
    es = client()
    if not es.indices.exists_alias(name=alias_name()):
        name = f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        index_definition(name).create(using=es)
        es.indices.put_alias(index=name, name=alias_name())


def bulk_write(documents, remove, *, index: str | None = None) -> None:
    if index is None:
        ensure_alias()
    helpers.bulk(client(), _actions(index or alias_name(), documents, remove), raise_on_error=False, refresh="wait_for")


def new_index() -> str:
    name = f"{alias_name()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index_definition(name).create(using=client())
    return name


def swap_alias(new: str) -> None:
    """Point the alias at `new` in one atomic call and delete the indices it pointed to."""
    es = client()
    alias = alias_name()
    old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    es.indices.refresh(index=new)
    actions = [{"remove": {"index": name, "alias": alias}} for name in old] + [{"add": {"index": new, "alias": alias}}]
    es.indices.update_aliases(actions=actions)
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)


FIELDS = ["title^10", "lead^4", "body"]
TONED_FIELDS = ["title.toned^6", "lead.toned^3", "body.toned"]


def _filters(request, skip: str = "") -> list:
    out = []
    if request.kind and skip != "kind":
        out.append(Q("term", kind=request.kind))
    if request.category and skip != "category":
        out.append(Q("prefix", category=f"{request.category}|"))
    if request.year and skip != "year":
        out.append(Q("term", year=request.year))
    return out


def build_search(request, recency_kinds: list[str], recency_boost: float) -> Search:
    """The query: all words required (folded), phrase and toned words only add to the score."""
    text = " ".join(request.query.words)
    toned = " ".join(request.query.toned)
    should = [Q("multi_match", query=text, fields=FIELDS, type="phrase", boost=2)]
    if toned:
        should.append(Q("multi_match", query=toned, fields=TONED_FIELDS, operator="or"))
    relevance = Q(
        "bool",
        must=[Q("multi_match", query=text, fields=FIELDS, type="cross_fields", operator="and")],
        should=should,
    )
    functions = [{"weight": 1}]
    if recency_kinds:
        functions.append(
            {
                "filter": {"terms": {"kind": recency_kinds}},
                "gauss": {"date": {"origin": "now", "scale": "365d", "decay": 0.5}},
                "weight": recency_boost,
            }
        )
    query = Q("function_score", query=relevance, functions=functions, score_mode="sum", boost_mode="multiply")
    search = Search(index=alias_name()).query(query).extra(track_total_hits=True)
    search = search.post_filter(Q("bool", filter=_filters(request))) if _filters(request) else search
    if request.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    for name, field, skip in (("type", "kind", "kind"), ("year", "year", "year"), ("category", "category", "category")):
        search.aggs.bucket(name, "filter", filter=Q("bool", filter=_filters(request, skip=skip))).bucket(
            "values", "terms", field=field, size=50
        )
    return search[request.offset : request.offset + request.limit].source(False)


def run(search: Search):
    return search.using(client()).execute()
