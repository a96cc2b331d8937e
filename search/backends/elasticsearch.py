"""The search engine backend (OpenSearch or Elasticsearch); the client code lives in `search.es`.

The database index is always written first, in the page's transaction, and answers whenever
the engine fails (see `search.selectors`). Engine writes that fail wait in the durable queue
(`search.models.PendingIndexUpdate`, see `search.indexing`).

After a failure the engine is left alone for `RETRY_AFTER` seconds: every search in that time
goes straight to the database instead of waiting for a connection timeout.
"""

from __future__ import annotations

import time

from search import registry
from search.backends.base import Hit, SearchPage, SearchRequest, empty_facets
from search.weights import RECENCY_BOOST

RETRY_AFTER = 15.0


class EngineUnavailable(RuntimeError):
    """The engine failed a moment ago; not asked again before `RETRY_AFTER` seconds."""


class RebuildSession:
    """A new concrete index filled batch by batch, swapped in under the alias at the end."""

    def __init__(self):
        from search.es import documents

        self._documents = documents
        self.index = documents.new_index(bulk=True)

    def add(self, docs, remove=()) -> None:
        self._documents.bulk_write(docs, list(remove), index=self.index, refresh=False)

    def ids(self) -> set[int]:
        self._documents.client().refresh(self.index)
        return self._documents.client().ids(self.index)

    def finish(self) -> list[str]:
        """Make the new index searchable and point the alias at it; returns the indices dropped."""
        self._documents.finish_bulk(self.index)
        return self._documents.swap_alias(self.index)

    def abort(self) -> None:
        self._documents.client().delete_index(self.index)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self):
        self._down_until = 0.0

    def _guard(self):
        if time.monotonic() < self._down_until:
            raise EngineUnavailable(f"the search engine failed less than {RETRY_AFTER} s ago")

    def _failed(self) -> None:
        self._down_until = time.monotonic() + RETRY_AFTER

    def reset(self) -> None:
        """Forget a past failure (tests; `search_replay` once the engine answers again)."""
        self._down_until = 0.0

    def _call(self, fn, *args, **kwargs):
        self._guard()
        try:
            return fn(*args, **kwargs)
        except Exception:
            self._failed()
            raise

    def search(self, request: SearchRequest, *, highlight: bool = False) -> SearchPage:
        from search.es import documents

        recency = [pt.kind for pt in registry.page_types() if pt.recency_boost]
        search = documents.build_search(request, recency, RECENCY_BOOST, highlight=highlight)
        response = self._call(documents.run, search)
        facets = empty_facets()
        aggs = response["aggregations"]
        facets["type"] = {b["key"]: b["doc_count"] for b in aggs["type"]["values"]["buckets"]}
        facets["year"] = {int(b["key"]): b["doc_count"] for b in aggs["year"]["values"]["buckets"]}
        if "category" in aggs:
            for bucket in aggs["category"]["values"]["buckets"]:
                slug, _, name = bucket["key"].partition("|")
                facets["category"][slug] = {"name": name, "count": bucket["doc_count"]}
        hits = []
        for h in response["hits"]["hits"]:
            hit = Hit(page_id=int(h["_id"]), score=float(h.get("_score") or 0))
            if "highlight" in h:
                hit.highlights = {key.split(".")[0]: value for key, value in h["highlight"].items()}
            hits.append(hit)
        return SearchPage(total=response["hits"]["total"]["value"], hits=hits, facets=facets, backend=self.name)

    def suggest(self, words: tuple[str, ...], limit: int) -> list[int]:
        from search.es import documents

        if not words:
            return []
        body = documents.build_suggest(words, limit)
        response = self._call(documents.client().search, documents.alias_name(), body)
        return [int(h["_id"]) for h in response["hits"]["hits"]]

    def write(self, documents, *, remove) -> None:
        from search.es import documents as es_documents

        self._call(es_documents.bulk_write, documents, list(remove))

    def start_rebuild(self) -> RebuildSession:
        return RebuildSession()


_BACKEND = ElasticsearchBackend()


def backend() -> ElasticsearchBackend:
    return _BACKEND
