"""Keeps the site search index in step with published pages.

`index_pages` is the one entry point for writers: page signals call it, and so does the news
importer once per batch of freshly imported (live, signal-less) pages. It re-reads the pages,
keeps only the live, public ones of a registered type, and writes them to the database index
(always: it is also the fallback) and to the search engine when that backend is configured.
Pages that are no longer live or public are removed.

The engine copy loses nothing: in the page's transaction each page is also queued
(`PendingIndexUpdate`); after the commit the engine is written and the queue row deleted. When
the engine is down the row stays and is replayed later (`replay_pending`): on the next
successful write, by `manage.py search_replay` and by the `replay_search_queue` task.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
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


def _engine():
    """The configured search engine backend, or None when the database alone searches."""
    backend = get_backend()
    return None if backend.name == "database" else backend


def index_pages(page_ids: Iterable[int]) -> None:
    """Add or refresh the given pages in the search index (bulk; called by the news importer)."""
    ids = sorted({int(pk) for pk in page_ids})
    engine = _engine()
    for chunk in _chunks(ids):
        documents, rejected = build_documents(chunk)
        with transaction.atomic():
            database.write(documents, remove=rejected)
            token = _queue(chunk) if engine else ""
        if engine:
            _mirror(engine, documents, rejected, token)


def remove_pages(page_ids: Iterable[int]) -> None:
    """Drop the given pages from the index (unpublished, deleted, made private)."""
    ids = sorted({int(pk) for pk in page_ids})
    engine = _engine()
    for chunk in _chunks(ids):
        with transaction.atomic():
            database.write([], remove=set(chunk))
            token = _queue(chunk) if engine else ""
        if engine:
            _mirror(engine, [], set(chunk), token)


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


def _queue(ids: list[int]) -> str:
    """Queue `ids` for the engine (in the caller's transaction); the token names this update."""
    from search.models import PendingIndexUpdate

    token, now = uuid.uuid4().hex, timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(page_id=pk, token=token, queued_at=now) for pk in ids],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["token", "queued_at"],
    )
    return token


def _mirror(engine, documents, removed, token: str) -> None:
    transaction.on_commit(lambda: _mirror_now(engine, documents, removed, token))


def _mirror_now(engine, documents, removed, token: str) -> None:
    """After the commit: write the engine; on success unqueue this update, else leave it queued."""
    from search.models import PendingIndexUpdate

    ids = [d.page_id for d in documents] + sorted(removed)
    try:
        engine.write(documents, remove=removed)
    except Exception as exc:
        logger.warning("Search index: %s could not take %s page(s); queued for replay (%s)", engine.name, len(ids), exc)
        try:
            _record_failure(ids, token, exc)
        except Exception:
            logger.exception("Search index: could not record the failed update")
        return
    try:
        PendingIndexUpdate.objects.filter(page_id__in=ids, token=token).delete()
        if PendingIndexUpdate.objects.exists():
            replay_pending(limit=BATCH, engine=engine)
    except Exception:
        logger.exception("Search index: replaying the queue after a write failed; it stays queued")


def _record_failure(ids, token, exc) -> None:
    from search.models import PendingIndexUpdate

    PendingIndexUpdate.objects.filter(page_id__in=ids, token=token).update(
        attempts=F("attempts") + 1, last_error=str(exc)[:2000]
    )


@dataclass
class ReplayResult:
    replayed: int
    remaining: int
    error: str = ""


def replay_pending(*, limit: int | None = None, engine=None) -> ReplayResult:
    """Send the queued pages to the engine, oldest first, until the queue is empty (or `limit`).

    Each page is re-read: indexed if it is live and public, removed otherwise. Stops at the
    first failure, leaving the rest queued.
    """
    from search.models import PendingIndexUpdate

    engine = engine or _engine()
    if engine is None:
        return ReplayResult(0, PendingIndexUpdate.objects.count(), "SEARCH_BACKEND is not a search engine")
    done = 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        rows = list(PendingIndexUpdate.objects.order_by("queued_at", "page_id").values_list("page_id", "token")[:size])
        if not rows:
            break
        ids = [pk for pk, _token in rows]
        documents, rejected = build_documents(ids)
        try:
            engine.write(documents, remove=rejected)
        except Exception as exc:
            logger.warning("Search index: replay stopped, %s does not answer (%s)", engine.name, exc)
            PendingIndexUpdate.objects.filter(page_id__in=ids).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:2000]
            )
            return ReplayResult(done, PendingIndexUpdate.objects.count(), str(exc))
        by_token = defaultdict(list)
        for pk, token in rows:
            by_token[token].append(pk)
        for token, pks in by_token.items():
            PendingIndexUpdate.objects.filter(page_id__in=pks, token=token).delete()
        done += len(rows)
    return ReplayResult(done, PendingIndexUpdate.objects.count())


def _entry_document(entry) -> registry.IndexedDocument:
    return registry.IndexedDocument(
        page_id=entry.page_id,
        kind=entry.kind,
        title=entry.title,
        lead=entry.lead,
        body=entry.body,
        url=entry.url,
        date=entry.date,
        categories=entry.categories or [],
    )


def _entries(ids: list[int]):
    from search.models import SearchEntry

    for chunk in _chunks(ids, 1000):
        yield from map(_entry_document, SearchEntry.objects.filter(pk__in=chunk).order_by("pk"))


@dataclass
class RebuildResult:
    index: str
    documents: int
    dropped: list[str]


def rebuild_engine(*, progress=None, threads: int = 2) -> RebuildResult:
    """Zero-downtime rebuild of the engine index from the database index (`SearchEntry`).

    A new index (named with the time) is filled in bulk while searches keep answering from the
    old one behind the alias; pages written meanwhile go to the old index and are copied again
    (their entries changed after the start), pages removed meanwhile are removed; then the alias
    moves to the new index in one atomic call and the old index is deleted. A last pass covers
    the writes that reached the old index during the swap.
    """
    from search.models import SearchEntry

    engine = _engine()
    if engine is None:
        raise ValueError("SEARCH_BACKEND is not a search engine")
    started = timezone.now()
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    session = engine.start_rebuild()
    try:
        done = 0

        def counted():
            nonlocal done
            for doc in _entries(ids):
                done += 1
                if progress and done % 1000 == 0:
                    progress(done, len(ids))
                yield doc

        from search.es import documents as es_documents

        es_documents.bulk_write(counted(), [], index=session.index, refresh=False, threads=threads)
        checked = timezone.now()
        _catch_up(session.add, session.ids(), started)
        dropped = session.finish()
    except Exception:
        session.abort()
        raise
    from search.es import documents as es_documents

    _catch_up(engine.write, es_documents.client().ids(es_documents.alias_name()), checked)
    return RebuildResult(index=session.index, documents=len(ids), dropped=dropped)


def _catch_up(write, indexed: set[int], since) -> None:
    """Copy the entries changed since `since` again and remove the ids no longer indexed."""
    from search.models import SearchEntry

    current = set(SearchEntry.objects.values_list("pk", flat=True))
    changed = list(SearchEntry.objects.filter(indexed_at__gte=since).order_by("pk").values_list("pk", flat=True))
    gone = indexed - current
    if changed or gone:
        write(list(_entries(changed)), remove=sorted(gone))
