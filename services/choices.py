"""The fixed vocabularies of online services, shared by pages, dossiers, forms and the API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How far a procedure can be done online (Decree 42/2022/NĐ-CP, art. 11)."""

    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    INFO = "thong_tin", _("Cung cấp thông tin")


class FieldType(models.TextChoices):
    TEXT = "text", _("Văn bản một dòng")
    TEXTAREA = "textarea", _("Văn bản nhiều dòng")
    DATE = "date", _("Ngày")
    NUMBER = "number", _("Số")
    CCCD = "cccd", _("Số căn cước / CCCD (12 chữ số)")
    PHONE = "phone", _("Số điện thoại Việt Nam")
    EMAIL = "email", _("Thư điện tử")
    PLACE = "place", _("Tỉnh/thành phố → phường/xã")
    CHOICE = "choice", _("Chọn một")
    CHECKBOX = "checkbox", _("Ô đánh dấu")


class DateRule(models.TextChoices):
    ANY = "", _("Bất kỳ")
    PAST = "past", _("Trong quá khứ (ví dụ ngày sinh)")
    FUTURE = "future", _("Từ hôm nay trở đi (ví dụ ngày dự kiến)")


class Status(models.IntegerChoices):
    """Dossier statuses with the national public-service portal's codes."""

    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REJECTED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    FINANCIAL = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAW_REQUESTED = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class EmailStatus(models.TextChoices):
    NONE = "", _("Không có thư điện tử")
    PENDING = "pending", _("Đang chờ gửi")
    SENT = "sent", _("Đã gửi")
    RETRYING = "retrying", _("Gửi lỗi, đang thử lại")
    FAILED = "failed", _("Gửi không thành công")


OPEN_STATUSES = {
    Status.NEW,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT,
    Status.FINANCIAL,
    Status.WITHDRAW_REQUESTED,
}
