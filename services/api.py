"""JSON API of the online services (mounted at /api/): catalogue, submission, tracking."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema
from ninja.responses import Status as Reply

from cms import codes, receipts
from cms.intake import HONEYPOT_FIELD, too_many_requests
from services import selectors
from services.forms import ApplicationForm, form_errors
from services.models import FieldType, ProcedurePage, Status
from services.views import RATE_SCOPE_SUBMIT, RATE_SCOPE_TRACK, submit_application, tracking_url

router = Router(tags=["Dịch vụ công"])


class ProcedureOut(Schema):
    code: str
    name: str
    field: str
    level: str
    level_label: str
    agency: str
    processing_days: int
    fee: str
    methods: list[str]
    online: bool
    url: str


class FormFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    choices: list[str] = []
    help_text: str = ""
    inputs: list[str] = []


class ComponentOut(Schema):
    name: str
    required: bool
    quantity: str
    field: str | None
    template_url: str | None


class ProcedureDetailOut(ProcedureOut):
    applicants: str
    summary: str
    steps: list[str]
    result: str
    legal_basis: list[str]
    data_purpose: str
    form_fields: list[FormFieldOut]
    components: list[ComponentOut]


class ApplicationCreatedOut(Schema):
    code: str
    status: str
    tracking_url: str


class ErrorsOut(Schema):
    errors: dict[str, list[str]]


class DetailOut(Schema):
    detail: str


class EventOut(Schema):
    at: datetime
    from_status: str | None
    to_status: str | None
    note: str


class ApplicationOut(Schema):
    code: str
    procedure: str
    status: str
    status_code: int
    submitted_at: datetime
    receipt_due_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    rating: int | None
    events: list[EventOut]


def _procedure_out(page: ProcedurePage, request) -> dict:
    return {
        "code": page.code,
        "name": page.title,
        "field": page.field,
        "level": page.level,
        "level_label": str(page.get_level_display()),
        "agency": page.agency,
        "processing_days": page.processing_days,
        "fee": page.fee,
        "methods": page.methods_display,
        "online": page.accepts_online,
        "url": request.build_absolute_uri(page.url) if page.url else "",
    }


def _form_fields(page: ProcedurePage) -> list[dict]:
    fixed = [
        {"name": "applicant_name", "label": "Họ và tên người nộp", "type": FieldType.TEXT, "required": True},
        {"name": "applicant_phone", "label": "Số điện thoại", "type": FieldType.PHONE, "required": True},
        {"name": "applicant_email", "label": "Thư điện tử", "type": FieldType.EMAIL, "required": False},
        {
            "name": "consent",
            "label": "Đồng ý cho xử lý dữ liệu cá nhân",
            "type": FieldType.CHECKBOX,
            "required": True,
            "help_text": page.data_purpose,
        },
    ]
    custom = []
    for spec in page.form_fields.all():
        name = ApplicationForm.field_name(spec)
        item = {
            "name": name,
            "label": spec.label,
            "type": spec.field_type,
            "required": spec.required,
            "choices": spec.choice_list if spec.field_type == FieldType.CHOICE else [],
            "help_text": spec.help_text,
        }
        if spec.field_type == FieldType.PLACE:
            item["inputs"] = [f"{name}_province", f"{name}_ward"]
        custom.append(item)
    return fixed[:3] + custom + fixed[3:]


@router.get("/procedures", response=list[ProcedureOut], summary="Danh mục thủ tục hành chính")
def list_procedures(request, field: str = "", level: str = "", agency: str = "", q: str = ""):
    pages = selectors.procedure_list(q=q, field=field, level=level, agency=agency)
    return [_procedure_out(p, request) for p in pages]


@router.get(
    "/procedures/{code}",
    response={200: ProcedureDetailOut, 404: DetailOut},
    summary="Chi tiết thủ tục và biểu mẫu nộp trực tuyến",
)
def get_procedure(request, code: str):
    page = selectors.procedure_get_by_code(code)
    if page is None:
        return Reply(404, {"detail": "Không tìm thấy thủ tục."})
    data = _procedure_out(page, request)
    data.update(
        applicants=page.applicants,
        summary=page.summary,
        steps=[str(b.value) for b in page.steps],
        result=page.result,
        legal_basis=page.legal_basis_lines,
        data_purpose=page.data_purpose,
        form_fields=_form_fields(page) if page.accepts_online else [],
        components=[
            {
                "name": c.name,
                "required": c.required,
                "quantity": c.quantity,
                "field": c.upload_field_name if (c.accepts_upload and page.accepts_online) else None,
                "template_url": request.build_absolute_uri(c.template.url) if c.template else None,
            }
            for c in page.components.all()
        ],
    )
    return Reply(200, data)


_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["procedure", "applicant_name", "applicant_phone", "consent"],
                    "properties": {
                        "procedure": {"type": "string", "description": "Mã thủ tục, ví dụ 1.004194"},
                        "applicant_name": {"type": "string"},
                        "applicant_phone": {"type": "string"},
                        "applicant_email": {"type": "string", "format": "email"},
                        "consent": {"type": "boolean"},
                        "form_token": {
                            "type": "string",
                            "format": "uuid",
                            "description": "Gửi lại cùng mã này không tạo hồ sơ trùng.",
                        },
                    },
                    "additionalProperties": {
                        "description": "Các trường và tệp (file_<id>) của thủ tục, xem GET /api/procedures/{code}."
                    },
                }
            }
        },
    }
}


@router.post(
    "/applications",
    response={201: ApplicationCreatedOut, 400: ErrorsOut, 409: DetailOut, 429: DetailOut},
    summary="Nộp hồ sơ trực tuyến",
    openapi_extra=_MULTIPART,
)
def create_application(request):
    limited = too_many_requests(request, RATE_SCOPE_SUBMIT, as_json=True)
    if limited:
        return limited
    page = selectors.procedure_get_by_code(request.POST.get("procedure", ""))
    if page is None or not page.accepts_online:
        return Reply(400, {"errors": {"procedure": ["Thủ tục không tồn tại hoặc không tiếp nhận hồ sơ trực tuyến."]}})
    if request.POST.get(HONEYPOT_FIELD):
        return Reply(201, {"code": codes.generate("HS", 8), "status": str(Status.NEW.label), "tracking_url": ""})
    try:
        form, application, _created = submit_application(
            request, procedure=page, data=request.POST, files=request.FILES, channel="api"
        )
    except receipts.ReplayRefused:
        return Reply(409, {"detail": str(receipts.REPLAY_MESSAGE)})
    if application is None:
        return Reply(400, {"errors": form_errors(form)})
    return Reply(
        201,
        {
            "code": application.code,
            "status": str(Status(application.status).label),
            "tracking_url": request.build_absolute_uri(tracking_url(application.code)),
        },
    )


@router.get(
    "/applications/{code}",
    response={200: ApplicationOut, 404: DetailOut, 429: DetailOut},
    summary="Tra cứu hồ sơ (mã hồ sơ và số điện thoại hoặc thư điện tử đã khai)",
)
def get_application(request, code: str, contact: str = ""):
    limited = too_many_requests(request, RATE_SCOPE_TRACK, as_json=True)
    if limited:
        return limited
    application = selectors.application_for_citizen(code, contact)
    if application is None:
        return Reply(404, {"detail": "Không tìm thấy hồ sơ với mã và thông tin liên hệ đã nhập."})
    return Reply(
        200,
        {
            "code": application.code,
            "procedure": application.procedure_name,
            "status": str(Status(application.status).label),
            "status_code": application.status,
            "submitted_at": application.submitted_at,
            "receipt_due_at": application.receipt_due_at,
            "due_at": application.due_at,
            "completed_at": application.completed_at,
            "rating": application.rating,
            "events": [
                {
                    "at": e.created_at,
                    "from_status": str(Status(e.from_status).label) if e.from_status else None,
                    "to_status": str(Status(e.to_status).label) if e.to_status else None,
                    "note": e.note,
                }
                for e in selectors.public_events(application)
            ],
        },
    )
