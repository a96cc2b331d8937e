"""JSON API for tips (mounted at /api/): categories, anonymous submission, follow-up with the
PIN in a header, statistics. Same forms, services and limits as the web pages."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from cms import codes, ratelimit, receipts
from cms.intake import limited_response, too_many_requests
from reports import selectors, services, stats
from reports.forms import ApiReportForm

router = Router(tags=["Phản ánh, tố giác"])


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


class ErrorsOut(Schema):
    errors: dict[str, list[str]]


class DetailOut(Schema):
    detail: str


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
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    total: int
    by_category: dict[str, int]
    by_channel: dict[str, int]
    by_month: dict[str, int]


class StatsQuery(Schema):
    date_from: date = Field(..., alias="from", description="Từ ngày, YYYY-MM-DD")
    date_to: date = Field(..., alias="to", description="Đến ngày, YYYY-MM-DD")


@router.get("/reports/categories", response=list[CategoryOut], summary="Lĩnh vực phản ánh, tố giác")
def list_categories(request):
    return [
        {
            "code": top.code,
            "name": top.name,
            "children": [{"code": c.code, "name": c.name} for c in top.active_children],
        }
        for top in selectors.category_tree()
    ]


_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["category", "description"],
                    "properties": {
                        "category": {"type": "string", "description": "Mã lĩnh vực từ /api/reports/categories"},
                        "description": {"type": "string", "minLength": 20},
                        "occurred_at": {
                            "type": "string",
                            "description": "YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM; bỏ trống nếu không rõ",
                        },
                        "province": {"type": "integer", "description": "Mã tỉnh, thành phố"},
                        "ward": {"type": "integer", "description": "Mã xã, phường"},
                        "address": {"type": "string"},
                        "name": {"type": "string", "description": "Không bắt buộc: để trống để ẩn danh"},
                        "phone": {"type": "string"},
                        "email": {"type": "string", "format": "email"},
                        "form_token": {
                            "type": "string",
                            "format": "uuid",
                            "description": "Gửi lại cùng mã này không tạo phản ánh trùng.",
                        },
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            }
        },
    }
}


@router.post(
    "/reports",
    response={201: ReceiptOut, 200: ReceiptOut, 400: ErrorsOut, 409: DetailOut, 429: DetailOut},
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
        return Status(400, {"errors": form.api_errors()})
    try:
        receipt = services.report_submit(**form.submission(), sender=receipts.api_sender_of(request))
    except receipts.ReplayRefused:
        return Status(409, {"detail": str(receipts.REPLAY_MESSAGE)})
    if receipt.duplicate:
        return Status(200, {"code": receipt.report.code, "pin": receipt.pin or ""})
    return Status(201, {"code": receipt.report.code, "pin": receipt.pin})


@router.get(
    "/reports/{code}",
    response={200: ReportOut, 404: DetailOut, 429: DetailOut},
    summary="Theo dõi phản ánh: mã PIN trong tiêu đề X-Report-Pin",
)
def get_report(request, code: str, x_report_pin: str = Header("", alias="X-Report-Pin")):
    try:
        report = services.report_open(
            code=code, pin=x_report_pin.strip(), fingerprint=ratelimit.client_fingerprint(request)
        )
    except services.TooManyAttempts as blocked:
        return limited_response(request, blocked.message, blocked.retry_after, as_json=True)
    if report is None:
        return Status(404, {"detail": "Mã phản ánh hoặc mã PIN không đúng."})
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


@router.get("/stats/reports", response=StatsOut, by_alias=True, summary="Thống kê phản ánh, tố giác theo kỳ")
def report_statistics(request, query: Query[StatsQuery]):
    period = stats.period_for(start=query.date_from, end=query.date_to)
    return stats.report_stats(period).as_dict()
