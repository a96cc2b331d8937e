"""Elasticsearch backend (elasticsearch-dsl); the client code itself lives in `search.es`.

Writes are best effort: the database index is always written first and answers whenever
Elasticsearch fails (see `search.selectors`).
"""

from __future__ import annotations

from search import registry
from search.backends.base import RECENCY_BOOST, Hit, SearchPage, SearchRequest, empty_facets


class RebuildSession:
    """A new concrete index filled batch by batch, swapped in under the alias at the end."""

    def __init__(self):
        from search.es import documents

        self._documents = documents
        self.index = documents.new_index()

    def add(self, docs) -> None:
        self._documents.bulk_write(docs, [], index=self.index)

    def finish(self) -> None:
        self._documents.swap_alias(self.index)


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, request: SearchRequest) -> SearchPage:
        from search.es import documents

        recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
        response = documents.run(documents.build_search(request, recency, RECENCY_BOOST))
        facets = empty_facets()
        aggs = response.aggregations
        facets["type"] = {b.key: b.doc_count for b in aggs.type.values.buckets}
        facets["year"] = {int(b.key): b.doc_count for b in aggs.year.values.buckets}
        for bucket in aggs.category.values.buckets:
            slug, _, name = bucket.key.partition("|")
            facets["category"][slug] = {"name": name, "count": bucket.doc_count}
        hits = [Hit(page_id=int(h.meta.id), score=float(h.meta.score or 0)) for h in response]
        return SearchPage(total=response.hits.total.value, hits=hits, facets=facets, backend=self.name)

    def write(self, documents, *, remove) -> None:
        from search.es import documents as es_documents

        es_documents.bulk_write(documents, remove)

    def start_rebuild(self) -> RebuildSession:
        return RebuildSession()


_BACKEND = ElasticsearchBackend()


def backend() -> ElasticsearchBackend:
    return _BACKEND
