"""JSON API for tips (mounted at /api/v1/): categories, anonymous submission, follow-up with the
PIN in a header, statistics. Same forms, services and limits as the web pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Header, Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from cms import codes, intake, ratelimit, receipts
from cms.api import (
    API_PREFIX,
    CATALOGUE_DESCRIPTION,
    NO_NUL,
    NOT_MODIFIED,
    PROVINCES_URL,
    PageMeta,
    catalogue,
    error,
    page_query,
    paginate,
    responses,
)
from cms.intake import limited_response, too_many_requests
from reports import selectors, services, stats
from reports.forms import ApiReportForm

_PAGE = page_query(default=50, maximum=100)
PathStr = Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)]

router = Router(tags=["phan-anh-to-giac"])


class CategoryChildOut(Schema):
    code: str
    name: str


class CategoryOut(Schema):
    code: str
    name: str
    children: list[CategoryChildOut]


class ReceiptOut(Schema):
    code: str
    pin: str


class CategoryPage(PageMeta):
    items: list[CategoryOut]


class MessageOut(Schema):
    sender: str
    body: str
    created_at: datetime
    attachments: list[str]


class ReportOut(Schema):
    code: str
    category: str
    category_name: str
    status: str
    status_label: str
    received_at: datetime
    messages: list[MessageOut]


class StatsOut(Schema):
    period: str = Field(description="Kỳ: 2025-06 (tháng), 2025-q2 (quý) hoặc 2025 (năm)")
    label: str
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    threshold: int = Field(description="Số nhỏ hơn ngưỡng này được che (null)")
    total: int | None
    by_category: dict[str, int | None]
    by_channel: dict[str, int | None]
    by_month: dict[str, int | None]


class StatsQuery(Schema):
    period: str = Field(
        "",
        alias="ky",
        max_length=16,
        description="Một tháng (2025-06), một quý (2025-q2) hoặc một năm (2025) đã kết thúc ít nhất 7 ngày; "
        "bỏ trống: tháng gần nhất đã kết thúc. Không có khoảng ngày tuỳ chọn.",
        json_schema_extra={"pattern": r"^(20\d{2}(-(0?[1-9]|1[0-2]|[qQ][1-4]))?)?$"},
    )


@router.get(
    "/reports/categories",
    response=responses({200: CategoryPage, **NOT_MODIFIED}),
    summary="Lĩnh vực phản ánh, tố giác",
    description="Mã của lĩnh vực chung hoặc lĩnh vực con là giá trị `category` khi gửi phản ánh. "
    + CATALOGUE_DESCRIPTION,
)
@catalogue()
def list_categories(request, query: Query[_PAGE]):
    return paginate(
        request,
        selectors.category_tree(),
        trang=query.trang,
        so_muc=query.so_muc,
        render=lambda top: {
            "code": top.code,
            "name": top.name,
            "children": [{"code": c.code, "name": c.name} for c in top.active_children],
        },
    )


_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["category", "description"],
                    "properties": {
                        "category": {
                            "type": "string",
                            "maxLength": 64,
                            "pattern": NO_NUL,
                            "description": f"Mã lĩnh vực từ GET {API_PREFIX}reports/categories",
                        },
                        "description": {"type": "string", "minLength": 20, "maxLength": 10000, "pattern": NO_NUL},
                        "occurred_at": {
                            "type": "string",
                            "pattern": r"^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?|\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?)?$",
                            "description": "YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM; bỏ trống nếu không rõ",
                        },
                        "province": {
                            "type": "integer",
                            "description": f"Mã tỉnh, thành phố từ GET {PROVINCES_URL}",
                            "x-choices-url": PROVINCES_URL,
                        },
                        "ward": {
                            "type": "integer",
                            "description": f"Mã xã, phường từ GET {PROVINCES_URL}/{{province}}/wards",
                            "x-choices-url": PROVINCES_URL + "/{province}/wards",
                        },
                        "address": {"type": "string", "maxLength": 255, "pattern": NO_NUL},
                        "name": {
                            "type": "string",
                            "maxLength": 120,
                            "pattern": NO_NUL,
                            "description": "Không bắt buộc: để trống để ẩn danh",
                        },
                        "phone": {"type": "string", "maxLength": 20, "pattern": r"^(\+84|0)\d{8,10}$"},
                        "email": {"type": "string", "format": "email", "maxLength": 254},
                        "form_token": {
                            "type": "string",
                            "format": "uuid",
                            "description": "Gửi lại cùng mã này không tạo phản ánh trùng.",
                        },
                        "files": {
                            "type": "array",
                            "maxItems": intake.MAX_FILES,
                            "items": {"type": "string", "format": "binary"},
                            "description": "Ảnh JPEG, PNG, video MP4, MOV, WEBM hoặc PDF",
                        },
                    },
                }
            }
        },
    }
}


@router.post(
    "/reports",
    response=responses({201: ReceiptOut, 200: ReceiptOut}, 409, 429),
    summary="Gửi phản ánh, tố giác (ẩn danh nếu không điền họ tên, liên hệ)",
    openapi_extra=_MULTIPART,
)
def create_report(request):
    limited = too_many_requests(request, "reports", as_json=True)
    if limited:
        return limited
    files = request.FILES.copy()
    files.setlist("files", request.FILES.getlist("files"))
    form = ApiReportForm(request.POST, files)
    if form.is_bot():
        return Status(201, {"code": codes.generate(services.CODE_PREFIX), "pin": services._new_pin()})
    if not form.is_valid():
        return error(400, "Phản ánh chưa hợp lệ: vui lòng sửa các trường được nêu.", errors=form.api_errors())
    try:
        receipt = services.report_submit(**form.submission(), sender=receipts.api_sender_of(request))
    except receipts.ReplayRefused:
        return error(409, receipts.REPLAY_MESSAGE)
    if receipt.duplicate:
        return Status(200, {"code": receipt.report.code, "pin": receipt.pin or ""})
    return Status(201, {"code": receipt.report.code, "pin": receipt.pin})


@router.get(
    "/reports/{code}",
    response=responses({200: ReportOut}, 404, 429),
    summary="Theo dõi phản ánh: mã PIN trong tiêu đề X-Report-Pin (không bao giờ trong địa chỉ)",
)
def get_report(
    request,
    code: PathStr,
    x_report_pin: str = Header(..., alias="X-Report-Pin", min_length=1, max_length=16, pattern=NO_NUL),
):
    try:
        report = services.report_open(
            code=code, pin=x_report_pin.strip(), fingerprint=ratelimit.client_fingerprint(request)
        )
    except services.TooManyAttempts as blocked:
        return limited_response(request, blocked.message, blocked.retry_after, as_json=True)
    if report is None:
        return error(404, "Mã phản ánh hoặc mã PIN không đúng.")
    services.report_citizen_view(report=report)
    return Status(
        200,
        {
            "code": report.code,
            "category": report.category.code,
            "category_name": str(report.category),
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "received_at": report.received_at,
            "messages": [
                {
                    "sender": m.kind,
                    "body": m.body,
                    "created_at": m.created_at,
                    "attachments": [a.name for a in m.attachments.all()],
                }
                for m in selectors.report_public_messages(report)
            ],
        },
    )


@router.get(
    "/stats/reports", response=responses({200: StatsOut}), by_alias=True, summary="Thống kê phản ánh, tố giác theo kỳ"
)
def report_statistics(request, query: Query[StatsQuery]):
    """Only closed periods, masked like the public page (reports.stats.public_tables)."""
    try:
        if any(request.GET.get(name) for name in ("from", "to", "tu", "den")):
            raise stats.PeriodError("Không có khoảng ngày tuỳ chọn; hãy chọn một tháng, quý hoặc năm (ky=2025-06).")
        period = stats.public_period(query.period)
    except stats.PeriodError as exc:
        return error(400, str(exc), errors={"ky": [str(exc)]})
    data = stats.report_stats(period)
    tables = stats.public_tables(data)
    return {
        "period": period.preset,
        "label": period.label,
        "from": period.start,
        "to": period.end,
        "threshold": stats.PUBLIC_THRESHOLD,
        "total": stats.public_total(data),
        **{f"by_{name}": {c.key: c.count for c in tables[name].cells} for name in ("category", "channel", "month")},
    }
