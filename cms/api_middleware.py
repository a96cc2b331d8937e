"""HTTP rules of the JSON API that hold before and after any operation runs.

- Input no operation can store: NUL bytes, lone surrogates, undecodable or oversized bodies are
  refused with a 400 in the API's error shape, before a form or the database sees them.
- Errors Django answers itself under /api/ (no such route, wrong method) get the same shape.
- CORS is off unless `CORS_ALLOWED_ORIGINS` lists the origin.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError

from cms.errors import api_error_response

PREFIX = "/api/"
BAD_TEXT = "Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode lỗi)."
TOO_LARGE = "Yêu cầu quá lớn hoặc không đọc được."
CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Content-Type, If-None-Match, If-Modified-Since, X-Report-Pin"
CORS_EXPOSE = "ETag, Last-Modified, Retry-After, Location"


def bad_text(value) -> bool:
    """True for text nothing downstream can store: a NUL byte or a lone surrogate."""
    if not isinstance(value, str):
        return False
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _bad_json(value, path: str = "") -> str | None:
    if isinstance(value, dict):
        for key, item in value.items():
            if bad_text(key):
                return path or "__all__"
            found = _bad_json(item, str(key))
            if found:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _bad_json(item, path)
            if found:
                return found
    elif bad_text(value):
        return path or "__all__"
    return None


def bad_fields(request) -> list[str]:
    """Names of the inputs that carry unstorable text ("__all__" for the path and headers)."""
    found: list[str] = []
    if bad_text(request.path_info):
        found.append("__all__")
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
            found.append(key[5:].replace("_", "-").title())
    for key, values in request.GET.lists():
        if bad_text(key) or any(bad_text(v) for v in values):
            found.append(key if not bad_text(key) else "__all__")
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.content_type or ""
        if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
            for key, values in request.POST.lists():
                if bad_text(key) or any(bad_text(v) for v in values):
                    found.append(key if not bad_text(key) else "__all__")
            for key, files in request.FILES.lists():
                if bad_text(key) or any(bad_text(f.name) for f in files):
                    found.append(key if not bad_text(key) else "__all__")
        elif content_type == "application/json" and request.body:
            try:
                data = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                return found  # the operation answers "invalid JSON" itself
            name = _bad_json(data)
            if name:
                found.append(name)
    return found


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin", "")
        allowed = origin in getattr(settings, "CORS_ALLOWED_ORIGINS", ())
        if allowed and request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Allow-Headers"] = CORS_HEADERS
            response["Access-Control-Max-Age"] = "600"
            return self._cors(response, origin)
        try:
            fields = bad_fields(request)
        except (SuspiciousOperation, MultiPartParserError, UnicodeDecodeError, ValueError):
            return self._cors(api_error_response(400, TOO_LARGE, code="too_large"), origin if allowed else "")
        if fields:
            errors = {name: [BAD_TEXT] for name in dict.fromkeys(fields)}
            response = api_error_response(400, BAD_TEXT, code="invalid_characters", errors=errors)
            return self._cors(response, origin if allowed else "")
        response = self.get_response(request)
        if response.status_code in (404, 405) and not response.get("Content-Type", "").startswith("application/json"):
            allow = response.get("Allow")
            message = "Không tìm thấy." if response.status_code == 404 else "Phương thức không được hỗ trợ."
            response = api_error_response(response.status_code, message)
            if allow:
                response["Allow"] = allow
        return self._cors(response, origin if allowed else "")

    @staticmethod
    def _cors(response, origin: str):
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = CORS_EXPOSE
            response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Origin"]))
        return response
