"""Demo dossiers that make the office look real: one or more in every status, assigned,
annotated, supplemented, rated, spread over the last four months.

Every dossier goes through the same service functions an officer's or a citizen's click calls
(`application_submit`, `application_transition`, `application_assign`, …), so its history is
the one the real screens would have written; only the clock is moved back afterwards, step by
step, to the day each step is meant to have happened. Applicant names end in "(dữ liệu mẫu)":
a second run finds them and creates nothing. Called by the demo loader only (`services.demo`),
never by migrations or production code.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cms.uploads import CleanFile
from services import services, workdays
from services.models import Application, ApplicationEvent, ProcedurePage, Status

DEMO_MARK = "(dữ liệu mẫu)"
# A one-page PDF standing for the documents a citizen sends back.
_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# (applicant, procedure code, days ago submitted, steps). A step: (day after submission, action, note).
# Actions: a Status (officer's transition), "assign", "note" (internal), "supplied" (the citizen
# answers a request for documents), "withdraw" (the citizen asks to withdraw), "rate:N".
DOSSIERS = [
    ("Nguyễn Văn An", "1.004222", 0, []),
    ("Trần Thị Bình", "1.004208", 2, []),
    ("Lê Hoàng Cường", "1.004194", 3, [(0, Status.RECEIVED, ""), (0, "assign", "")]),
    (
        "Phạm Thu Dung",
        "1.004222",
        6,
        [
            (0, Status.RECEIVED, ""),
            (0, "assign", ""),
            (1, Status.PROCESSING, ""),
            (2, "note", "Đã đối chiếu với Cơ sở dữ liệu về cư trú, thông tin khớp."),
        ],
    ),
    (
        "Hoàng Minh Đức",
        "1.004206",
        12,
        [
            (0, Status.RECEIVED, ""),
            (1, Status.PROCESSING, ""),
            (2, Status.SUPPLEMENT, "Đề nghị bổ sung bản sao hợp đồng thuê nhà còn thời hạn."),
        ],
    ),
    (
        "Vũ Thị Hạnh",
        "1.012340",
        20,
        [
            (0, Status.RECEIVED, ""),
            (1, Status.PROCESSING, ""),
            (2, Status.SUPPLEMENT, "Ảnh chân dung chưa đúng quy cách, đề nghị chụp lại."),
            (5, "supplied", "Đã gửi lại ảnh theo hướng dẫn."),
            (6, "note", "Ảnh mới đạt yêu cầu."),
        ],
    ),
    (
        "Đặng Quốc Khánh",
        "1.004194",
        45,
        [
            (0, Status.RECEIVED, ""),
            (0, "assign", ""),
            (1, Status.PROCESSING, ""),
            (3, "note", "Chờ xác minh của Công an cấp xã nơi thường trú trước đây."),
        ],
    ),
    (
        "Bùi Thị Lan",
        "1.012745",
        70,
        [
            (0, Status.RECEIVED, ""),
            (1, Status.PROCESSING, ""),
            (2, Status.FINANCIAL, "Đề nghị nộp lệ phí đăng ký xe theo thông báo."),
        ],
    ),
    (
        "Ngô Văn Minh",
        "1.004208",
        35,
        [(0, Status.RECEIVED, ""), (1, Status.PROCESSING, ""), (2, Status.DONE, "Đã xác nhận khai báo tạm vắng.")],
    ),
    (
        "Đỗ Thị Ngọc",
        "1.004222",
        60,
        [
            (0, Status.RECEIVED, ""),
            (1, Status.PROCESSING, ""),
            (3, Status.DONE, "Đã cập nhật thông tin tạm trú vào Cơ sở dữ liệu về cư trú."),
            (4, Status.RETURNED, "Đã trả kết quả qua Cổng dịch vụ công."),
            (5, "rate:5", "Cán bộ hướng dẫn tận tình."),
        ],
    ),
    (
        "Trịnh Quang Phúc",
        "1.004201",
        95,
        [
            (0, Status.RECEIVED, ""),
            (1, Status.PROCESSING, ""),
            (9, Status.DONE, "Đã xóa đăng ký thường trú."),
            (10, Status.RETURNED, ""),
            (12, "rate:3", "Thời gian giải quyết hơi lâu."),
        ],
    ),
    (
        "Lý Thị Quyên",
        "1.004194",
        25,
        [
            (
                1,
                Status.REJECTED,
                "Hồ sơ không thuộc thẩm quyền giải quyết của Công an phường; đề nghị nộp tại nơi cư trú.",
            )
        ],
    ),
    (
        "Mai Xuân Sơn",
        "1.004206",
        110,
        [
            (0, Status.RECEIVED, ""),
            (2, "withdraw", "Gia đình đã chuyển nơi ở, không còn nhu cầu gia hạn."),
            (3, Status.STOPPED, "Dừng xử lý theo đề nghị rút hồ sơ của công dân."),
        ],
    ),
    (
        "Tạ Thị Uyên",
        "1.012340",
        4,
        [(0, Status.RECEIVED, ""), (1, "withdraw", "Đã nộp hồ sơ trực tiếp tại bộ phận một cửa.")],
    ),
]


def load_dossiers(officer) -> int:
    """Create the demo dossiers that do not exist yet; returns how many were created."""
    procedures = {page.code: page for page in ProcedurePage.objects.all()}
    created = 0
    for name, code, days_ago, steps in DOSSIERS:
        applicant = f"{name} {DEMO_MARK}"
        procedure = procedures.get(code)
        if procedure is None or not procedure.accepts_online:
            continue
        if Application.objects.filter(applicant_name=applicant).exists():
            continue
        _dossier(procedure, applicant, days_ago, steps, officer)
        created += 1
    return created


def _dossier(procedure, applicant: str, days_ago: int, steps, officer) -> Application:
    application, _ = services.application_submit(
        procedure=procedure, applicant_name=applicant, applicant_phone="0912000111", data={}, attachments=[]
    )
    submitted = timezone.now() - timedelta(days=days_ago, hours=3)
    moments = [(ApplicationEvent.objects.filter(application=application).values_list("pk", flat=True).get(), submitted)]
    for day, action, note in steps:
        before = set(application.events.values_list("pk", flat=True))
        if action == "assign":
            services.application_assign(application=application, assignee=officer, actor=officer)
        elif action == "note":
            services.application_add_note(application=application, actor=officer, note=note, public=False)
        elif action == "supplied":
            document = CleanFile(name="giay-to-bo-sung.pdf", kind="pdf", content=_PDF)
            services.application_supplement(application=application, files=[document], note=note)
        elif action == "withdraw":
            services.application_withdraw(application=application, reason=note)
        elif isinstance(action, str) and action.startswith("rate:"):
            services.application_rate(application=application, rating=int(action[5:]), comment=note)
        else:
            services.application_transition(application=application, to_status=action, actor=officer, note=note)
        at = submitted + timedelta(days=day, hours=1 + len(moments))
        moments += [(pk, at) for pk in application.events.exclude(pk__in=before).values_list("pk", flat=True)]
    for pk, at in moments:
        ApplicationEvent.objects.filter(pk=pk).update(created_at=at)
    _redate(application, submitted)
    return application


def _redate(application: Application, submitted) -> None:
    """Put the dossier's own timestamps on the days its history now shows."""
    application = Application.objects.select_related("procedure").get(pk=application.pk)
    events = application.events.order_by("created_at", "pk")

    def first(status):
        event = events.filter(to_status=status).first()
        return event.created_at if event else None

    application.submitted_at = submitted
    application.consent_at = submitted
    application.receipt_due_at = workdays.add_working_hours(submitted, services.RECEIPT_HOURS)
    application.received_at = first(Status.RECEIVED)
    if application.received_at:
        application.due_at = workdays.due_after_working_days(
            application.received_at, application.procedure.processing_days
        )
    application.completed_at = first(Status.DONE)
    if application.completed_at:
        application.timeliness = services.timeliness_of(
            completed_at=application.completed_at, due_at=application.due_at
        )
    application.returned_at = first(Status.RETURNED)
    if application.rated_at:
        application.rated_at = events.last().created_at
    application.save()
