"""Demo tips that make the office look real: every state, the four groups of categories, every
channel, with the officers' handling (acceptance, verification, forwarding, internal notes,
answers to the reporter) spread over the last four months.

Tips go through the service functions the officers' screens call (`report_submit`,
`report_set_status`, `report_forward`, `report_add_note`, `report_message_citizen`), so the
audit log is the one real work writes; only the clock is moved back afterwards, step by step.
Every description ends in "(dữ liệu mẫu)": a second run finds them and creates nothing.
Called by the demo loader only (`reports.demo`), never by migrations or production code.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cms import places
from reports import services
from reports.models import Report, ReportCategory, ReportEvent, ReportMessage, Unit

DEMO_MARK = "(dữ liệu mẫu)"
S, C = Report.Status, Report.Channel

# (sub-category, channel, days ago, final state, reporter's name or "", description)
TIPS = [
    ("tu-tap-dong-nguoi", C.FANPAGE, 1, S.NEW, "", "Nhóm người kêu gọi tụ tập trước trụ sở UBND phường sáng mai."),
    (
        "lua-dao-qua-mang",
        C.HOTLINE,
        3,
        S.ACCEPTED,
        "Phạm Văn Hùng",
        "Bị lừa chuyển 45 triệu đồng cho tài khoản giả danh ngân hàng.",
    ),
    ("ma-tuy", C.WEB, 4, S.VERIFYING, "", "Mùi lạ và người ra vào phòng trọ số 12 liên tục về đêm."),
    (
        "giao-thong",
        C.EMAIL,
        6,
        S.NEW,
        "Lê Thị Hoa",
        "Nhóm thanh niên đua xe, lạng lách trên đường ven hồ tối cuối tuần.",
    ),
    (
        "trom-cap-tai-san",
        C.IN_PERSON,
        9,
        S.FORWARDED,
        "Ngô Đức Long",
        "Mất trộm két sắt tại cửa hàng điện thoại trong đêm.",
    ),
    (
        "tuyen-truyen-chong-pha",
        C.WEB,
        14,
        S.VERIFYING,
        "",
        "Trang mạng xã hội đăng tin sai sự thật về lực lượng công an.",
    ),
    (
        "tin-dung-den",
        C.FANPAGE,
        21,
        S.FORWARDED,
        "",
        "Tờ rơi cho vay không thế chấp, lãi suất 3%/ngày dán khắp khu phố.",
    ),
    (
        "cuop-giat",
        C.HOTLINE,
        30,
        S.RESOLVED,
        "Trần Minh Tâm",
        "Bị giật túi xách khi đi xe máy trên phố, đối tượng đi xe không biển.",
    ),
    ("trat-tu-cong-cong", C.IN_PERSON, 45, S.UNFOUNDED, "", "Hàng xóm để vật liệu xây dựng lấn chiếm vỉa hè."),
    ("co-bac", C.EMAIL, 60, S.RESOLVED, "", "Tụ điểm cá độ bóng đá tại quán cà phê gần chợ."),
    (
        "co-y-gay-thuong-tich",
        C.WEB,
        80,
        S.ACCEPTED,
        "",
        "Xô xát giữa hai nhóm thanh niên trước quán karaoke, một người bị thương.",
    ),
    ("mai-dam", C.HOTLINE, 100, S.UNFOUNDED, "", "Nghi có hoạt động mua bán dâm tại cơ sở massage đầu ngõ."),
    (
        "lua-dao-qua-mang",
        C.EMAIL,
        120,
        S.RESOLVED,
        "Đỗ Thu Trang",
        "Tài khoản Zalo của người thân bị chiếm đoạt, nhắn tin vay tiền.",
    ),
]

# What an officer does on the way to each final state: (day after receipt, action, text).
STEPS = {
    S.NEW: [],
    S.ACCEPTED: [(0, S.ACCEPTED, ""), (1, "note", "Đã liên hệ lại người báo để lấy thêm thông tin.")],
    S.VERIFYING: [
        (0, S.ACCEPTED, ""),
        (1, S.VERIFYING, ""),
        (2, "note", "Phân công tổ công tác xác minh tại địa bàn."),
        (2, "message", "Công an đã tiếp nhận và đang xác minh thông tin anh/chị cung cấp."),
    ],
    S.FORWARDED: [
        (0, S.ACCEPTED, ""),
        (1, S.VERIFYING, ""),
        (2, "forward", ""),
        (2, "note", "Đã chuyển kèm tài liệu."),
    ],
    S.RESOLVED: [
        (0, S.ACCEPTED, ""),
        (1, S.VERIFYING, ""),
        (3, "forward", ""),
        (8, "note", "Đơn vị xử lý báo cáo đã xác định và triệu tập đối tượng."),
        (12, S.RESOLVED, "Đã xử lý theo quy định"),
        (12, "message", "Vụ việc anh/chị phản ánh đã được xử lý. Cảm ơn anh/chị đã cung cấp thông tin."),
    ],
    S.UNFOUNDED: [(0, S.ACCEPTED, ""), (3, S.UNFOUNDED, "Xác minh tại chỗ không phát hiện vi phạm")],
}


def load_tips(officer) -> int:
    """Create the demo tips that do not exist yet; returns how many were created."""
    hanoi = places.get_province(1)
    wards = list(hanoi.wards) if hanoi else []
    units = list(Unit.objects.order_by("pk"))
    created = 0
    for index, (category, channel, days_ago, state, name, text) in enumerate(TIPS):
        description = f"{text} {DEMO_MARK}"
        if Report.objects.filter(description=description).exists():
            continue
        ward = wards[(index * 53 + 11) % len(wards)] if wards else None
        received = timezone.now() - timedelta(days=days_ago, hours=2)
        report = services.report_submit(
            category=ReportCategory.objects.get(code=category),
            description=description,
            province_code=hanoi.code if ward else None,
            ward_code=ward.code if ward else None,
            name=f"{name} {DEMO_MARK}" if name else "",
            phone="0912000222" if name else "",
            channel=channel,
            received_at=received,
            user=officer if channel != C.WEB else None,
        ).report
        _handle(report, STEPS[state], received, officer, units[index % len(units)] if units else None)
        created += 1
    return created


def _handle(report: Report, steps, received, officer, unit) -> None:
    ReportEvent.objects.filter(report=report).update(created_at=received)
    for order, (day, action, text) in enumerate(steps, start=1):
        at = received + timedelta(days=day, hours=order)
        events_before = set(ReportEvent.objects.filter(report=report).values_list("pk", flat=True))
        messages_before = set(report.messages.values_list("pk", flat=True))
        if action == "note":
            services.report_add_note(report=report, body=text, user=officer)
        elif action == "message":
            services.report_message_citizen(report=report, body=text, user=officer)
        elif action == "forward":
            if unit is None:
                continue
            services.report_forward(report=report, unit=unit, user=officer)
        else:
            services.report_set_status(report=report, status=action, user=officer, note=text)
        ReportEvent.objects.filter(report=report).exclude(pk__in=events_before).update(created_at=at)
        ReportMessage.objects.filter(report=report).exclude(pk__in=messages_before).update(created_at=at)
        if report.is_closed:
            Report.objects.filter(pk=report.pk).update(closed_at=at)
