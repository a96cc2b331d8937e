"""The address the portal is served at, for every absolute link it writes: sitemap, feeds,
canonical links, e-mails.

Wagtail builds absolute links from the Site record (`http://localhost:8000/…` on a fresh
install), which is right for nobody who reads the portal at another address. The answer is, in
order: the configured `PORTAL_BASE_URL`; the host the request came in on, when it is one of
`ALLOWED_HOSTS`; the host of the request being served now (e-mails queued while answering a
request, see `AddressMiddleware`); `WAGTAILADMIN_BASE_URL`.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_current: ContextVar[str] = ContextVar("portal_base_url", default="")


def configured_base_url() -> str:
    return (getattr(settings, "PORTAL_BASE_URL", "") or "").rstrip("/")


def request_base_url(request) -> str:
    """`scheme://host[:port]` of the request when its host is allowed; empty otherwise."""
    if request is None:
        return ""
    try:
        host = request.get_host()
    except (DisallowedHost, KeyError):
        return ""
    return f"{request.scheme}://{host}"


def base_url(request=None) -> str:
    """The portal's address without a trailing slash."""
    return (
        configured_base_url()
        or request_base_url(request)
        or _current.get()
        or settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    )


class AddressMiddleware:
    """Remembers the address of the request being answered, for work it queues (e-mails) that
    builds links without the request at hand."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request_base_url(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def page_root_url(site_id: int | None, root_url: str, request=None) -> str:
    """The root URL for a page of Wagtail site `site_id`: the portal's address when that site is
    the one being served (the request's site, or the only site), the Site record's otherwise."""
    from wagtail.models import Site

    if site_id is None:
        return root_url
    if request is not None:
        site = Site.find_for_request(request)
        if site is None or site.pk != site_id:
            return root_url
    elif len({path.site_id for path in Site.get_site_root_paths()}) > 1 and not configured_base_url():
        return root_url
    return base_url(request)
