"""The portal's JSON API (django-ninja): one NinjaAPI, one versioned contract, one OpenAPI schema.

`cms` imports no app: each app adds its router from `AppConfig.ready` through `register()`.
What every operation shares lives here: the one error shape (`ErrorOut`, `error()`), the
responses every operation may give (`responses()`), one pagination scheme (`trang`, `so_muc`,
`PageMeta`, `paginate()`) and conditional GET for catalogues (`catalogue()`).
See docs/api.md for the versioning policy.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Literal
from urllib.parse import urlencode

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Redoc, Swagger
from pydantic import Field

from cms import places
from cms.errors import API_ERROR_CODES, api_error_body, error_response, is_unavailable

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
# Text the API can store: no NUL byte (the middleware refuses it before any operation runs).
NO_NUL = r"^[^\x00]*$"
# Major version = the URL (/api/v1/); minor = additions; patch = fixes. docs/api.md.
API_VERSION = "1.2.0"

ErrorCode = Literal[
    "invalid",
    "invalid_characters",
    "too_large",
    "not_found",
    "method_not_allowed",
    "replayed",
    "gone",
    "rate_limited",
    "server_error",
    "unavailable",
]


class ErrorOut(Schema):
    """Every error of the API, whatever the status."""

    code: ErrorCode = Field(description="Mã lỗi cho máy đọc")
    message: str = Field(description="Thông báo tiếng Việt cho người dùng")
    detail: str = Field(description="Như `message` (tên trường của phiên bản đầu)")
    errors: dict[str, list[str]] = Field(description="Lỗi theo từng trường; rỗng nếu không có")


# Any operation may meet malformed input, a failure or an outage.
ALWAYS = (400, 500, 503)


def responses(ok: dict, *errors: int) -> dict:
    """The `response=` of an operation: its successes plus every error status it may answer."""
    return {**ok, **{status: ErrorOut for status in sorted({*ALWAYS, *errors})}}


def error(status: int, message, *, code: str = "", errors: dict | None = None) -> Status:
    return Status(status, api_error_body(status, str(message), code=code, errors=errors))


# ASCII tag names (generated clients name their modules after them), Vietnamese descriptions.
TAGS = {
    "dia-ban": "Đơn vị hành chính: tỉnh, thành phố; xã, phường",
    "dich-vu-cong": "Dịch vụ công trực tuyến: thủ tục, nộp và tra cứu hồ sơ",
    "phan-anh-to-giac": "Phản ánh, tố giác về an ninh, trật tự",
    "tim-kiem": "Tìm kiếm nội dung công khai",
}


class PortalAPI(NinjaAPI):
    """NinjaAPI whose schema carries the rate-limit and outage headers on every operation."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["tags"] = [{"name": name, "description": label} for name, label in TAGS.items()]
        retry_after = {"description": "Số giây nên chờ trước khi gửi lại", "schema": {"type": "integer"}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status in ("429", "503"):
                    answer = operation.get("responses", {}).get(status)
                    if answer is not None:
                        answer.setdefault("headers", {})["Retry-After"] = retry_after
        return schema


api = PortalAPI(
    title="API Cổng thông tin điện tử Công an Thành phố",
    version=API_VERSION,
    description=(
        "Tìm kiếm nội dung công khai, dịch vụ công trực tuyến và tiếp nhận phản ánh, tố giác. "
        "Phiên bản 1, địa chỉ gốc `/api/v1/`. Mọi lỗi có cùng dạng `ErrorOut`; mọi danh sách phân trang bằng "
        "`trang` và `so_muc`. Chính sách phiên bản: docs/api.md."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
)


_registered: set[tuple[str, int]] = set()


def register(prefix: str, router: Router) -> None:
    """Called by each app's `AppConfig.ready`: mount its router under /api/v1/<prefix>."""
    key = (prefix, id(router))
    if key not in _registered:
        _registered.add(key)
        api.add_router(prefix, router)


# --- errors -----------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "Thiếu giá trị bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "greater_than_equal": "Giá trị phải từ %(ge)s trở lên.",
    "less_than_equal": "Giá trị không được vượt quá %(le)s.",
    "string_too_long": "Quá dài: tối đa %(max_length)s ký tự.",
    "string_too_short": "Quá ngắn: ít nhất %(min_length)s ký tự.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "model_attributes_type": "Nội dung phải là một đối tượng JSON.",
    "dict_type": "Nội dung phải là một đối tượng JSON.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
}


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body", "header", "form")]
        name = loc[-1] if loc else "__all__"
        template = _PYDANTIC_MESSAGES.get(item.get("type", ""), "Giá trị không hợp lệ.")
        try:
            message = template % item.get("ctx", {})
        except (KeyError, TypeError):
            message = "Giá trị không hợp lệ."
        errors.setdefault(name, []).append(message)
    return errors


def _on_validation_error(request, exc: ValidationError):
    return api.create_response(
        request,
        api_error_body(400, "Dữ liệu gửi lên không hợp lệ.", errors=_field_errors(exc)),
        status=400,
    )


def _on_http_error(request, exc: HttpError):
    return api.create_response(request, api_error_body(exc.status_code, str(exc)), status=exc.status_code)


def _on_not_found(request, exc):
    return api.create_response(request, api_error_body(404, "Không tìm thấy."), status=404)


def _on_bad_request(request, exc):
    return api.create_response(
        request, api_error_body(400, "Yêu cầu không hợp lệ hoặc quá lớn.", code="too_large"), status=400
    )


def _on_exception(request, exc):
    if is_unavailable(exc):
        logger.warning("API unavailable: %r", exc)
        return error_response(request, 503)
    raise exc  # handler500 answers with the same JSON shape (cms.errors)


api.add_exception_handler(ValidationError, _on_validation_error)
api.add_exception_handler(HttpError, _on_http_error)
api.add_exception_handler(Http404, _on_not_found)
api.add_exception_handler(SuspiciousOperation, _on_bad_request)
api.add_exception_handler(MultiPartParserError, _on_bad_request)
api.add_exception_handler(Exception, _on_exception)

assert set(API_ERROR_CODES.values()) <= set(ErrorCode.__args__)  # noqa: S101 - one list of codes


# --- pagination -------------------------------------------------------------------------------


class PageMeta(Schema):
    """What every paged list answers besides its `items`."""

    total: int = Field(ge=0, description="Tổng số mục")
    trang: int = Field(ge=1, description="Trang hiện tại, từ 1")
    so_muc: int = Field(ge=1, description="Số mục mỗi trang")
    so_trang: int = Field(ge=0, description="Tổng số trang")
    next: str | None = Field(description="Địa chỉ trang sau, hoặc null")
    previous: str | None = Field(description="Địa chỉ trang trước, hoặc null")


def page_query(default: int = 20, maximum: int = 100) -> type[Schema]:
    """The query parameters of a paged list: `trang` (from 1) and `so_muc` (per page)."""

    class PageQuery(Schema):
        trang: int = Field(1, ge=1, le=100000, description="Trang, từ 1")
        so_muc: int = Field(default, ge=1, le=maximum, description=f"Số mục mỗi trang, 1–{maximum}")

    PageQuery.__name__ = f"PageQuery{default}x{maximum}"
    return PageQuery


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["trang"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}")


def paginate(request: HttpRequest, items: list, *, trang: int, so_muc: int, render: Callable = lambda x: x) -> dict:
    total = len(items)
    pages = (total + so_muc - 1) // so_muc
    start = (trang - 1) * so_muc
    return {
        "items": [render(item) for item in items[start : start + so_muc]],
        "total": total,
        "trang": trang,
        "so_muc": so_muc,
        "so_trang": pages,
        "next": _page_url(request, trang + 1) if trang < pages else None,
        "previous": _page_url(request, min(trang - 1, pages)) if trang > 1 and pages else None,
    }


# --- conditional GET for catalogues ------------------------------------------------------------


def catalogue(last_modified: Callable[[], datetime | None] | None = None, max_age: int = 300):
    """ETag (of the body), Last-Modified and 304 for GETs of lists that rarely change."""

    def decorator(run):
        @wraps(run)
        def wrapper(request, *args, **kwargs):
            response = run(request, *args, **kwargs)
            if request.method not in ("GET", "HEAD") or response.status_code != 200:
                return response
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = etag
            response["Cache-Control"] = f"public, max-age={max_age}"
            modified = last_modified() if last_modified else None
            stamp = int(modified.timestamp()) if modified else None  # HTTP dates have whole seconds
            if stamp is not None:
                response["Last-Modified"] = http_date(stamp)
            return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)

        return wrapper

    return decorate_view(decorator)


NOT_MODIFIED = {304: None}
CATALOGUE_DESCRIPTION = (
    "Trả `ETag` và (nếu biết) `Last-Modified`; gửi lại `If-None-Match`/`If-Modified-Since` để nhận 304."
)


# --- places: the two-level administrative map, for every field that asks for a place -----------

places_router = Router(tags=["dia-ban"])
_PLACES_PAGE = page_query(default=100, maximum=500)
PROVINCES_URL = API_PREFIX + "places/provinces"
WARDS_URL = API_PREFIX + "places/provinces/{province}/wards"


class ProvinceOut(Schema):
    code: int = Field(description="Mã tỉnh, thành phố (mã chính thức)")
    name: str
    wards_url: str = Field(description="Danh sách xã, phường của tỉnh, thành phố này")


class WardOut(Schema):
    code: int = Field(description="Mã xã, phường, đặc khu (mã chính thức)")
    name: str
    province_code: int


class ProvincePage(PageMeta):
    items: list[ProvinceOut]


class WardPage(PageMeta):
    items: list[WardOut]


def _places_modified() -> datetime:
    from datetime import UTC

    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    return datetime.fromtimestamp(int(NESTED_DIVISIONS_JSON_PATH.stat().st_mtime), tz=UTC)


@places_router.get(
    "/provinces",
    response=responses({200: ProvincePage, **NOT_MODIFIED}),
    summary="Tỉnh, thành phố (đơn vị hành chính cấp tỉnh từ 01/7/2025)",
    description=CATALOGUE_DESCRIPTION,
)
@catalogue(_places_modified, max_age=86400)
def list_provinces(request, query: Query[_PLACES_PAGE]):
    return paginate(
        request,
        list(places.provinces()),
        trang=query.trang,
        so_muc=query.so_muc,
        render=lambda p: {"code": p.code, "name": p.name, "wards_url": WARDS_URL.format(province=p.code)},
    )


@places_router.get(
    "/provinces/{province}/wards",
    response=responses({200: WardPage, **NOT_MODIFIED}, 404),
    summary="Xã, phường, đặc khu của một tỉnh, thành phố",
    description=CATALOGUE_DESCRIPTION,
)
@catalogue(_places_modified, max_age=86400)
def list_wards(request, province: int, query: Query[_PLACES_PAGE]):
    found = places.get_province(province)
    if found is None:
        return error(404, "Không có tỉnh, thành phố với mã này.")
    return Status(
        200,
        paginate(
            request,
            list(found.wards),
            trang=query.trang,
            so_muc=query.so_muc,
            render=lambda w: {"code": w.code, "name": w.name, "province_code": w.province_code},
        ),
    )


register("/places", places_router)


# --- views around the API ---------------------------------------------------------------------


@csrf_exempt
def api_unversioned(request, rest: str = ""):
    """/api/<rest> → /api/v1/<rest> (308 keeps the method and body). Clients of the first,
    unversioned API keep working; docs/api.md says for how long."""
    target = API_PREFIX + rest
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, status=308)


def api_redoc(request):
    """ReDoc, from ninja's own static files like Swagger UI at /api/v1/docs."""
    return Redoc().render_page(request, api)
