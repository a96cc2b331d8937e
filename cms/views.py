"""The ground floor's own views: what a citizen sees when a form's CSRF check fails."""

from __future__ import annotations

import re

from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from cms.intake import HONEYPOT_FIELD

# The public submission forms (the tip form, a procedure's online application) whose typed
# text is offered back for sending again. Safe for these only: anyone may post them anonymously,
# so a forged cross-site post that lands here gains nothing by the citizen's click. Never for
# a form that acts on an existing dossier, tip or account (tracking, withdrawal, admin).
RESENDABLE_PATHS = (
    re.compile(r"^/phan-anh-to-giac/$"),
    re.compile(r"^/(?:[\w-]+/)+nop-ho-so/$"),
)
# Never written back into a page: the CSRF token is replaced, secrets are not echoed.
NEVER_KEPT = {"csrfmiddlewaretoken", "pin", "password"}
NOT_SHOWN = {HONEYPOT_FIELD, "form_token"}


def _kept_fields(request) -> tuple[list[tuple[str, str]], int]:
    """The posted text fields worth sending again, and how many files were attached (dropped)."""
    if request.method != "POST" or not any(pattern.match(request.path) for pattern in RESENDABLE_PATHS):
        return [], 0
    try:
        post, files = request.POST, request.FILES
    except Exception:  # noqa: BLE001 - a malformed or oversized body: keep nothing
        return [], 0
    kept = [(name, value) for name in post if name.lower() not in NEVER_KEPT for value in post.getlist(name)]
    return kept, sum(len(files.getlist(name)) for name in files)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a Vietnamese page that says what happened and what to do, status 403.

    Where it is safe (RESENDABLE_PATHS) the text the citizen typed comes back in a form with a
    fresh CSRF token, so nothing has to be typed again; files never do (the browser must send
    them again) and a PIN is never echoed.
    """
    kept, dropped_files = _kept_fields(request)
    context = {
        "form_path": request.path,
        "kept": kept,
        "shown": [value for name, value in kept if name not in NOT_SHOWN and " " in value.strip()],
        "dropped_files": dropped_files,
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
    }
    response = render(request, "403_csrf.html", context, status=403)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    return response
