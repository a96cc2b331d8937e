"""Per-client limits on citizens' submissions without storing who the client is.

The counter key is a salted hash of the client address, kept only in the cache and expiring
with its window: nothing identifying is written to the database.
"""

from __future__ import annotations

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from cms.hashing import salted_hash


def parse_limit(value: str | None = None) -> tuple[int, int] | None:
    """ "10/600" -> (10, 600); "off" (or empty) -> None."""
    value = (settings.PORTAL_RATE_LIMITS if value is None else value).strip().lower()
    if value in {"", "off", "0", "false", "no"}:
        return None
    count, _, seconds = value.partition("/")
    return int(count), int(seconds or 600)


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from exc


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in net for net in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ())))


def _clean(address: str) -> str | None:
    """A bare IP address from one X-Forwarded-For item ("[::1]:80", "1.2.3.4:5678"), or None."""
    address = address.strip()
    if address.startswith("[") and "]" in address:
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request) -> str:
    """The citizen's address: REMOTE_ADDR, or behind a trusted proxy the X-Forwarded-For hop
    that the nearest untrusted machine added.

    The header is read only when the connection itself comes from TRUSTED_PROXIES, and walked
    from the right, skipping trusted hops: whatever a client writes on the left of the header
    is never believed. Name kept for django-axes (AXES_CLIENT_IP_CALLABLE).
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _trusted(remote):
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")[:2048]
    hops = [item for item in header.split(",") if item.strip()]
    for item in reversed(hops):
        address = _clean(item)
        if address is None:
            return remote  # garbage from an untrusted hop: the proxy is all we know
        if not _trusted(address):
            return address
    return remote


def client_fingerprint(request) -> str:
    """A salted hash of the client address; never stored outside the cache."""
    address = client_address(request)
    return salted_hash(address)[:32]


class Counter:
    """Attempts under one cache key, counted in fixed windows of `seconds`.

    The previous window counts too, so a limit cannot be doubled by sending at the end of one
    window and the start of the next. Used for submissions (`hit`) and for wrong PINs.
    """

    def __init__(self, key: str, limit: int, seconds: int):
        self.key, self.limit, self.seconds = key, limit, seconds

    def _window(self) -> tuple[float, int]:
        now = time.time()
        return now, int(now // self.seconds)

    def add(self) -> int:
        """Count one attempt; the total of this window and the previous one."""
        _, window = self._window()
        current = incr(f"{self.key}:{window}", timeout=2 * self.seconds + 5)
        return current + (cache.get(f"{self.key}:{window - 1}") or 0)

    def total(self) -> int:
        _, window = self._window()
        values = cache.get_many([f"{self.key}:{window}", f"{self.key}:{window - 1}"])
        return sum(values.values())

    def retry_after(self) -> int:
        """Seconds until the total falls below the limit again (0 when it already is)."""
        now, window = self._window()
        current = cache.get(f"{self.key}:{window}") or 0
        previous = cache.get(f"{self.key}:{window - 1}") or 0
        if current + previous < self.limit:
            return 0
        end = (window + 1) * self.seconds
        if current >= self.limit:  # this window's attempts still count during the next one
            end += self.seconds
        return int(end - now) + 1


def counter(request, scope: str, limit: str | None = None) -> Counter | None:
    """The submission counter of this client in `scope`, or None when limits are off."""
    parsed = parse_limit(limit)
    if parsed is None:
        return None
    count, seconds = parsed
    return Counter(f"rl:{scope}:{client_fingerprint(request)}", count, seconds)


def hit(request, scope: str, limit: str | None = None) -> bool:
    """Count one attempt for this client in `scope`; False when the limit is exceeded."""
    attempts = counter(request, scope, limit)
    return attempts is None or attempts.add() <= attempts.limit


def incr(key: str, timeout: int) -> int:
    """Atomically add one to a cache counter that expires after `timeout` seconds."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def minutes_text(seconds: int) -> str:
    """ "sau 3 phút" for a Retry-After of 121–180 s; never less than one minute."""
    return f"{max(1, -(-seconds // 60))} phút"
