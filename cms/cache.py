"""Redis as a soft dependency.

The portal keeps nothing in the cache that it cannot lose: page fragments, rate-limit counters.
When Redis stops, a stock `RedisCache` raises on every call and every page answers 500. This
backend answers from a per-process memory cache instead (rate limits become per-process, which
is still a limit), logs one warning a minute rather than one per request, and returns to Redis
by itself: after a failure it leaves Redis alone for `RETRY_SECONDS`, then tries again.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("cms.cache")

RETRY_SECONDS = 5
WARN_EVERY_SECONDS = 60
_FAILURES = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
_METHODS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")


class ResilientRedisCache(RedisCache):
    """`RedisCache` that falls back to process memory while Redis does not answer."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        # A stopped or unreachable server must cost milliseconds, not the request's whole time.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, {**params, "OPTIONS": options})
        self._fallback = LocMemCache(f"fallback-{id(self)}", params)
        self._down_until = 0.0
        self._warned_at = 0.0
        self._lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, method: str, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_SECONDS
            if now - self._warned_at >= WARN_EVERY_SECONDS or not self._warned_at:
                self._warned_at = now
                logger.warning(
                    "Redis không trả lời (%s: %s): dùng bộ nhớ đệm trong tiến trình, thử lại sau %s giây.",
                    method,
                    error,
                    RETRY_SECONDS,
                )

    def _call(self, method: str, *args, **kwargs):
        if not self.is_down:
            try:
                return getattr(super(), method)(*args, **kwargs)
            except _FAILURES as error:
                self._failed(method, error)
        return getattr(self._fallback, method)(*args, **kwargs)


def _delegate(method: str):
    def call(self, *args, **kwargs):
        return self._call(method, *args, **kwargs)

    call.__name__ = method
    call.__doc__ = f"`{method}` on Redis, or on process memory while Redis is down."
    return call


for _method in _METHODS:
    setattr(ResilientRedisCache, _method, _delegate(_method))
