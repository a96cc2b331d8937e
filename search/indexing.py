"""Keeps the site search index in step with published pages.

`index_pages` is the one entry point for writers: page signals call it, and so does the news
importer once per batch of freshly imported (live, signal-less) pages. It re-reads the pages,
keeps only the live, public ones of a registered type, and writes them to the database index
(always: it is also the fallback) and to Elasticsearch when that backend is configured. Pages
that are no longer live or public are removed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from wagtail.models import Page

from search import registry
from search.backends import database, get_backend

logger = logging.getLogger(__name__)
BATCH = 500


def _chunks(ids: list[int], size: int = BATCH):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def build_documents(page_ids: Iterable[int]) -> tuple[list[registry.IndexedDocument], set[int]]:
    """Documents for the public pages among `page_ids`, and the ids that must not be indexed."""
    ids = {int(pk) for pk in page_ids}
    if not ids:
        return [], set()
    by_ctype = registry.content_type_kinds()
    rows = (
        Page.objects.filter(pk__in=ids, content_type_id__in=list(by_ctype))
        .live()
        .public()
        .values_list("pk", "content_type_id")
    )
    grouped: dict[int, list[int]] = defaultdict(list)
    for pk, ctype_id in rows:
        grouped[ctype_id].append(pk)
    documents: list[registry.IndexedDocument] = []
    for ctype_id, pks in grouped.items():
        page_type = by_ctype[ctype_id]
        queryset = page_type.model.objects.filter(pk__in=pks)
        if hasattr(page_type.model, "categories"):
            queryset = queryset.prefetch_related("categories")
        for page in queryset:
            url = page.get_url()
            if not url:
                continue
            documents.append(registry.document_for(page, page_type, url))
    indexed = {doc.page_id for doc in documents}
    return documents, ids - indexed


def index_pages(page_ids: Iterable[int]) -> None:
    """Add or refresh the given pages in the search index (bulk; called by the news importer)."""
    ids = sorted({int(pk) for pk in page_ids})
    for chunk in _chunks(ids):
        documents, rejected = build_documents(chunk)
        with transaction.atomic():
            database.write(documents, remove=rejected)
        _mirror(documents, rejected)


def remove_pages(page_ids: Iterable[int]) -> None:
    """Drop the given pages from the index (unpublished, deleted, made private)."""
    ids = sorted({int(pk) for pk in page_ids})
    for chunk in _chunks(ids):
        with transaction.atomic():
            database.write([], remove=set(chunk))
        _mirror([], set(chunk))


def after_bulk_load() -> None:
    """Called once after an import wrote many pages: the database plans its queries from
    statistics, and right after a bulk load they still describe the empty tables (on the
    corpus, PostgreSQL's p95 was 36,9 ms before ANALYZE and 25,2 ms after)."""
    database.analyze()


def index_subtree(page: Page) -> None:
    """Re-check a page and all its descendants (moved, privacy changed, unpublished parent)."""
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    index_pages(ids)


def reindex_all(*, progress=None) -> int:
    """Rebuild the whole index from the pages; returns the number of pages indexed."""
    by_ctype = registry.content_type_kinds()
    ids = list(
        Page.objects.filter(content_type_id__in=list(by_ctype))
        .live()
        .public()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        database.clear()
    backend = get_backend()
    session = backend.start_rebuild() if backend.name != "database" else None
    total = 0
    for chunk in _chunks(ids):
        documents, _rejected = build_documents(chunk)
        with transaction.atomic():
            database.write(documents, remove=set())
        if session is not None:
            session.add(documents)
        total += len(documents)
        if progress:
            progress(total, len(ids))
    if session is not None:
        session.finish()
    return total


def _mirror(documents, removed) -> None:
    backend = get_backend()
    if backend.name == "database":
        return
    transaction.on_commit(lambda: _mirror_now(backend, documents, removed))


def _mirror_now(backend, documents, removed) -> None:
    try:
        backend.write(documents, remove=removed)
    except Exception:
        logger.exception("Search index: could not update %s; the database index is up to date", backend.name)
