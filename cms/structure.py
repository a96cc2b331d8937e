"""The portal's page structure (home page as the site's root, the news section, categories).

The site app (`home`) owns it and registers its builder from `AppConfig.ready()`; the floors
below it — the news importer, the services demo — ask for it here, so that whichever command
runs first builds the same portal and none of them imports the app above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_builder: Callable | None = None


def register(builder: Callable) -> None:
    """`builder(**kwargs)` creates what is missing and returns an object with `home`, `site`,
    `news_index`, `categories`, `created` (a Counter) and `notes` (Vietnamese lines)."""
    global _builder
    _builder = builder


def ensure_portal_structure(**kwargs):
    """Build whatever is missing of the portal's structure and return it."""
    if _builder is None:
        raise ImproperlyConfigured("No app registered the portal structure (cms.structure.register).")
    return _builder(**kwargs)
