"""Bounds on what a public address may ask for, checked once before any view runs.

Every listing, filter and search box of the public site reads the same few query parameters:
page numbers, months, years and search words. Without bounds, `?trang=100000000000000000000`,
`?thang=9999-12`, a 100 KB query or a NUL byte reach the database or date arithmetic and
answer slowly or with a 500. Here each has a limit and anything beyond it gets a clear
Vietnamese 400 (`400.html`); so does a posted field over MAX_FIELD characters, which a form
error would echo back whole. The admin and the JSON API validate their own parameters.
"""

from __future__ import annotations

import re

from django.http import HttpResponseBadRequest
from django.template import loader

MAX_QUERY_STRING = 4096  # bytes of the raw query string
MAX_VALUE = 1000  # characters of any one parameter
MAX_TEXT = 200  # characters of a search box (q, tu-khoa)
MAX_FIELD = 20_000  # characters of one posted form field (the longest, a tip's description, takes 10.000)
MAX_PAGE = 10_000
FIRST_YEAR, LAST_YEAR = 1900, 2100
PAGE_PARAMS = frozenset({"trang", "page", "p"})
TEXT_PARAMS = frozenset({"q", "tu-khoa"})
MONTH_PARAMS = frozenset({"thang"})
YEAR_PARAMS = frozenset({"nam", "year"})
EXEMPT_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/documents/")
_MONTH = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def _number(value: str) -> int | None:
    """The value as a whole number (any length, so 10^20 is seen), or None when it is not one."""
    value = value.strip()
    return int(value[:40]) if value.isascii() and value.lstrip("-").isdigit() else None


def problem(request) -> str | None:
    """Why this request's query string is refused (a Vietnamese sentence), or None."""
    if "\x00" in request.path or len(request.path) > MAX_VALUE:
        return "Địa chỉ trang không hợp lệ."
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return "Địa chỉ trang quá dài."
    for key, values in request.GET.lists():
        if "\x00" in key or len(key) > 100:
            return "Tên tham số không hợp lệ."
        for value in values:
            if "\x00" in value:
                return "Dữ liệu có ký tự không hợp lệ."
            if len(value) > MAX_VALUE or (key in TEXT_PARAMS and len(value) > MAX_TEXT):
                limit = MAX_TEXT if key in TEXT_PARAMS else MAX_VALUE
                return f"Nội dung tìm kiếm hoặc bộ lọc dài quá {limit} ký tự."
            if not value.strip():
                continue
            # Out-of-range numbers are refused here; values that are not numbers at all are left
            # to the views, which ignore them or answer with a form error.
            if key in PAGE_PARAMS:
                number = _number(value)
                if number is not None and not 1 <= number <= MAX_PAGE:
                    return f"Số trang phải là số từ 1 đến {MAX_PAGE:,}.".replace(",", ".")
            elif key in YEAR_PARAMS:
                number = _number(value)
                if number is not None and not FIRST_YEAR <= number <= LAST_YEAR:
                    return f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}."
            elif key in MONTH_PARAMS:
                found = _MONTH.match(value.strip())
                if found and not (FIRST_YEAR <= int(found[1]) <= LAST_YEAR and 1 <= int(found[2]) <= 12):
                    return f"Tháng phải có dạng năm-tháng, ví dụ 2025-06, năm từ {FIRST_YEAR} đến {LAST_YEAR}."
    return None


def post_problem(request) -> str | None:
    """Why a posted form is refused before any form sees it: a field so long that answering
    with the usual form error would send it back whole."""
    for values in request.POST.lists():
        if any(len(value) > MAX_FIELD for value in values[1]):
            return f"Nội dung gửi lên quá dài (tối đa {MAX_FIELD:,} ký tự mỗi ô).".replace(",", ".")
    return None


def bad_request(request, message: str) -> HttpResponseBadRequest:
    html = loader.render_to_string("400.html", {"message": message}, request=None)
    response = HttpResponseBadRequest(html)
    response["Cache-Control"] = "no-store"
    return response


class QueryLimitsMiddleware:
    """Answers 400 to a public GET whose query parameters are beyond the portal's bounds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(EXEMPT_PREFIXES):
            message = problem(request) or (post_problem(request) if request.method == "POST" else None)
            if message:
                return bad_request(request, message)
        return self.get_response(request)
