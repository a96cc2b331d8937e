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
    connection = transaction.get_connection()
    if any(getattr(entry[1], "purges_all", False) and not entry[1].done for entry in connection.run_on_commit):
        return  # one purge per transaction, however many rows it changed

    def purge() -> None:
        purge.done = True
        _send_purge(base_url() + PURGE_ALL_PATH)

    purge.purges_all = True
    purge.done = False
    transaction.on_commit(purge)


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


# The portal's own apps: their snippets (categories, units, holidays, reception entries…) are
# registered only after every app is ready, so their delete receivers are connected per model of
# these apps and `shown_on_pages` is asked when a row goes.
CONTENT_APPS = ("home", "news", "services", "reports", "publications")


def connect() -> None:
    from django.apps import apps
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import get_page_models

    page_published.connect(_purge, dispatch_uid="home.purge.published")
    page_unpublished.connect(_purge, dispatch_uid="home.purge.unpublished")
    post_page_move.connect(_purge, dispatch_uid="home.purge.moved")
    post_save.connect(_purge_for_content, dispatch_uid="home.purge.content.saved")
    # Delete receivers per sender class, never one for every model: any pre/post_delete listener
    # makes Django load each row before deleting it (no fast delete), e.g. every SearchEntry with
    # its body in search_reindex (tests/search/test_lifecycle.py).
    for model in get_page_models():
        post_delete.connect(_purge, sender=model, dispatch_uid=f"home.purge.deleted.{model._meta.label_lower}")
    for model in apps.get_models():
        if issubclass(model, Page):
            continue
        if model._meta.app_label in CONTENT_APPS or issubclass(model, (BaseSiteSetting, BaseGenericSetting, Redirect)):
            post_delete.connect(
                _purge_for_content, sender=model, dispatch_uid=f"home.purge.content.deleted.{model._meta.label_lower}"
            )
