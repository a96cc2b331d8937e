"""Structured logs in production: one JSON object per line, one line per request.

The request line says method, path, status and duration, nothing that identifies the visitor: no
address, no cookie, and no query string on the citizens' private paths (a tracking code or a
phone number can travel there) — the README's privacy section asks the same of the web server.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

from cms.cache_headers import is_private_path

logger = logging.getLogger("cms.access")


class JsonFormatter(logging.Formatter):
    """`{"time": …, "level": …, "logger": …, "message": …, <extra "fields">}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def request_path(request) -> str:
    path = request.path
    query = request.META.get("QUERY_STRING", "")
    if query and not is_private_path(path):
        return f"{path}?{query}"
    return path


class AccessLogMiddleware:
    """Place first in MIDDLEWARE so the duration covers every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": request_path(request),
            "status": response.status_code,
            "duration_ms": duration_ms,
        }
        logger.info(
            "%s %s %s %sms", fields["method"], fields["path"], fields["status"], duration_ms, extra={"fields": fields}
        )
        return response
