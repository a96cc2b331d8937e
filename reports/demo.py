"""Demo data for tips: sub-categories, units, the officers' group and user, sample reports
across every channel, and the demo office's tips in every state with their handling
(`reports.demo_tips`). Idempotent: running it twice changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms import places
from reports import demo_tips, groups, services
from reports.models import TOP_LEVEL_CATEGORIES, Report, ReportCategory, Unit

OFFICER_USERNAME = "canbo_tinbao"
OFFICER_PASSWORD = "CongAn@2026"

SUBCATEGORIES = {
    "an-ninh-chinh-tri": [
        ("tuyen-truyen-chong-pha", "Tuyên truyền, kích động chống phá"),
        ("tu-tap-dong-nguoi", "Tụ tập đông người trái phép"),
    ],
    "toi-pham-hinh-su": [
        ("lua-dao-qua-mang", "Lừa đảo qua mạng"),
        ("trom-cap-tai-san", "Trộm cắp tài sản"),
        ("cuop-giat", "Cướp giật"),
        ("co-y-gay-thuong-tich", "Cố ý gây thương tích"),
    ],
    "te-nan-xa-hoi": [
        ("ma-tuy", "Ma túy"),
        ("co-bac", "Cờ bạc"),
        ("mai-dam", "Mại dâm"),
        ("tin-dung-den", "Tín dụng đen"),
    ],
    "khac": [("trat-tu-cong-cong", "Trật tự công cộng"), ("giao-thong", "Trật tự an toàn giao thông")],
}

UNITS = [
    ("Phòng Cảnh sát hình sự", Unit.Kind.DIVISION),
    ("Phòng Cảnh sát điều tra tội phạm về ma túy", Unit.Kind.DIVISION),
    ("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", Unit.Kind.DIVISION),
    ("Phòng Cảnh sát quản lý hành chính về trật tự xã hội", Unit.Kind.DIVISION),
    ("Công an phường Hoàn Kiếm", Unit.Kind.WARD_POLICE),
    ("Công an phường Ba Đình", Unit.Kind.WARD_POLICE),
    ("Công an xã Sóc Sơn", Unit.Kind.WARD_POLICE),
]

# (category, channel, days ago, status, description)
SAMPLES = [
    (
        "lua-dao-qua-mang",
        Report.Channel.WEB,
        2,
        Report.Status.NEW,
        "Nhận cuộc gọi giả danh cán bộ công an yêu cầu cài ứng dụng và chuyển tiền để “xác minh”.",
    ),
    (
        "ma-tuy",
        Report.Channel.HOTLINE,
        5,
        Report.Status.VERIFYING,
        "Người dân báo có nhóm thanh niên thường xuyên tụ tập sử dụng chất ma túy trong phòng trọ.",
    ),
    (
        "co-bac",
        Report.Channel.FANPAGE,
        9,
        Report.Status.FORWARDED,
        "Tin nhắn qua fanpage: có tụ điểm đánh bạc ăn tiền vào buổi tối tại quán nước đầu ngõ.",
    ),
    (
        "trom-cap-tai-san",
        Report.Channel.IN_PERSON,
        20,
        Report.Status.RESOLVED,
        "Công dân đến trình báo bị mất trộm xe máy đỗ trước cửa nhà trong đêm.",
    ),
    (
        "tuyen-truyen-chong-pha",
        Report.Channel.EMAIL,
        35,
        Report.Status.ACCEPTED,
        "Thư điện tử phản ánh tài khoản mạng xã hội đăng tải nội dung xuyên tạc, kích động.",
    ),
    (
        "trat-tu-cong-cong",
        Report.Channel.WEB,
        60,
        Report.Status.UNFOUNDED,
        "Phản ánh tiếng ồn karaoke kéo dài sau 23 giờ tại khu dân cư.",
    ),
]


def load_demo() -> None:
    groups.ensure_groups()
    for top_code, children in SUBCATEGORIES.items():
        # The migration seeds the four groups; a flushed database (transactional tests) has lost them.
        top, _ = ReportCategory.objects.get_or_create(
            code=top_code,
            defaults={
                "name": TOP_LEVEL_CATEGORIES[top_code],
                "sort_order": list(TOP_LEVEL_CATEGORIES).index(top_code) + 1,
            },
        )
        for order, (code, name) in enumerate(children, start=1):
            ReportCategory.objects.get_or_create(code=code, defaults={"name": name, "parent": top, "sort_order": order})
    for name, kind in UNITS:
        Unit.objects.get_or_create(name=name, defaults={"kind": kind})

    User = get_user_model()
    officer, created = User.objects.get_or_create(
        username=OFFICER_USERNAME,
        defaults={"first_name": "Cán bộ", "last_name": "Tiếp nhận tin báo", "email": "canbo.tinbao@congan.example.vn"},
    )
    if created:
        officer.set_password(OFFICER_PASSWORD)
        officer.save()
    officer.groups.add(Group.objects.get(name=groups.OFFICER_GROUP))

    hanoi = places.get_province(1)
    wards = list(hanoi.wards) if hanoi else []
    now = timezone.now()
    for index, (category, channel, days, status, text) in enumerate(SAMPLES):
        if Report.objects.filter(description=text).exists():
            continue
        ward = wards[(index * 37) % len(wards)] if wards else None
        receipt = services.report_submit(
            category=ReportCategory.objects.get(code=category),
            description=text,
            province_code=hanoi.code if ward else None,
            ward_code=ward.code if ward else None,
            channel=channel,
            received_at=now - timedelta(days=days),
            user=officer if channel != Report.Channel.WEB else None,
        )
        report = receipt.report
        if status == Report.Status.FORWARDED:
            services.report_forward(report=report, unit=Unit.objects.order_by("pk").first(), user=officer)
        elif status != Report.Status.NEW:
            services.report_set_status(report=report, status=status, user=officer)
    demo_tips.load_tips(officer)
