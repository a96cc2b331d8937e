"""Demo content for the publications: clearly fictional people, sessions, models and questions,
each marked as demo data. Idempotent: everything is looked up by slug or name first.

Called from `manage.py load_initial_data` after the home page exists. Page classes of `home`
are looked up in the app registry (publications stands below home and never imports it).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from publications import services
from publications.models import (
    MovementModel,
    MovementPage,
    Question,
    QuestionIndexPage,
    ReceptionEntry,
    ReceptionSchedulePage,
    WantedPersonIndexPage,
    WantedPersonPage,
)

DEMO = "Dữ liệu mẫu – nhân vật, sự việc hư cấu, không có thật."
CRIME_WARNINGS_FEED = "/tin-tuc/chuyen-muc/canh-bao-toi-pham/rss/"

WANTED = [
    # full name, other names, year, sex, residence, offence, number, days ago
    (
        "Nguyễn Văn A",
        "Tý, A Sẹo",
        1988,
        "nam",
        "Phường An Phú (dữ liệu mẫu)",
        "Lừa đảo chiếm đoạt tài sản",
        "01/QĐ-CSĐT",
        40,
    ),
    (
        "Trần Thị B",
        "Bé Năm",
        1992,
        "nu",
        "Phường Hòa Bình (dữ liệu mẫu)",
        "Lừa đảo chiếm đoạt tài sản",
        "02/QĐ-CSĐT",
        120,
    ),
    ("Lê Văn C", "Cường Đen", 1985, "nam", "Phường Tân Thành (dữ liệu mẫu)", "Cướp giật tài sản", "03/QĐ-CSĐT", 400),
    (
        "Phạm Đức D",
        "",
        1990,
        "nam",
        "Phường Bình Minh (dữ liệu mẫu)",
        "Mua bán trái phép chất ma túy",
        "04/QĐ-CSĐT",
        500,
    ),
    ("Hoàng Thị E", "Hương", 1995, "nu", "Phường Phú Lợi (dữ liệu mẫu)", "Tổ chức đánh bạc", "05/QĐ-CSĐT", 800),
    ("Đỗ Văn G", "Giang Bờm", 1983, "nam", "Phường Thạnh Mỹ (dữ liệu mẫu)", "Cố ý gây thương tích", "06/QĐ-CSĐT", 900),
]

WARDS = [
    "Phường An Phú",
    "Phường Hòa Bình",
    "Phường Tân Thành",
    "Phường Bình Minh",
    "Phường Phú Lợi",
    "Phường Thạnh Mỹ",
    "Xã Tân Hiệp",
    "Xã Long Sơn",
]
MODEL_NAMES = [
    "Tổ tự quản an ninh trật tự khu phố",
    "Camera an ninh kết nối cộng đồng",
    "Khu dân cư an toàn về phòng cháy, chữa cháy",
    "Tuyến đường tự quản trật tự giao thông",
    "Câu lạc bộ thanh niên phòng, chống ma túy",
]

QUESTIONS = [
    (
        "Đăng ký tạm trú cho người thuê nhà",
        "Tôi cho sinh viên thuê phòng, tôi có phải đăng ký tạm trú cho các em không và làm ở đâu?",
        "Người thuê nhà tự đăng ký tạm trú (trực tuyến trên Cổng dịch vụ công hoặc tại Công an xã, phường nơi "
        "thuê nhà); chủ nhà cần đồng ý bằng văn bản hoặc xác nhận trên ứng dụng. " + DEMO,
        "Chị H.",
    ),
    (
        "Mất căn cước thì báo ở đâu",
        "Tôi bị mất ví có thẻ căn cước, tôi cần báo cho cơ quan nào và làm lại thế nào?",
        "Bạn báo mất tại Công an xã, phường gần nhất hoặc trên ứng dụng định danh điện tử, sau đó làm thủ tục cấp "
        "lại thẻ căn cước tại Công an xã, phường nơi cư trú. " + DEMO,
        "",
    ),
    (
        "Cuộc gọi tự xưng công an yêu cầu chuyển tiền",
        "Tôi nhận cuộc gọi tự xưng là cán bộ công an, nói tôi liên quan vụ án và yêu cầu chuyển tiền để xác minh. "
        "Có phải thật không?",
        "Cơ quan Công an không làm việc qua điện thoại và không bao giờ yêu cầu chuyển tiền. Đây là thủ đoạn lừa "
        "đảo; hãy dừng cuộc gọi và báo cho Công an xã, phường hoặc gửi tố giác trên cổng. " + DEMO,
        "Anh T.",
    ),
]
PENDING_QUESTIONS = [
    ("Thời gian cấp hộ chiếu", "Làm hộ chiếu phổ thông trực tuyến thì bao lâu nhận được? Câu hỏi mẫu chưa trả lời."),
]


def load_demo(home) -> dict[str, int]:
    """Create whatever part of the publications demo is missing; returns what was created."""
    created: dict[str, int] = {}
    with transaction.atomic():
        _wanted(home, created)
        _reception(home, created)
        _movement(home, created)
        _questions(home, created)
        _guide(home, created)
    return created


def _count(created, key):
    created[key] = created.get(key, 0) + 1


def _child(home, model, *, title, slug, intro):
    page = model.objects.child_of(home).first()
    if page is None:
        page = home.add_child(instance=model(title=title, slug=slug, intro=intro, show_in_menus=False))
        page.save_revision().publish()
    return page


def _wanted(home, created):
    index = _child(
        home,
        WantedPersonIndexPage,
        title="Truy nã",
        slug="truy-na",
        intro="Thông báo truy nã của Công an Thành phố. " + DEMO,
    )
    today = timezone.localdate()
    for full_name, other, year, sex, residence, offence, number, days in WANTED:
        if WantedPersonPage.objects.filter(full_name=full_name).exists():
            continue
        page = index.add_child(
            instance=WantedPersonPage(
                title=full_name,
                full_name=full_name,
                other_names=other,
                birth_year=year,
                sex=sex,
                last_residence=residence,
                offence=offence,
                decision_number=number,
                decision_date=today - timedelta(days=days),
                issuing_agency="Cơ quan Cảnh sát điều tra Công an Thành phố",
                description=f"{DEMO} Cao khoảng 1m65, dáng gầy. Ai biết tin báo ngay cho cơ quan Công an.",
            )
        )
        page.save_revision().publish()
        _count(created, "đối tượng truy nã")


def _reception(home, created):
    _child(
        home,
        ReceptionSchedulePage,
        title="Lịch tiếp công dân",
        slug="lich-tiep-cong-dan",
        intro="Lãnh đạo Công an Thành phố tiếp công dân định kỳ tại Trụ sở tiếp công dân. Mang theo căn cước. " + DEMO,
    )
    if ReceptionEntry.objects.exists():
        return
    today = timezone.localdate()
    thursday = today + timedelta(days=(3 - today.weekday()) % 7)
    leaders = [
        ("Đại tá Nguyễn Văn Mẫu", "Giám đốc Công an Thành phố (dữ liệu mẫu)"),
        ("Thượng tá Trần Văn Thử", "Phó Giám đốc Công an Thành phố (dữ liệu mẫu)"),
    ]
    for week in range(-10, 6):
        day = thursday + timedelta(weeks=week)
        leader, title = leaders[week % 2]
        ReceptionEntry.objects.create(
            leader=leader,
            leader_title=title,
            place="Trụ sở tiếp công dân, số 1 đường Mẫu, phường An Phú",
            starts_at=timezone.make_aware(datetime.combine(day, time(8, 0))),
            ends_at=timezone.make_aware(datetime.combine(day, time(11, 30))),
            subject="Khiếu nại, tố cáo về đăng ký cư trú" if week % 3 == 0 else "",
        )
        _count(created, "buổi tiếp công dân")


def _movement(home, created):
    _child(
        home,
        MovementPage,
        title="Mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc",
        slug="mo-hinh-phong-trao",
        intro="Các mô hình tự quản về an ninh, trật tự do Nhân dân xây dựng. " + DEMO,
    )
    if MovementModel.objects.exists():
        return
    kinds = MovementModel.Kind.values
    statuses = [MovementModel.Status.ACTIVE, MovementModel.Status.EFFECTIVE, MovementModel.Status.SUSPENDED]
    for number in range(36):
        ward = WARDS[number % len(WARDS)]
        reviewed = number % 4 != 0
        MovementModel.objects.create(
            name=f"{MODEL_NAMES[number % len(MODEL_NAMES)]} số {number + 1}",
            unit=f"Công an {ward.lower().replace('phường', 'phường').replace('xã', 'xã')}",
            ward=ward,
            kind=kinds[number % len(kinds)],
            year_started=2015 + number % 10,
            status=statuses[number % 5 % 3],
            last_review_date=date(2025, 1 + number % 12, 1 + number % 27) if reviewed else None,
            review_result="Tốt, đề nghị nhân rộng" if reviewed and number % 2 else ("Khá" if reviewed else ""),
            description=DEMO,
            review_state=MovementModel.Review.PUBLISHED if number < 33 else MovementModel.Review.PENDING,
        )
        _count(created, "mô hình phong trào")


def _questions(home, created):
    _child(
        home,
        QuestionIndexPage,
        title="Hỏi đáp",
        slug="hoi-dap",
        intro="Người dân gửi câu hỏi về thủ tục, an ninh trật tự; cán bộ trả lời và đăng công khai. " + DEMO,
    )
    if Question.objects.exists():
        return
    for topic, body, answer, name in QUESTIONS:
        question = services.question_submit(topic=topic, body=body, consent_publish=True, name=name)
        services.question_publish(question=question, answer=answer)
        _count(created, "câu hỏi đã trả lời")
    for topic, body in PENDING_QUESTIONS:
        services.question_submit(topic=topic, body=body, consent_publish=True)
        _count(created, "câu hỏi chờ trả lời")


GUIDE_SLUG = "huong-dan-to-giac-toi-pham"


def _guide(home, created):
    standard_page = apps.get_model("home", "StandardPage")
    if standard_page.objects.child_of(home).filter(slug=GUIDE_SLUG).exists():
        return

    def para(text):
        return {"type": "paragraph", "value": f"<p>{text}</p>"}

    def heading(text):
        return {"type": "heading", "value": text}

    body = [
        heading("Báo ở đâu"),
        {
            "type": "paragraph",
            "value": "<ul><li>Khẩn cấp: gọi <b>113</b>.</li>"
            '<li>Trực tuyến: <a href="/phan-anh-to-giac/">biểu mẫu phản ánh, tố giác</a> trên cổng, có thể ẩn danh.</li>'
            "<li>Trực tiếp: Công an xã, phường nơi gần nhất, hoặc Trụ sở tiếp công dân của Công an Thành phố.</li></ul>",
        },
        heading("Cần cung cấp những gì"),
        para(
            "Sự việc gì đã xảy ra, ở đâu, khi nào, những ai liên quan; ảnh, video nếu có. Không tự ý theo dõi hay tiếp cận đối tượng."
        ),
        heading("Sau khi gửi"),
        para(
            "Tố giác được tiếp nhận, phân loại và chuyển đến đơn vị có thẩm quyền giải quyết theo Bộ luật Tố tụng hình "
            "sự. Gửi trên cổng, bạn nhận mã phản ánh và mã PIN để theo dõi kết quả và trao đổi với cán bộ."
        ),
        heading("Giữ bí mật, bảo vệ người tố giác"),
        para(
            "Bạn có thể không cho biết danh tính. Nếu để lại thông tin, thông tin đó được giữ bí mật, chỉ cán bộ được "
            "phân quyền mới xem được; người tố giác được bảo vệ theo quy định của pháp luật."
        ),
        heading("Cảnh báo tội phạm"),
        {
            "type": "paragraph",
            "value": f'<p>Theo dõi các thủ đoạn mới qua <a href="/tin-tuc/chuyen-muc/canh-bao-toi-pham/">chuyên mục Cảnh báo tội phạm</a> '
            f'và <a href="{CRIME_WARNINGS_FEED}">nguồn tin RSS Cảnh báo tội phạm</a>.</p>',
        },
    ]
    page = home.add_child(
        instance=standard_page(
            title="Hướng dẫn tố giác tội phạm",
            slug=GUIDE_SLUG,
            intro="Báo tin về tội phạm ở đâu, bằng cách nào, điều gì xảy ra sau đó và danh tính người báo tin được bảo vệ ra sao.",
            body=body,
            show_in_menus=False,
        )
    )
    page.save_revision().publish()
    _count(created, "trang hướng dẫn")
