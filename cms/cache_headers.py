"""`Cache-Control: public` on what a shared cache (Varnish, deploy/varnish/portal.vcl) may keep.

Django marks nothing as shareable, so without this the cache in front of the portal would keep
nothing. A response is declared public only when it is the same for every visitor: a GET or
HEAD answered 200 to an anonymous visitor, that sets no cookie, carries no form token (a page with
a form renders a CSRF token tied to the visitor's cookie), is not one of the citizens' private
addresses and has not said anything about caching itself (the private pages send `no-store`).
Browsers keep it `PORTAL_CACHE_MAX_AGE` seconds, the shared cache `PORTAL_CACHE_S_MAXAGE`
(Wagtail purges it when a page is published, see home/signals.py).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control

PRIVATE_PREFIXES = (
    "/admin/",
    "/documents/",
    "/phan-anh-to-giac/",
    "/tra-cuu-ho-so/",
    "/ho-so/",
    "/api/v1/reports",
    "/api/v1/applications",
    "/api/reports",
    "/api/applications",
)
PRIVATE_PARTS = ("/nop-ho-so/",)


def is_private_path(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES) or any(part in path for part in PRIVATE_PARTS)


def is_shareable(request, response) -> bool:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if response.has_header("Cache-Control") or response.cookies or response.streaming:
        return False
    if is_private_path(request.path):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class SharedCacheMiddleware:
    """Place first in MIDDLEWARE: it must see the cookies every other middleware set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        s_maxage = getattr(settings, "PORTAL_CACHE_S_MAXAGE", 0)
        if s_maxage and is_shareable(request, response):
            patch_cache_control(
                response, public=True, max_age=getattr(settings, "PORTAL_CACHE_MAX_AGE", 60), s_maxage=s_maxage
            )
        return response
