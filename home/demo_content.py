"""The demo content of the portal, written by the team in Vietnamese.

Plain data only (no database access): `home.demo` turns it into pages, images and settings.
The organisations, addresses and numbers are illustrative.
"""

from __future__ import annotations

from datetime import date

PORTAL_SETTINGS = {
    "agency_name": "Công an Thành phố",
    "hotline": "069.2345.678",
    "emergency_number": "113",
    "fanpage_url": "https://www.facebook.com/congan.thanhpho.example",
    "email": "tiepnhan@congan.example.vn",
    "address": "Số 1 đường Trần Hưng Đạo, phường Trung tâm, Thành phố",
    "working_hours": "Sáng 7:30–11:30, chiều 13:30–17:00, từ thứ Hai đến thứ Sáu; đường dây nóng trực 24/7",
}

HOME_INTRO = (
    "Cổng thông tin điện tử chính thức của Công an Thành phố: tin tức an ninh trật tự, cảnh báo tội phạm, "
    "dịch vụ công trực tuyến và kênh tiếp nhận phản ánh, tố giác của người dân."
)

CATEGORIES = [
    ("an-ninh-trat-tu", "An ninh trật tự", "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn."),
    (
        "canh-bao-toi-pham",
        "Cảnh báo tội phạm",
        "Thủ đoạn mới của tội phạm, đặc biệt là lừa đảo qua mạng, và cách phòng tránh.",
    ),
    (
        "toan-dan-bao-ve-an-ninh-to-quoc",
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc, mô hình tự quản, gương người tốt việc tốt.",
    ),
    (
        "an-toan-giao-thong",
        "An toàn giao thông",
        "Tuần tra kiểm soát, xử lý vi phạm và hướng dẫn tham gia giao thông an toàn.",
    ),
    ("phong-chay-chua-chay", "Phòng cháy, chữa cháy", "Kỹ năng phòng cháy, thoát nạn và cứu nạn, cứu hộ."),
]

USERS = [
    # username, first name, last name, group (None = superuser)
    ("admin", "Quản trị", "hệ thống", None),
    ("bientap", "Nguyễn Văn", "Biên", "Biên tập viên"),
    ("duyetbai", "Trần Thị", "Duyệt", "Duyệt bài"),
]
DEMO_PASSWORD = "CongAn@2026"


def p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def h(text: str) -> dict:
    return {"type": "heading", "value": text}


def ul(*items: str) -> dict:
    return {"type": "paragraph", "value": "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"}


def quote(text: str, author: str) -> dict:
    return {"type": "quote", "value": {"text": text, "author": author}}


def key_figures(title: str, figures: list[tuple[str, str, str]]) -> dict:
    return {
        "type": "key_figures",
        "value": {
            "title": title,
            "figures": [{"label": label, "number": number, "unit": unit} for label, number, unit in figures],
        },
    }


# Each article: days before today and hour of its dateline, poster icon, categories, tags.
ARTICLES = [
    {
        "title": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc: lan tỏa các mô hình tự quản ở khu dân cư",
        "days_ago": 0,
        "hour": 8,
        "icon": "people",
        "categories": ["toan-dan-bao-ve-an-ninh-to-quoc"],
        "tags": ["ngày hội", "mô hình tự quản", "khu dân cư"],
        "author": "Phòng Tham mưu",
        "sapo": (
            "CATP - Hưởng ứng Ngày hội toàn dân bảo vệ an ninh Tổ quốc, các phường, xã trên địa bàn đồng loạt "
            "tổ chức ngày hội, biểu dương những tập thể, cá nhân tiêu biểu và nhân rộng các mô hình tự quản về "
            "an ninh trật tự ở khu dân cư."
        ),
        "body": [
            *p(
                "Năm nay, ngày hội được tổ chức tại tất cả khu dân cư với nhiều hoạt động thiết thực: tuyên truyền "
                "pháp luật, ký cam kết giữ gìn an ninh trật tự, thăm hỏi gia đình chính sách và lực lượng tham gia "
                "bảo vệ an ninh, trật tự ở cơ sở.",
                "Theo đánh giá của Công an Thành phố, phong trào đã góp phần quan trọng vào việc phát hiện, tố giác "
                "tội phạm. Nhiều tin báo có giá trị đến từ chính người dân, giúp lực lượng chức năng kịp thời ngăn "
                "chặn các vụ trộm cắp, cướp giật và tệ nạn ma túy.",
            ),
            h("Những mô hình được nhân rộng"),
            ul(
                "“Camera an ninh” do người dân tự nguyện lắp đặt tại các ngõ, ngách;",
                "“Tổ liên gia tự quản” kết nối nhóm Zalo giữa các hộ gia đình và Công an phường;",
                "“Khu dân cư không có tội phạm ma túy” gắn với cam kết của từng hộ;",
                "“Cổng trường an toàn” phối hợp giữa nhà trường, phụ huynh và Công an xã.",
            ),
            quote(
                "Mỗi người dân là một chiến sĩ công an trong phong trào; bình yên của khu phố bắt đầu từ sự quan "
                "tâm của từng gia đình.",
                "Đại diện Ban chỉ đạo phong trào Thành phố",
            ),
            *p(
                "Dịp này, 56 tập thể và 124 cá nhân có thành tích xuất sắc được khen thưởng. Công an Thành phố đề "
                "nghị các địa phương tiếp tục duy trì ngày hội hằng năm, gắn phong trào với chuyển đổi số và tiếp "
                "nhận tin báo qua cổng thông tin điện tử."
            ),
        ],
    },
    {
        "title": "Sáu tháng đầu năm, Công an Thành phố tiếp nhận 28.320 tin báo, tố giác tội phạm",
        "days_ago": 1,
        "hour": 16,
        "icon": "chart",
        "categories": ["an-ninh-trat-tu"],
        "tags": ["sơ kết", "tin báo tố giác", "số liệu"],
        "author": "Phòng Tham mưu",
        "sapo": (
            "CATP - Tại hội nghị sơ kết công tác sáu tháng đầu năm, Công an Thành phố cho biết đã tiếp nhận 28.320 "
            "tin báo, tố giác tội phạm và kiến nghị khởi tố; tỷ lệ giải quyết đạt trên 90%."
        ),
        "body": [
            *p(
                "Hội nghị đánh giá tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn "
                "định. Số vụ phạm pháp hình sự giảm so với cùng kỳ, trong khi số tin báo của người dân tăng, cho "
                "thấy niềm tin của nhân dân vào lực lượng Công an ngày càng cao."
            ),
            key_figures(
                "Tin báo, tố giác tội phạm sáu tháng đầu năm",
                [
                    ("Tổng số tin báo, tố giác và kiến nghị khởi tố", "28320", "tin"),
                    ("Tiếp nhận qua đường dây nóng và số 113", "4480", "tin"),
                    ("Tiếp nhận trực tiếp tại trụ sở Công an các cấp", "15787", "tin"),
                    ("Tiếp nhận qua cổng thông tin điện tử và ứng dụng", "6292", "tin"),
                    ("Tiếp nhận qua thư, đơn và các kênh khác", "1761", "tin"),
                ],
            ),
            h("Nhiệm vụ trọng tâm sáu tháng cuối năm"),
            ul(
                "Nâng cao chất lượng tiếp nhận, phân loại và giải quyết tin báo ngay từ cơ sở;",
                "Đẩy mạnh tiếp nhận tin báo qua môi trường điện tử, bảo đảm bí mật cho người tố giác;",
                "Tập trung đấu tranh với tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng;",
                "Công khai kết quả giải quyết để người dân theo dõi, giám sát.",
            ),
            *p(
                "Công an Thành phố đề nghị người dân tiếp tục cung cấp thông tin về tội phạm qua đường dây nóng, "
                "số 113 hoặc mục Phản ánh, tố giác trên cổng thông tin điện tử."
            ),
        ],
    },
    {
        "title": "Cảnh báo thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền để “phục vụ điều tra”",
        "days_ago": 2,
        "hour": 9,
        "icon": "phone",
        "categories": ["canh-bao-toi-pham"],
        "tags": ["lừa đảo qua mạng", "giả danh công an", "chuyển tiền"],
        "author": "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "sapo": (
            "CATP - Thời gian gần đây, các đối tượng liên tục gọi điện, nhắn tin giả danh cán bộ Công an, thông "
            "báo người dân liên quan đến vụ án rồi yêu cầu chuyển tiền vào “tài khoản tạm giữ”. Công an Thành phố "
            "khẳng định: Công an không bao giờ làm việc qua điện thoại hay yêu cầu chuyển tiền."
        ),
        "body": [
            h("Thủ đoạn thường gặp"),
            *p(
                "Đối tượng gọi điện xưng là cán bộ Công an, Viện kiểm sát hoặc Tòa án, đọc đúng họ tên, số căn cước "
                "của người nghe để tạo lòng tin. Sau đó, chúng thông báo người dân có liên quan đến đường dây rửa "
                "tiền, ma túy hoặc có bưu phẩm vi phạm pháp luật.",
                "Để “chứng minh trong sạch”, nạn nhân bị yêu cầu giữ bí mật, cài ứng dụng lạ, cung cấp mã OTP hoặc "
                "chuyển toàn bộ tiền tiết kiệm vào tài khoản do đối tượng chỉ định.",
            ),
            h("Khuyến cáo của cơ quan Công an"),
            ul(
                "Cơ quan Công an chỉ mời làm việc bằng giấy mời, giấy triệu tập gửi trực tiếp; không làm việc qua "
                "điện thoại, mạng xã hội;",
                "Không cung cấp mã OTP, mật khẩu, không cài ứng dụng theo đường link do người lạ gửi;",
                "Không chuyển tiền cho bất kỳ ai tự xưng là cán bộ cơ quan nhà nước;",
                "Khi nghi ngờ, gọi ngay số 113 hoặc đường dây nóng của Công an Thành phố.",
            ),
            quote(
                "Công an không bao giờ yêu cầu người dân chuyển tiền qua điện thoại. Ai đề nghị như vậy chắc chắn "
                "là kẻ lừa đảo.",
                "Lãnh đạo Phòng An ninh mạng",
            ),
        ],
    },
    {
        "title": "Cảnh giác với chiêu lừa “việc nhẹ lương cao”, tuyển cộng tác viên làm nhiệm vụ trên mạng",
        "days_ago": 4,
        "hour": 14,
        "icon": "warning",
        "categories": ["canh-bao-toi-pham"],
        "tags": ["lừa đảo qua mạng", "cộng tác viên", "mạng xã hội"],
        "author": "Đội Tuyên truyền",
        "sapo": (
            "CATP - Nhiều sinh viên, người nội trợ bị lừa mất hàng trăm triệu đồng sau khi nhận “làm nhiệm vụ” "
            "thả tim, đánh giá sản phẩm, nạp tiền để hưởng hoa hồng theo lời mời trên mạng xã hội."
        ),
        "body": [
            *p(
                "Ban đầu, nạn nhân được trả hoa hồng đầy đủ cho những nhiệm vụ nhỏ để tạo lòng tin. Khi số tiền "
                "nạp lớn dần, đối tượng viện lý do “sai cú pháp”, “hệ thống lỗi” để yêu cầu nạp thêm và không trả "
                "lại tiền gốc.",
            ),
            h("Dấu hiệu nhận biết"),
            ul(
                "Lời mời làm việc không cần kinh nghiệm, thu nhập cao bất thường, chỉ cần điện thoại;",
                "Yêu cầu nạp tiền trước hoặc mua hàng để “xác nhận đơn”;",
                "Trao đổi qua nhóm kín trên Telegram, Zalo, các tài khoản ngân hàng cá nhân liên tục thay đổi.",
            ),
            *p(
                "Người dân phát hiện dấu hiệu lừa đảo hãy lưu lại tin nhắn, số tài khoản và trình báo ngay tại cơ "
                "quan Công an gần nhất hoặc gửi tin qua mục Phản ánh, tố giác của cổng thông tin."
            ),
        ],
    },
    {
        "title": "Ra quân tổng kiểm soát phương tiện, bảo đảm trật tự an toàn giao thông dịp cao điểm hè",
        "days_ago": 6,
        "hour": 7,
        "icon": "traffic",
        "categories": ["an-toan-giao-thong"],
        "tags": ["cao điểm hè", "nồng độ cồn", "tuần tra kiểm soát"],
        "author": "Phòng Cảnh sát giao thông",
        "sapo": (
            "CATP - Phòng Cảnh sát giao thông phối hợp Công an các phường, xã ra quân tổng kiểm soát phương tiện, "
            "tập trung xử lý vi phạm nồng độ cồn, chạy quá tốc độ và chở quá số người quy định."
        ),
        "body": [
            *p(
                "Đợt cao điểm kéo dài ba tháng, tập trung vào các tuyến quốc lộ cửa ngõ, khu du lịch và các tuyến "
                "đường có mật độ phương tiện cao vào cuối tuần.",
                "Lực lượng chức năng bố trí các tổ công tác lưu động vào ban đêm, kết hợp xử lý vi phạm qua hình "
                "ảnh từ hệ thống camera giám sát.",
            ),
            h("Khuyến cáo người tham gia giao thông"),
            ul(
                "Đã uống rượu, bia thì không lái xe;",
                "Đội mũ bảo hiểm đạt chuẩn, cài quai đúng cách, kể cả với trẻ em;",
                "Kiểm tra phương tiện trước các chuyến đi xa, không chở quá số người quy định.",
            ),
        ],
    },
    {
        "title": "Hướng dẫn thoát nạn khi xảy ra cháy tại nhà ở kết hợp kinh doanh",
        "days_ago": 8,
        "hour": 10,
        "icon": "fire",
        "categories": ["phong-chay-chua-chay"],
        "tags": ["thoát nạn", "nhà ở kết hợp kinh doanh", "kỹ năng"],
        "author": "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "sapo": (
            "CATP - Nhà ở kết hợp kinh doanh thường có một lối ra, nhiều hàng hóa dễ cháy và cửa sắt, lồng sắt "
            "bịt kín. Cảnh sát phòng cháy, chữa cháy hướng dẫn các bước cần làm để thoát nạn an toàn."
        ),
        "body": [
            h("Trước khi xảy ra cháy"),
            ul(
                "Trang bị bình chữa cháy, đèn pin, mặt nạ lọc độc; lắp thiết bị báo cháy;",
                "Mở lối thoát nạn thứ hai qua ban công, mái nhà; không khóa kín lồng sắt;",
                "Không để xe máy, hàng hóa chắn lối đi và cầu thang.",
            ),
            h("Khi phát hiện cháy"),
            ul(
                "Hô hoán, ngắt điện, gọi ngay 114;",
                "Dùng khăn ướt che mũi miệng, cúi thấp người di chuyển theo hướng ngược với khói;",
                "Không quay lại lấy tài sản, không dùng thang máy;",
                "Nếu bị mắc kẹt, đóng kín cửa, chèn khăn ướt và ra tín hiệu cứu hộ từ cửa sổ, ban công.",
            ),
            quote("Phút đầu tiên quyết định sự an toàn của cả gia đình.", "Cảnh sát PCCC và CNCH"),
        ],
    },
    {
        "title": "Kiểm tra an toàn phòng cháy, chữa cháy tại các cơ sở karaoke, quán bar",
        "days_ago": 11,
        "hour": 15,
        "icon": "fire",
        "categories": ["phong-chay-chua-chay", "an-ninh-trat-tu"],
        "tags": ["kiểm tra", "karaoke", "cơ sở kinh doanh"],
        "author": "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "sapo": (
            "CATP - Qua kiểm tra 312 cơ sở kinh doanh karaoke, quán bar, lực lượng chức năng đã lập biên bản, "
            "yêu cầu khắc phục vi phạm và tạm đình chỉ hoạt động các cơ sở không bảo đảm điều kiện an toàn."
        ),
        "body": [
            *p(
                "Các lỗi thường gặp là không có lối thoát nạn thứ hai, vật liệu cách âm dễ cháy, hệ thống báo cháy "
                "tự động không hoạt động và nhân viên chưa được huấn luyện nghiệp vụ phòng cháy, chữa cháy.",
                "Công an Thành phố đề nghị chủ cơ sở chủ động rà soát, khắc phục; người dân khi sử dụng dịch vụ "
                "cần chú ý quan sát lối thoát nạn và phản ánh các cơ sở có nguy cơ mất an toàn.",
            ),
        ],
    },
    {
        "title": "Tăng cường tuần tra, kiểm soát bảo đảm an ninh trật tự vào ban đêm",
        "days_ago": 14,
        "hour": 21,
        "icon": "patrol",
        "categories": ["an-ninh-trat-tu"],
        "tags": ["tuần tra", "cảnh sát cơ động", "ban đêm"],
        "author": "Trung đoàn Cảnh sát cơ động",
        "sapo": (
            "CATP - Các tổ công tác đặc biệt tuần tra từ 22 giờ đến 4 giờ sáng, tập trung phòng ngừa tụ tập đua "
            "xe trái phép, cướp giật tài sản và mang theo vũ khí, công cụ hỗ trợ."
        ),
        "body": [
            *p(
                "Sau một tháng triển khai, các tổ công tác đã phát hiện, xử lý nhiều trường hợp vi phạm, góp phần "
                "giảm rõ rệt tình trạng tụ tập gây rối trật tự công cộng vào ban đêm.",
                "Người dân khi phát hiện hành vi đua xe, gây rối hãy báo ngay cho số 113 hoặc đường dây nóng, cung "
                "cấp địa điểm và hình ảnh (nếu có) để lực lượng chức năng xử lý kịp thời.",
            ),
        ],
    },
]

STANDARD_PAGES = [
    {
        "title": "Giới thiệu",
        "slug": "gioi-thieu",
        "show_in_menus": True,
        "intro": (
            "Công an Thành phố là cơ quan thuộc Bộ Công an, thực hiện chức năng tham mưu và quản lý nhà nước về "
            "an ninh quốc gia, trật tự, an toàn xã hội trên địa bàn."
        ),
        "body": [
            h("Chức năng, nhiệm vụ"),
            ul(
                "Bảo vệ an ninh quốc gia, giữ gìn trật tự, an toàn xã hội;",
                "Đấu tranh phòng, chống tội phạm và vi phạm pháp luật;",
                "Quản lý cư trú, căn cước, xuất nhập cảnh, vũ khí, vật liệu nổ và công cụ hỗ trợ;",
                "Phòng cháy, chữa cháy, cứu nạn, cứu hộ; bảo đảm trật tự an toàn giao thông;",
                "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc.",
            ),
            h("Cổng thông tin điện tử"),
            *p(
                "Cổng thông tin là kênh chính thức để Công an Thành phố cung cấp thông tin cho người dân, giải quyết "
                "thủ tục hành chính trực tuyến và tiếp nhận phản ánh, tố giác tội phạm."
            ),
        ],
    },
    {
        "title": "Liên hệ",
        "slug": "lien-he",
        "show_in_menus": True,
        "intro": "Người dân, cơ quan, tổ chức có thể liên hệ với Công an Thành phố qua các kênh sau.",
        "body": [
            h("Trường hợp khẩn cấp"),
            *p(
                "Gọi <b>113</b> (cảnh sát), <b>114</b> (cứu hỏa, cứu nạn) hoặc <b>115</b> (cấp cứu y tế), miễn phí 24/7."
            ),
            h("Tiếp công dân"),
            *p(
                "Trụ sở Công an Thành phố tiếp công dân trong giờ hành chính. Địa chỉ, đường dây nóng và hộp thư "
                "điện tử được ghi ở chân trang của cổng thông tin.",
                "Để gửi tin báo, tố giác tội phạm trực tuyến, vui lòng dùng mục "
                '<a href="/phan-anh-to-giac/">Phản ánh, tố giác</a>; để theo dõi hồ sơ thủ tục hành chính, dùng mục '
                '<a href="/tra-cuu-ho-so/">Tra cứu hồ sơ</a>.',
            ),
        ],
    },
    {
        "title": "Chính sách bảo vệ dữ liệu cá nhân",
        "slug": "chinh-sach-bao-ve-du-lieu-ca-nhan",
        "show_in_menus": False,
        "intro": (
            "Công an Thành phố thu thập và xử lý dữ liệu cá nhân của người dân theo Nghị định số 13/2023/NĐ-CP về "
            "bảo vệ dữ liệu cá nhân, chỉ trong phạm vi cần thiết để giải quyết yêu cầu của người dân."
        ),
        "body": [
            h("Dữ liệu được thu thập"),
            *p(
                "Khi nộp hồ sơ trực tuyến hoặc gửi phản ánh, tố giác, cổng thông tin có thể thu thập họ tên, số "
                "điện thoại, địa chỉ, thư điện tử và tài liệu đính kèm do người dân cung cấp. Người tố giác có thể "
                "không nêu tên."
            ),
            h("Mục đích và thời hạn lưu trữ"),
            *p(
                "Dữ liệu chỉ dùng để giải quyết hồ sơ, xác minh tin báo và liên hệ lại với người gửi; không cung "
                "cấp cho bên thứ ba ngoài các cơ quan có thẩm quyền theo quy định của pháp luật. Dữ liệu được lưu "
                "trữ trong thời hạn luật định và xóa khi hết thời hạn."
            ),
            h("Quyền của người dân"),
            ul(
                "Được biết về hoạt động xử lý dữ liệu cá nhân của mình;",
                "Yêu cầu xem, chỉnh sửa hoặc xóa dữ liệu theo quy định;",
                "Khiếu nại, tố cáo khi dữ liệu cá nhân bị xử lý trái pháp luật.",
            ),
        ],
    },
]

LEGAL_DOCUMENT_INDEX = {
    "title": "Văn bản pháp luật",
    "slug": "van-ban-phap-luat",
    "intro": (
        "Các luật, nghị định, thông tư mà Công an Thành phố áp dụng khi giải quyết thủ tục hành chính và bảo đảm "
        "an ninh, trật tự. Tình trạng hiệu lực cần đối chiếu với Cơ sở dữ liệu quốc gia về văn bản pháp luật."
    ),
}

# Numbers, issuers and dates as published; summaries written for the portal.
LEGAL_DOCUMENTS = [
    {
        "title": "Luật Cư trú",
        "slug": "luat-cu-tru-2020",
        "number": "68/2020/QH14",
        "document_type": "luat",
        "issuer": "Quốc hội",
        "issued_on": date(2020, 11, 13),
        "effective_on": date(2021, 7, 1),
        "summary": "Quy định việc đăng ký, quản lý cư trú; quyền và nghĩa vụ của công dân về cư trú.",
        "body": [
            *p(
                "Luật bỏ sổ hộ khẩu, sổ tạm trú giấy và quản lý cư trú bằng Cơ sở dữ liệu về cư trú, "
                "dùng số định danh cá nhân làm khóa tra cứu.",
                "Người dân đăng ký thường trú, tạm trú, thông báo lưu trú và khai báo tạm vắng có thể nộp hồ sơ "
                "trực tuyến trên cổng dịch vụ công.",
            ),
        ],
    },
    {
        "title": "Luật Căn cước",
        "slug": "luat-can-cuoc-2023",
        "number": "26/2023/QH15",
        "document_type": "luat",
        "issuer": "Quốc hội",
        "issued_on": date(2023, 11, 27),
        "effective_on": date(2024, 7, 1),
        "summary": "Quy định về Cơ sở dữ liệu quốc gia về dân cư, căn cước, thẻ căn cước và căn cước điện tử.",
        "body": [
            *p(
                "Thẻ căn cước công dân đã cấp vẫn dùng được đến hết thời hạn in trên thẻ; người dân không bắt buộc "
                "đổi sang thẻ căn cước mới.",
                "Trẻ em dưới 14 tuổi được cấp thẻ căn cước khi cha, mẹ hoặc người giám hộ đề nghị.",
            ),
        ],
    },
    {
        "title": "Luật Trật tự, an toàn giao thông đường bộ",
        "slug": "luat-trat-tu-an-toan-giao-thong-duong-bo-2024",
        "number": "36/2024/QH15",
        "document_type": "luat",
        "issuer": "Quốc hội",
        "issued_on": date(2024, 6, 27),
        "effective_on": date(2025, 1, 1),
        "summary": "Quy định quy tắc giao thông, điểm giấy phép lái xe, tuần tra kiểm soát và xử lý vi phạm.",
        "body": [
            *p(
                "Mỗi giấy phép lái xe có 12 điểm; điểm bị trừ theo mức vi phạm và được phục hồi đủ sau 12 tháng "
                "nếu không bị trừ tiếp.",
            ),
        ],
    },
    {
        "title": "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "slug": "luat-phong-chay-chua-chay-va-cuu-nan-cuu-ho-2024",
        "number": "55/2024/QH15",
        "document_type": "luat",
        "issuer": "Quốc hội",
        "issued_on": date(2024, 11, 29),
        "effective_on": date(2025, 7, 1),
        "summary": "Quy định về phòng cháy, chữa cháy, cứu nạn, cứu hộ và trách nhiệm của cơ quan, tổ chức, hộ gia đình.",
        "body": [],
    },
    {
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú",
        "slug": "nghi-dinh-154-2024-nd-cp",
        "number": "154/2024/NĐ-CP",
        "document_type": "nghi-dinh",
        "issuer": "Chính phủ",
        "issued_on": date(2024, 11, 26),
        "effective_on": date(2025, 1, 10),
        "summary": "Hướng dẫn giấy tờ chứng minh chỗ ở hợp pháp, đăng ký cư trú và thông báo lưu trú.",
        "body": [],
    },
]
