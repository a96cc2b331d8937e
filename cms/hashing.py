"""Salted hashes of what identifies a citizen (an address, a code, a browser's secret), so that
counters, receipts and logs can tell clients apart without keeping who they are."""

from __future__ import annotations

import hashlib

from django.conf import settings


def salted_hash(*parts: object) -> str:
    """SHA-256 (hex) of the parts joined by ":" after the salt (PORTAL_RATE_LIMIT_SALT, or the
    SECRET_KEY when it is not set)."""
    salt = settings.PORTAL_RATE_LIMIT_SALT or settings.SECRET_KEY
    return hashlib.sha256(":".join([salt, *map(str, parts)]).encode()).hexdigest()
