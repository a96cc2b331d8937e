"""What a citizen or an API client gets when something behind the portal fails.

A database or cache that does not answer is a passing outage, not a bug: 503 with
`Retry-After` and a Vietnamese page (or the API's JSON error), so phones and clients retry
later. Anything else is a 500 with the same care. Neither ever shows a stack trace, and
neither touches the database: these pages must render while it is down.
"""

from __future__ import annotations

import errno
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
# Errors that mean "a server we depend on is down or unreachable", worth a retry.
_UNAVAILABLE: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    _UNAVAILABLE += (RedisConnectionError, RedisTimeoutError)
except ImportError:  # pragma: no cover - redis is a declared dependency
    pass

_FULL = {errno.ENOSPC, errno.EDQUOT}

MESSAGES = {
    503: "Hệ thống đang tạm thời gián đoạn. Dữ liệu bạn đã gửi thành công không bị mất; vui lòng thử lại sau ít phút.",
    500: "Đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.",
}


def is_unavailable(error: BaseException | None) -> bool:
    """True for a database or cache that does not answer (checked along the exception chain)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, _UNAVAILABLE):
            return True
        if isinstance(error, OSError) and error.errno in _FULL:  # the upload disk is full
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


API_ERROR_CODES = {
    400: "invalid",
    404: "not_found",
    405: "method_not_allowed",
    409: "replayed",
    410: "gone",
    413: "too_large",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


def api_error_body(status: int, message: str, *, code: str = "", errors: dict | None = None) -> dict:
    """The one error shape of the JSON API: a machine `code`, the Vietnamese `message` (also as
    `detail`, the name clients of the first API read) and the messages per field in `errors`."""
    message = str(message)
    return {
        "code": code or API_ERROR_CODES.get(status, "error"),
        "message": message,
        "detail": message,
        "errors": {field: [str(m) for m in messages] for field, messages in (errors or {}).items()},
    }


def api_error_response(status: int, message: str, *, code: str = "", errors: dict | None = None) -> JsonResponse:
    return JsonResponse(api_error_body(status, message, code=code, errors=errors), status=status)


def wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def error_response(request, status: int) -> HttpResponse:
    message = MESSAGES[status]
    if wants_json(request):
        response = api_error_response(status, message)
    else:
        template = loader.get_template("503.html" if status == 503 else "500.html")
        response = HttpResponse(template.render({"message": message}), status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    """handler500: 503 when a dependency is down, 500 otherwise; HTML or JSON."""
    return error_response(request, 503 if is_unavailable(sys.exc_info()[1]) else 500)
