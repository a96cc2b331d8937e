"""Per-client limits on citizens' submissions without storing who the client is.

The counter key is a salted hash of the client address, kept only in the cache and expiring
with its window: nothing identifying is written to the database.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def parse_limit(value: str | None = None) -> tuple[int, int] | None:
    """ "10/600" -> (10, 600); "off" (or empty) -> None."""
    value = (settings.PORTAL_RATE_LIMITS if value is None else value).strip().lower()
    if value in {"", "off", "0", "false", "no"}:
        return None
    count, _, seconds = value.partition("/")
    return int(count), int(seconds or 600)


def client_fingerprint(request) -> str:
    """A salted hash of the client address; never stored outside the cache."""
    address = request.META.get("REMOTE_ADDR", "")
    salt = settings.PORTAL_RATE_LIMIT_SALT or settings.SECRET_KEY
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()[:32]


def hit(request, scope: str, limit: str | None = None) -> bool:
    """Count one attempt for this client in `scope`; False when the limit is exceeded.

    Attempts are counted in fixed windows, and the previous window counts too, so the limit
    cannot be doubled by sending at the end of one window and the start of the next.
    """
    parsed = parse_limit(limit)
    if parsed is None:
        return True
    count, seconds = parsed
    window = int(time.time() // seconds)
    prefix = f"rl:{scope}:{client_fingerprint(request)}"
    current = incr(f"{prefix}:{window}", timeout=2 * seconds + 5)
    previous = cache.get(f"{prefix}:{window - 1}") or 0
    return current + previous <= count


def incr(key: str, timeout: int) -> int:
    """Atomically add one to a cache counter that expires after `timeout` seconds."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def retry_after(limit: str | None = None) -> int:
    """Seconds until the current window ends, for the Retry-After header."""
    parsed = parse_limit(limit)
    if parsed is None:
        return 0
    _, seconds = parsed
    return int(seconds - time.time() % seconds) + 1
