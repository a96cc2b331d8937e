"""Purge the shared page cache (Varnish, deploy/varnish/portal.vcl) when what every page shows
changes: the contact settings and snippets in the header and footer, and the page tree (menus,
listings, the home page's latest articles) when a page is published, unpublished, moved or
deleted. Wagtail's frontend-cache module purges the page itself; the rest is purged whole, after
the change commits, so the next visitor's request cannot refill the cache with the old version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.addresses import base_url

PURGE_ALL_PATH = "/.purge-all"


def purge_all() -> None:
    """After the commit, directly: Wagtail's own purge goes through the task queue, whose worker
    may be a second behind; a visitor must not wait for it to see the change."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    url = base_url() + PURGE_ALL_PATH
    transaction.on_commit(lambda: _send_purge(url))


def _send_purge(url: str) -> None:
    from wagtail.contrib.frontend_cache.utils import get_backends

    for backend in get_backends().values():
        backend.purge(url)  # logs and carries on when the cache does not answer


def _purge(sender=None, **kwargs) -> None:
    purge_all()


def shown_on_pages(model) -> bool:
    """Site settings, snippets (categories, units…) and redirects: what public pages show or obey."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, Page):
        return False
    return issubclass(model, (BaseSiteSetting, BaseGenericSetting, Redirect)) or model in get_snippet_models()


def _purge_for_content(sender, **kwargs) -> None:
    if shown_on_pages(sender):
        purge_all()


def connect() -> None:
    page_published.connect(_purge, dispatch_uid="home.purge.published")
    page_unpublished.connect(_purge, dispatch_uid="home.purge.unpublished")
    post_page_move.connect(_purge, dispatch_uid="home.purge.moved")
    post_delete.connect(_purge_page_deleted, dispatch_uid="home.purge.deleted")
    post_save.connect(_purge_for_content, dispatch_uid="home.purge.content.saved")
    post_delete.connect(_purge_for_content, dispatch_uid="home.purge.content.deleted")


def _purge_page_deleted(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        purge_all()
