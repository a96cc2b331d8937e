"""Demo content for online services: the catalogue with real police procedures, the officers'
group and one officer account. Idempotent: running it again updates, never duplicates.

Facts (codes of law, processing times, fees) follow the public texts: Luật Cư trú 2020,
Nghị định 154/2024/NĐ-CP, Thông tư 55/2021/TT-BCA, Thông tư 75/2022/TT-BTC, Luật Căn cước
2023, Thông tư 59/2024/TT-BTC, Thông tư 79/2024/TT-BCA. The wording is ours.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from cms.groups import ensure_group
from services import demo_dossiers
from services.models import (
    FieldType,
    Holiday,
    Level,
    ProcedureComponent,
    ProcedureFormField,
    ProcedureIndexPage,
    ProcedurePage,
)

OFFICER_GROUP = "Cán bộ tiếp nhận hồ sơ"
OFFICER_USERNAME = "canbo_hoso"
OFFICER_PASSWORD = "CongAn@2026"

RESIDENCE = "Đăng ký, quản lý cư trú"
RESIDENCE_LAW = (
    "Luật Cư trú số 68/2020/QH14\n"
    "Nghị định số 154/2024/NĐ-CP quy định chi tiết một số điều của Luật Cư trú\n"
    "Thông tư số 55/2021/TT-BCA quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú\n"
    "Thông tư số 56/2021/TT-BCA quy định về biểu mẫu trong đăng ký, quản lý cư trú\n"
    "Thông tư số 75/2022/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý lệ phí đăng ký cư trú"
)
RESIDENCE_PURPOSE = (
    "Dữ liệu trong hồ sơ chỉ được dùng để giải quyết thủ tục cư trú, cập nhật Cơ sở dữ liệu về cư trú "
    "và liên hệ với người nộp về hồ sơ; không cung cấp cho bên thứ ba ngoài các trường hợp luật định."
)
CT01 = "Tờ khai thay đổi thông tin cư trú (mẫu CT01)"
RELATION = "Con\nVợ\nChồng\nCha, mẹ\nÔng, bà\nCháu\nAnh, chị, em\nNgười thuê, mượn, ở nhờ\nKhác"


def _field(label, kind, name="", required=True, **extra):
    return {"label": label, "field_type": kind, "name": name, "required": required, **extra}


CITIZEN_FIELDS = [
    _field("Số định danh cá nhân (số căn cước)", FieldType.CCCD, "so_dinh_danh"),
    _field("Ngày sinh", FieldType.DATE, "ngay_sinh", date_rule="past"),
]

PROCEDURES = [
    {
        "title": "Đăng ký thường trú",
        "code": "1.004194",
        "field": RESIDENCE,
        "level": Level.FULL,
        "agency": "Công an cấp xã nơi công dân đăng ký thường trú",
        "processing_days": 7,
        "fee": "20.000 đồng/lần khi nộp trực tiếp; 10.000 đồng/lần khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).\n"
        "Miễn lệ phí với các đối tượng theo quy định của Thông tư.",
        "method_post": True,
        "summary": "Đăng ký nơi thường trú khi chuyển đến chỗ ở hợp pháp mới hoặc nhập hộ khẩu theo người thân.",
        "applicants": "Công dân Việt Nam có chỗ ở hợp pháp và đủ điều kiện theo Điều 20 Luật Cư trú.",
        "steps": [
            "Chuẩn bị hồ sơ theo thành phần dưới đây.",
            "Nộp hồ sơ trực tuyến trên cổng dịch vụ công, qua ứng dụng VNeID hoặc trực tiếp tại Công an cấp xã.",
            "Cơ quan đăng ký cư trú kiểm tra hồ sơ; hồ sơ chưa đầy đủ sẽ được hướng dẫn bổ sung.",
            "Trong 07 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ, cơ quan đăng ký cư trú cập nhật thông tin "
            "vào Cơ sở dữ liệu về cư trú và thông báo kết quả; trường hợp từ chối phải trả lời bằng văn bản nêu rõ lý do.",
        ],
        "components": [
            (CT01, True, "01 bản"),
            (
                "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (trừ khi thông tin đã có trong cơ sở dữ liệu)",
                True,
                "01 bản",
            ),
            ("Văn bản đồng ý của chủ hộ, chủ sở hữu chỗ ở (thể hiện tại tờ khai hoặc văn bản riêng)", False, "01 bản"),
            ("Giấy tờ chứng minh quan hệ nhân thân (khi nhập theo người thân)", False, "01 bản"),
        ],
        "result": "Thông báo về kết quả giải quyết, thông tin được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "legal_basis": RESIDENCE_LAW,
        "fields": CITIZEN_FIELDS
        + [
            _field("Nơi đăng ký thường trú", FieldType.PLACE, "noi_thuong_tru"),
            _field("Địa chỉ cụ thể (số nhà, đường, tổ, thôn)", FieldType.TEXT, "dia_chi"),
            _field("Quan hệ với chủ hộ", FieldType.CHOICE, "quan_he_chu_ho", choices=RELATION),
            _field("Ghi chú thêm", FieldType.TEXTAREA, "ghi_chu", required=False),
        ],
    },
    {
        "title": "Đăng ký tạm trú",
        "code": "1.004222",
        "field": RESIDENCE,
        "level": Level.FULL,
        "agency": "Công an cấp xã nơi công dân dự kiến tạm trú",
        "processing_days": 3,
        "fee": "15.000 đồng/lần khi nộp trực tiếp; 7.000 đồng/lần khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).",
        "method_post": True,
        "summary": "Đăng ký khi đến sinh sống từ 30 ngày trở lên ở nơi ngoài phạm vi xã nơi đã đăng ký thường trú.",
        "applicants": "Công dân Việt Nam đến sinh sống, học tập, làm việc tại chỗ ở hợp pháp ngoài nơi thường trú.",
        "steps": [
            "Chuẩn bị hồ sơ và nộp trực tuyến hoặc tại Công an cấp xã nơi dự kiến tạm trú.",
            "Cơ quan đăng ký cư trú kiểm tra, tiếp nhận; hướng dẫn bổ sung nếu hồ sơ chưa đầy đủ.",
            "Trong 03 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ, cập nhật thông tin tạm trú và thông báo kết quả.",
        ],
        "components": [
            (CT01, True, "01 bản"),
            ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (hợp đồng thuê, mượn, ở nhờ...)", True, "01 bản"),
        ],
        "result": "Thông tin tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú; thời hạn tạm trú tối đa 02 năm.",
        "legal_basis": RESIDENCE_LAW,
        "fields": CITIZEN_FIELDS
        + [
            _field("Nơi đăng ký tạm trú", FieldType.PLACE, "noi_tam_tru"),
            _field("Địa chỉ cụ thể", FieldType.TEXT, "dia_chi"),
            _field("Ngày bắt đầu tạm trú", FieldType.DATE, "tu_ngay", date_rule="future"),
            _field("Thời hạn tạm trú đề nghị (tháng)", FieldType.NUMBER, "so_thang"),
        ],
    },
    {
        "title": "Gia hạn tạm trú",
        "code": "1.004206",
        "field": RESIDENCE,
        "level": Level.FULL,
        "agency": "Công an cấp xã nơi công dân đang tạm trú",
        "processing_days": 3,
        "fee": "15.000 đồng/lần khi nộp trực tiếp; 7.000 đồng/lần khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).",
        "summary": "Gia hạn trong 15 ngày trước khi hết thời hạn tạm trú đã đăng ký.",
        "applicants": "Công dân đã đăng ký tạm trú và tiếp tục sinh sống tại chỗ ở đó.",
        "steps": [
            "Trong 15 ngày trước ngày hết hạn tạm trú, nộp hồ sơ gia hạn trực tuyến hoặc tại Công an cấp xã.",
            "Trong 03 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ, cơ quan đăng ký cư trú cập nhật thời hạn tạm trú mới.",
        ],
        "components": [
            (CT01, True, "01 bản"),
            ("Giấy tờ chứng minh chỗ ở hợp pháp còn hiệu lực (khi có thay đổi)", False, "01 bản"),
        ],
        "result": "Thời hạn tạm trú mới được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "legal_basis": RESIDENCE_LAW,
        "fields": CITIZEN_FIELDS + [_field("Thời hạn gia hạn đề nghị (tháng)", FieldType.NUMBER, "so_thang")],
    },
    {
        "title": "Khai báo tạm vắng",
        "code": "1.004208",
        "field": RESIDENCE,
        "level": Level.FULL,
        "agency": "Công an cấp xã nơi công dân cư trú",
        "processing_days": 1,
        "fee": "Không thu lệ phí.",
        "summary": "Khai báo khi đi khỏi nơi cư trú trong các trường hợp Điều 31 Luật Cư trú quy định.",
        "applicants": "Bị can, bị cáo tại ngoại, người chấp hành án treo, người đang bị quản chế..., "
        "người trong độ tuổi nghĩa vụ quân sự đi khỏi huyện từ 03 tháng; người đi khỏi xã từ 12 tháng trở lên.",
        "steps": [
            "Nộp đề nghị khai báo tạm vắng trực tuyến hoặc tại Công an cấp xã nơi cư trú.",
            "Trong 01 ngày làm việc, cơ quan đăng ký cư trú kiểm tra, cập nhật thông tin và thông báo kết quả "
            "(có thể kéo dài thêm không quá 01 ngày làm việc nếu cần xác minh).",
        ],
        "components": [
            ("Đề nghị khai báo tạm vắng (mẫu CT01 hoặc văn bản đề nghị)", True, "01 bản"),
            (
                "Văn bản đồng ý của cơ quan có thẩm quyền (với người đang bị áp dụng biện pháp, chấp hành án)",
                False,
                "01 bản",
            ),
        ],
        "result": "Thông tin tạm vắng được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "legal_basis": RESIDENCE_LAW,
        "fields": CITIZEN_FIELDS
        + [
            _field("Nơi đến", FieldType.PLACE, "noi_den"),
            _field("Từ ngày", FieldType.DATE, "tu_ngay", date_rule="future"),
            _field("Đến ngày", FieldType.DATE, "den_ngay", date_rule="future"),
            _field("Lý do tạm vắng", FieldType.TEXTAREA, "ly_do"),
        ],
    },
    {
        "title": "Xóa đăng ký thường trú",
        "code": "1.004201",
        "field": RESIDENCE,
        "level": Level.FULL,
        "agency": "Công an cấp xã nơi công dân đã đăng ký thường trú",
        "processing_days": 1,
        "fee": "Không thu lệ phí.",
        "summary": "Xóa thông tin thường trú trong các trường hợp Điều 24 Luật Cư trú.",
        "applicants": "Công dân thuộc trường hợp bị xóa đăng ký thường trú hoặc người đại diện hộ gia đình.",
        "steps": [
            "Nộp hồ sơ trực tuyến hoặc tại Công an cấp xã nơi đã đăng ký thường trú.",
            "Trong 01 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ, cơ quan đăng ký cư trú xóa đăng ký thường trú "
            "và cập nhật vào Cơ sở dữ liệu về cư trú.",
        ],
        "components": [
            (CT01, True, "01 bản"),
            ("Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký thường trú", True, "01 bản"),
        ],
        "result": "Thông tin thường trú được xóa trong Cơ sở dữ liệu về cư trú.",
        "legal_basis": RESIDENCE_LAW,
        "fields": CITIZEN_FIELDS + [_field("Lý do xóa đăng ký thường trú", FieldType.TEXTAREA, "ly_do")],
    },
    {
        "title": "Cấp đổi, cấp lại thẻ căn cước",
        "code": "1.012340",
        "field": "Căn cước",
        "level": Level.PARTIAL,
        "agency": "Công an cấp xã; Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an cấp tỉnh",
        "processing_days": 7,
        "fee": "Cấp đổi: 50.000 đồng/thẻ; cấp lại: 70.000 đồng/thẻ (Thông tư 59/2024/TT-BTC). "
        "Không thu khi cấp đổi do lỗi của cơ quan quản lý căn cước hoặc khi Nhà nước thay đổi địa giới hành chính.",
        "method_post": True,
        "summary": "Đăng ký trực tuyến, sau đó đến cơ quan công an theo lịch hẹn để thu nhận ảnh, vân tay, mống mắt.",
        "applicants": "Công dân Việt Nam từ đủ 14 tuổi thuộc trường hợp cấp đổi, cấp lại theo Điều 24 Luật Căn cước.",
        "steps": [
            "Đăng ký trực tuyến và chọn nơi làm thủ tục.",
            "Đến cơ quan quản lý căn cước theo lịch hẹn để đối chiếu thông tin, thu nhận ảnh khuôn mặt, vân tay, mống mắt.",
            "Nộp lệ phí và nhận giấy hẹn trả kết quả.",
            "Nhận thẻ căn cước tại nơi làm thủ tục hoặc qua dịch vụ bưu chính trong 07 ngày làm việc.",
        ],
        "components": [
            ("Tờ khai căn cước (mẫu CC01) – cơ quan tiếp nhận in từ dữ liệu đã khai", False, "01 bản"),
            (
                "Thẻ căn cước, thẻ căn cước công dân đang sử dụng (khi cấp đổi), nộp lại khi đến làm thủ tục",
                False,
                "Xuất trình",
            ),
            ("Giấy tờ chứng minh thông tin thay đổi (nếu có)", False, "01 bản"),
        ],
        "result": "Thẻ căn cước.",
        "legal_basis": "Luật Căn cước số 26/2023/QH15\n"
        "Nghị định số 70/2024/NĐ-CP quy định chi tiết một số điều của Luật Căn cước\n"
        "Thông tư số 17/2024/TT-BCA quy định biểu mẫu, quy trình cấp thẻ căn cước\n"
        "Thông tư số 59/2024/TT-BTC quy định mức thu lệ phí cấp thẻ căn cước",
        "fields": CITIZEN_FIELDS
        + [
            _field("Loại đề nghị", FieldType.CHOICE, "loai_de_nghi", choices="Cấp đổi\nCấp lại"),
            _field("Lý do", FieldType.CHOICE, "ly_do", choices="Hết hạn\nHư hỏng\nThay đổi thông tin\nBị mất\nKhác"),
            _field("Nơi muốn làm thủ tục", FieldType.PLACE, "noi_lam_thu_tuc"),
            _field("Nhận thẻ qua bưu chính", FieldType.CHECKBOX, "nhan_qua_buu_chinh", required=False),
        ],
    },
    {
        "title": "Đăng ký xe lần đầu (xe mô tô, xe gắn máy)",
        "code": "1.012745",
        "field": "Đăng ký, quản lý phương tiện giao thông",
        "level": Level.PARTIAL,
        "agency": "Công an cấp xã được giao đăng ký xe; Phòng Cảnh sát giao thông Công an cấp tỉnh",
        "processing_days": 2,
        "fee": "Lệ phí đăng ký, cấp biển số theo Thông tư 60/2023/TT-BTC; mức thu tùy loại xe, giá trị xe và khu vực đăng ký.",
        "summary": "Khai giấy khai đăng ký xe điện tử, đưa xe đến kiểm tra, bấm biển số và nhận chứng nhận đăng ký.",
        "applicants": "Tổ chức, cá nhân là chủ xe mô tô, xe gắn máy mua mới, nhập khẩu hoặc sản xuất, lắp ráp trong nước.",
        "steps": [
            "Kê khai giấy khai đăng ký xe trực tuyến và nhận mã hồ sơ.",
            "Đưa xe đến cơ quan đăng ký xe để kiểm tra thực tế; bấm chọn biển số ngẫu nhiên.",
            "Nộp lệ phí; nhận biển số ngay và giấy hẹn trả chứng nhận đăng ký xe.",
            "Nhận chứng nhận đăng ký xe trong 02 ngày làm việc (hoặc qua dịch vụ bưu chính công ích).",
        ],
        "components": [
            ("Giấy khai đăng ký xe (mẫu ĐKX)", True, "01 bản"),
            ("Chứng từ nguồn gốc xe (phiếu kiểm tra chất lượng xuất xưởng hoặc tờ khai hải quan)", True, "01 bản"),
            ("Chứng từ chuyển quyền sở hữu xe (hóa đơn)", True, "01 bản"),
            ("Chứng từ lệ phí trước bạ (trừ khi dữ liệu đã được chia sẻ điện tử)", False, "01 bản"),
        ],
        "result": "Chứng nhận đăng ký xe và biển số xe.",
        "legal_basis": "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15\n"
        "Thông tư số 79/2024/TT-BCA quy định về cấp, thu hồi chứng nhận đăng ký, biển số xe cơ giới\n"
        "Thông tư số 60/2023/TT-BTC quy định mức thu lệ phí đăng ký, cấp biển phương tiện giao thông",
        "fields": CITIZEN_FIELDS
        + [
            _field("Nhãn hiệu xe", FieldType.TEXT, "nhan_hieu"),
            _field("Số khung", FieldType.TEXT, "so_khung"),
            _field("Số máy", FieldType.TEXT, "so_may"),
            _field("Nơi đăng ký xe", FieldType.PLACE, "noi_dang_ky"),
        ],
    },
]

HOLIDAYS = [
    (date(2026, 1, 1), "Tết Dương lịch"),
    (date(2026, 2, 16), "Tết Nguyên đán"),
    (date(2026, 2, 17), "Tết Nguyên đán"),
    (date(2026, 2, 18), "Tết Nguyên đán"),
    (date(2026, 2, 19), "Tết Nguyên đán"),
    (date(2026, 2, 20), "Tết Nguyên đán"),
    (date(2026, 4, 27), "Giỗ Tổ Hùng Vương"),
    (date(2026, 4, 30), "Ngày Chiến thắng"),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (date(2026, 9, 1), "Quốc khánh"),
    (date(2026, 9, 2), "Quốc khánh"),
]

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("services", "application", "process_application"),
    ("services", "application", "view_application"),
    ("services", "application", "change_application"),
    ("services", "holiday", "add_holiday"),
    ("services", "holiday", "change_holiday"),
    ("services", "holiday", "view_holiday"),
]


def _catalogue(home_page) -> ProcedureIndexPage:
    index = ProcedureIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = ProcedureIndexPage(
            title="Dịch vụ công",
            slug="dich-vu-cong",
            intro="Tra cứu thủ tục hành chính thuộc lĩnh vực công an và nộp hồ sơ trực tuyến.",
        )
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def _procedure(index: ProcedureIndexPage, spec: dict) -> ProcedurePage:
    page = ProcedurePage.objects.filter(code=spec["code"]).first()
    if page is not None:
        return page  # loaded before: a second run changes nothing (editors may have edited it)
    page = ProcedurePage(code=spec["code"])
    page.title = spec["title"]
    page.field = spec["field"]
    page.level = spec["level"]
    page.agency = spec["agency"]
    page.processing_days = spec["processing_days"]
    page.fee = spec["fee"]
    page.method_direct = True
    page.method_online = spec["level"] != Level.INFO
    page.method_post = spec.get("method_post", False)
    page.summary = spec["summary"]
    page.applicants = spec["applicants"]
    page.steps = [("step", s) for s in spec["steps"]]
    page.result = spec["result"]
    page.legal_basis = spec["legal_basis"]
    page.data_purpose = spec.get("data_purpose", RESIDENCE_PURPOSE)
    page.components = [
        ProcedureComponent(name=name, required=required, quantity=quantity, accepts_upload=quantity != "Xuất trình")
        for name, required, quantity in spec["components"]
    ]
    page.form_fields = [ProcedureFormField(**field) for field in spec["fields"]]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _officers() -> None:
    group, _ = ensure_group(OFFICER_GROUP, OFFICER_PERMISSIONS)
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=OFFICER_USERNAME,
        defaults={"first_name": "Cán bộ", "last_name": "Tiếp nhận", "email": "canbo.hoso@congan.example.vn"},
    )
    if created:
        user.set_password(OFFICER_PASSWORD)
        user.save()
    user.groups.add(group)


@transaction.atomic
def load_demo(home_page) -> None:
    """Create or update the catalogue, demo procedures, holidays, the officers' group and user,
    and the demo dossiers in every status (created once)."""
    index = _catalogue(home_page)
    for spec in PROCEDURES:
        _procedure(index, spec)
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    _officers()
    demo_dossiers.load_dossiers(get_user_model().objects.get(username=OFFICER_USERNAME))
