"""Page lifecycle -> search index. Handlers only route to `search.indexing`; no logic here.

The database index is written in the same transaction as the page, so it commits or rolls
back with it; `indexing` defers the Elasticsearch copy until after commit.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import indexing

logger = logging.getLogger(__name__)


def on_published(sender, instance, **kwargs):
    if instance.numchild:
        indexing.index_subtree(instance)
    else:
        indexing.index_pages([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    # Remove rather than re-read the page: Wagtail also sends this signal from its pre_delete
    # handler, with `unpublish(commit=False)`, while the row in the database still says live;
    # re-reading it would index the page again on its way out and leave its FTS rows behind.
    indexing.remove_pages([instance.pk])


def on_moved_or_renamed(sender, instance, **kwargs):
    indexing.index_subtree(instance)


def on_page_deleted(sender, instance, **kwargs):
    # Before the row goes: the contentless FTS rows are removed with the indexed text.
    indexing.remove_pages([instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.index_subtree(page)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_moved_or_renamed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_moved_or_renamed, dispatch_uid="search_page_slug_changed")
    # One receiver per page class: the collector signals the specific class (NewsPage...) or
    # Page. Not a receiver for every model: any pre_delete listener makes Django load each row
    # before deleting it, and `SearchEntry.objects.all().delete()` would read every body.
    for model in get_page_models():
        pre_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"search_page_deleted_{model._meta.label_lower}")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
