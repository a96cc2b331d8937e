"""JSON API of the online services (mounted at /api/v1/): catalogue, submission, tracking."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Max
from django.utils.datastructures import MultiValueDict
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field, StringConstraints

from cms import codes, receipts, uploads
from cms.api import (
    API_PREFIX,
    CATALOGUE_DESCRIPTION,
    NO_NUL,
    NOT_MODIFIED,
    PROVINCES_URL,
    WARDS_URL,
    PageMeta,
    catalogue,
    error,
    paginate,
    responses,
)
from cms.intake import HONEYPOT_FIELD, too_many_requests
from services import selectors
from services.forms import ApplicationForm, form_errors
from services.models import FieldType, Level, ProcedurePage
from services.models import Status as Status_
from services.views import RATE_SCOPE_SUBMIT, RATE_SCOPE_TRACK, submit_application, tracking_url

router = Router(tags=["dich-vu-cong"])
PathStr = Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)]
FIELD_TYPES = Literal[tuple(FieldType.values)]  # type: ignore[valid-type]
LEVELS = Literal[tuple(Level.values)]  # type: ignore[valid-type]
CONTACT_MAX = 254
MAX_ATTACHMENTS = 20


class ProcedureOut(Schema):
    code: str
    name: str
    field: str
    level: LEVELS
    level_label: str
    agency: str
    processing_days: int
    fee: str
    methods: list[str]
    online: bool
    url: str
    detail_url: str = Field(description="Chi tiết thủ tục và các trường của biểu mẫu")


class ProcedureListPage(PageMeta):
    items: list[ProcedureOut]


class ProcedureFilter(Schema):
    q: str = Field("", max_length=200, pattern=NO_NUL, description="Tìm theo tên, không phân biệt dấu")
    field: str = Field("", max_length=255, pattern=NO_NUL)
    level: LEVELS | Literal[""] = ""
    agency: str = Field("", max_length=255, pattern=NO_NUL)
    trang: int = Field(1, ge=1, le=100000, description="Trang, từ 1")
    so_muc: int = Field(20, ge=1, le=100, description="Số mục mỗi trang, 1–100")


class FieldInputOut(Schema):
    name: str = Field(description="Tên trường gửi lên")
    label: str
    choices_url: str = Field(
        description="Danh sách lựa chọn; `{ten_truong}` được thay bằng giá trị đã chọn ở trường cùng tên"
    )


class FormFieldOut(Schema):
    name: str
    label: str
    type: FIELD_TYPES
    required: bool
    choices: list[str] = Field(description="Lựa chọn của trường `choice`")
    help_text: str
    max_length: int | None = Field(description="Số ký tự tối đa (trường văn bản)")
    inputs: list[FieldInputOut] = Field(
        description="Trường `place` gửi lên hai giá trị (tỉnh, thành phố và xã, phường), mỗi giá trị lấy từ danh sách của nó"
    )


class ComponentOut(Schema):
    name: str
    required: bool
    quantity: str
    field: str | None = Field(description="Tên trường tệp khi nộp trực tuyến")
    template_url: str | None
    max_size: int = Field(description="Dung lượng tối đa của tệp, byte")
    content_types: list[str] = Field(description="Các loại tệp được nhận")


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
    tracking_url: str = Field(description="Trang tra cứu trên cổng (người dân nhập thêm thông tin liên hệ)")
    lookup_url: str = Field("", description="Tra cứu qua API: POST mã hồ sơ và thông tin liên hệ")


class LookupIn(Schema):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=32, pattern=NO_NUL, description="Mã hồ sơ")
    contact: str = Field(
        min_length=1,
        max_length=CONTACT_MAX,
        pattern=NO_NUL,
        description="Số điện thoại hoặc thư điện tử đã khai khi nộp",
    )


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
        "detail_url": request.build_absolute_uri(f"{API_PREFIX}procedures/{page.code}"),
    }


def _form_fields(page: ProcedurePage) -> list[dict]:
    form = ApplicationForm(procedure=page)
    blank = {"choices": [], "help_text": "", "inputs": []}

    def fixed(name, type_, help_text=""):
        field = form.fields[name]
        return {
            **blank,
            "name": name,
            "label": str(field.label),
            "type": type_,
            "required": field.required,
            "help_text": str(help_text or field.help_text or ""),
            "max_length": getattr(field, "max_length", None),
        }

    custom = []
    for spec in page.form_fields.all():
        name = ApplicationForm.field_name(spec)
        item = {
            **blank,
            "name": name,
            "label": spec.label,
            "type": spec.field_type,
            "required": spec.required,
            "choices": spec.choice_list if spec.field_type == FieldType.CHOICE else [],
            "help_text": spec.help_text,
            "max_length": getattr(form.fields.get(name), "max_length", None),
        }
        if spec.field_type == FieldType.PLACE:
            item["inputs"] = [
                {
                    "name": f"{name}_province",
                    "label": str(form.fields[f"{name}_province"].label),
                    "choices_url": PROVINCES_URL,
                },
                {
                    "name": f"{name}_ward",
                    "label": str(form.fields[f"{name}_ward"].label),
                    "choices_url": WARDS_URL.replace("{province}", f"{{{name}_province}}"),
                },
            ]
        custom.append(item)
    return [
        fixed("applicant_name", FieldType.TEXT),
        fixed("applicant_phone", FieldType.PHONE),
        fixed("applicant_email", FieldType.EMAIL),
        *custom,
        fixed("consent", FieldType.CHECKBOX, page.data_purpose),
    ]


def _procedures_modified():
    return selectors.procedure_queryset().aggregate(at=Max("last_published_at"))["at"]


@router.get(
    "/procedures",
    response=responses({200: ProcedureListPage, **NOT_MODIFIED}),
    summary="Danh mục thủ tục hành chính",
    description=CATALOGUE_DESCRIPTION,
)
@catalogue(_procedures_modified)
def list_procedures(request, filters: Query[ProcedureFilter]):
    pages = selectors.procedure_list(q=filters.q, field=filters.field, level=filters.level, agency=filters.agency)
    return paginate(
        request, pages, trang=filters.trang, so_muc=filters.so_muc, render=lambda p: _procedure_out(p, request)
    )


@router.get(
    "/procedures/{code}",
    response=responses({200: ProcedureDetailOut, **NOT_MODIFIED}, 404),
    summary="Chi tiết thủ tục và biểu mẫu nộp trực tuyến",
    description="`form_fields` và `components` là mọi trường POST /applications cần. " + CATALOGUE_DESCRIPTION,
)
@catalogue(_procedures_modified)
def get_procedure(request, code: PathStr):
    page = selectors.procedure_get_by_code(code)
    if page is None:
        return error(404, "Không tìm thấy thủ tục.")
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
                "max_size": settings.PORTAL_UPLOAD_MAX_FILE,
                "content_types": sorted(uploads.content_type_for(kind) for kind in uploads.DOCUMENTS),
            }
            for c in page.components.all()
        ],
    )
    return Status(200, data)


_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["procedure", "applicant_name", "applicant_phone", "consent"],
                    "properties": {
                        "procedure": {
                            "type": "string",
                            "maxLength": 32,
                            "pattern": NO_NUL,
                            "description": "Mã thủ tục (GET /api/v1/procedures), ví dụ 1.004194",
                        },
                        "applicant_name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": NO_NUL},
                        "applicant_phone": {
                            "type": "string",
                            "maxLength": 20,
                            "pattern": NO_NUL,
                            "description": "Số di động Việt Nam 10 chữ số hoặc số máy bàn 11 chữ số",
                        },
                        "applicant_email": {"type": "string", "format": "email", "maxLength": 254},
                        "consent": {"type": "boolean"},
                        "form_token": {
                            "type": "string",
                            "format": "uuid",
                            "description": "Gửi lại cùng mã này không tạo hồ sơ trùng.",
                        },
                        "attachments": {
                            "type": "array",
                            "maxItems": MAX_ATTACHMENTS,
                            "items": {"type": "string", "format": "binary"},
                            "description": (
                                "Tệp của các thành phần hồ sơ; tệp thứ n thuộc thành phần có tên trường "
                                "`attachment_fields[n]`"
                            ),
                        },
                        "attachment_fields": {
                            "type": "array",
                            "maxItems": MAX_ATTACHMENTS,
                            "items": {"type": "string", "maxLength": 64, "pattern": NO_NUL},
                            "description": (
                                "Tên trường của thành phần (`components[].field` của GET /api/v1/procedures/{code}) "
                                "cho từng tệp trong `attachments`, cùng thứ tự, cùng số lượng"
                            ),
                        },
                    },
                    "propertyNames": {"pattern": NO_NUL, "maxLength": 100},
                    "additionalProperties": {
                        "type": "string",
                        "maxLength": 5000,
                        "pattern": NO_NUL,
                        "description": (
                            "Các trường văn bản của thủ tục (`form_fields`; trường `place` gửi hai giá trị `inputs`), "
                            "xem GET /api/v1/procedures/{code}."
                        ),
                    },
                }
            }
        },
    }
}


def _files_by_field(page: ProcedurePage, request) -> tuple[MultiValueDict, dict[str, list[str]]]:
    """The uploads keyed by component field, as the web form sends them. A file may come under its
    component's field name (`file_<id>`) or in `attachments` with its field name at the same place
    in `attachment_fields` (what a generated client can send: the fields are per procedure)."""
    uploads_ = request.FILES.getlist("attachments")
    names = request.POST.getlist("attachment_fields")
    if not uploads_ and not names:
        return request.FILES, {}
    if len(uploads_) != len(names):
        return request.FILES, {
            "attachment_fields": ["Mỗi tệp trong `attachments` cần đúng một tên trường trong `attachment_fields`."]
        }
    known = {c.upload_field_name for c in page.components.all() if c.accepts_upload}
    files = request.FILES.copy()
    files.pop("attachments", None)
    errors: dict[str, list[str]] = {}
    for name, upload in zip(names, uploads_, strict=True):
        if name not in known:
            errors.setdefault("attachment_fields", []).append(f"Thủ tục không có thành phần hồ sơ “{name}”.")
        elif name in files:
            errors.setdefault(name, []).append("Mỗi thành phần hồ sơ nhận một tệp; tệp này được gửi hai lần.")
        else:
            files[name] = upload
    return files, errors


@router.post(
    "/applications",
    response=responses({201: ApplicationCreatedOut}, 409, 429),
    summary="Nộp hồ sơ trực tuyến",
    description=(
        "Kiểm tra giống hệt biểu mẫu trên cổng; lỗi 400 nêu từng trường trong `errors`. "
        "Tệp: PDF, JPEG, PNG, DOCX, mỗi tệp tối đa `components[].max_size` byte."
    ),
    openapi_extra=_MULTIPART,
)
def create_application(request):
    limited = too_many_requests(request, RATE_SCOPE_SUBMIT, as_json=True)
    if limited:
        return limited
    page = selectors.procedure_get_by_code(request.POST.get("procedure", ""))
    if page is None or not page.accepts_online:
        return error(
            400,
            "Dữ liệu gửi lên không hợp lệ.",
            errors={"procedure": ["Thủ tục không tồn tại hoặc không tiếp nhận hồ sơ trực tuyến."]},
        )
    if request.POST.get(HONEYPOT_FIELD):
        return Status(201, {"code": codes.generate("HS", 8), "status": str(Status_.NEW.label), "tracking_url": ""})
    files, file_errors = _files_by_field(page, request)
    if file_errors:
        return error(400, "Hồ sơ chưa hợp lệ: vui lòng sửa các trường được nêu.", errors=file_errors)
    try:
        form, application, _created = submit_application(
            request, procedure=page, data=request.POST, files=files, channel="api"
        )
    except receipts.ReplayRefused:
        return error(409, receipts.REPLAY_MESSAGE)
    if application is None:
        return error(400, "Hồ sơ chưa hợp lệ: vui lòng sửa các trường được nêu.", errors=form_errors(form))
    return Status(
        201,
        {
            "code": application.code,
            "status": str(Status_(application.status).label),
            "tracking_url": request.build_absolute_uri(tracking_url(application.code)),
            "lookup_url": request.build_absolute_uri(API_PREFIX + "applications/lookup"),
        },
    )


@router.post(
    "/applications/lookup",
    response=responses({200: ApplicationOut}, 404, 429),
    summary="Tra cứu hồ sơ: mã hồ sơ và số điện thoại hoặc thư điện tử đã khai, trong thân yêu cầu",
)
def lookup_application(request, body: LookupIn):
    limited = too_many_requests(request, RATE_SCOPE_TRACK, as_json=True)
    if limited:
        return limited
    application = selectors.application_for_citizen(body.code, body.contact)
    if application is None:
        return error(404, "Không tìm thấy hồ sơ với mã và thông tin liên hệ đã nhập.")
    return Status(
        200,
        {
            "code": application.code,
            "procedure": application.procedure_name,
            "status": str(Status_(application.status).label),
            "status_code": application.status,
            "submitted_at": application.submitted_at,
            "receipt_due_at": application.receipt_due_at,
            "due_at": application.due_at,
            "completed_at": application.completed_at,
            "rating": application.rating,
            "events": [
                {
                    "at": e.created_at,
                    "from_status": str(Status_(e.from_status).label) if e.from_status else None,
                    "to_status": str(Status_(e.to_status).label) if e.to_status else None,
                    "note": e.note,
                }
                for e in selectors.public_events(application)
            ],
        },
    )


@router.get(
    "/applications/{code}",
    response=responses({}, 410),
    summary="Đã bỏ: tra cứu bằng địa chỉ chứa thông tin liên hệ",
    description="Thông tin liên hệ không được nằm trong địa chỉ. Dùng POST /api/v1/applications/lookup.",
    deprecated=True,
)
def get_application_gone(request, code: PathStr):
    return error(
        410,
        "Cách tra cứu này đã bỏ để thông tin liên hệ không nằm trong địa chỉ. "
        "Vui lòng gửi mã hồ sơ và thông tin liên hệ bằng POST /api/v1/applications/lookup.",
    )
