"""Citizens' security reports and tips: the report, who sent it (kept apart), the conversation
with the officer, evidence files, and an append-only audit log of everything officers do."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms import places
from cms.storage import PrivateStorage

# The four groups the department reports on; their codes are part of the public API.
TOP_LEVEL_CATEGORIES = {
    "an-ninh-chinh-tri": "An ninh chính trị",
    "toi-pham-hinh-su": "Tội phạm hình sự",
    "te-nan-xa-hoi": "Tệ nạn xã hội",
    "khac": "Khác",
}


def evidence_storage() -> PrivateStorage:
    """Private storage for tip evidence, outside MEDIA_ROOT; streamed only by checked views."""
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT / "reports")


class ReportCategory(models.Model):
    """What a tip is about. Four fixed top-level groups (the department's statistics are kept by
    them) and sub-categories such as "Lừa đảo qua mạng" that administrators add as needs change."""

    code = models.SlugField(
        max_length=60,
        unique=True,
        verbose_name=_("Mã"),
        help_text=_("Chữ không dấu, nối bằng gạch ngang, ví dụ lua-dao-qua-mang; dùng trong API."),
    )
    name = models.CharField(max_length=120, verbose_name=_("Tên"), help_text=_("Tên hiển thị cho người dân."))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Thuộc nhóm"),
        help_text=_("Một trong bốn nhóm lớn; chỉ bốn nhóm lớn không có nhóm cha."),
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Thứ tự"))
    is_active = models.BooleanField(
        default=True, verbose_name=_("Đang dùng"), help_text=_("Bỏ chọn để ẩn khỏi biểu mẫu mà vẫn giữ số liệu cũ.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Lĩnh vực phản ánh")
        verbose_name_plural = _("Lĩnh vực phản ánh")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id is None and self.code not in TOP_LEVEL_CATEGORIES:
            raise ValidationError({"parent": _("Hãy chọn một trong bốn nhóm lớn.")})
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Chỉ được chọn nhóm lớn làm nhóm cha.")})
        if self.parent_id and self.code in TOP_LEVEL_CATEGORIES:
            raise ValidationError({"code": _("Mã này dành cho nhóm lớn.")})

    @property
    def top(self) -> ReportCategory:
        return self.parent if self.parent_id else self


class Unit(models.Model):
    """Where officers forward a tip for action: a specialised division or a commune/ward police."""

    class Kind(models.TextChoices):
        DIVISION = "division", _("Phòng nghiệp vụ")
        WARD_POLICE = "ward_police", _("Công an xã, phường")
        OTHER = "other", _("Đơn vị khác")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("Tên đơn vị"))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DIVISION, verbose_name=_("Loại đơn vị"))
    email = models.EmailField(
        blank=True, verbose_name=_("Thư điện tử"), help_text=_("Địa chỉ nhận thông báo chuyển đơn.")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("Đang dùng"))

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("email"), FieldPanel("is_active")]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("Đơn vị xử lý")
        verbose_name_plural = _("Đơn vị xử lý")

    def __str__(self):
        return self.name


class Report(models.Model):
    """One tip about security and public order, from any channel, in one queue.

    Holds nothing that identifies the sender: no IP address, browser or session; the optional
    name/phone/e-mail live in ReporterIdentity behind their own permission. The follow-up PIN is
    stored only as a password hash.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Mới")
        ACCEPTED = "accepted", _("Đã tiếp nhận")
        VERIFYING = "verifying", _("Đang xác minh")
        FORWARDED = "forwarded", _("Đã chuyển đơn vị xử lý")
        RESOLVED = "resolved", _("Đã giải quyết")
        UNFOUNDED = "unfounded", _("Không đủ cơ sở")

    CLOSED = (Status.RESOLVED, Status.UNFOUNDED)

    class Channel(models.TextChoices):
        WEB = "web", _("Cổng thông tin")
        HOTLINE = "hotline", _("Đường dây nóng")
        FANPAGE = "fanpage", _("Fanpage")
        EMAIL = "email", _("Thư điện tử")
        IN_PERSON = "in_person", _("Trực tiếp")

    code = models.CharField(max_length=16, unique=True, editable=False, verbose_name=_("Mã phản ánh"))
    pin_hash = models.CharField(max_length=128, editable=False)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    channel = models.CharField(
        max_length=16, choices=Channel.choices, default=Channel.WEB, verbose_name=_("Kênh tiếp nhận")
    )
    category = models.ForeignKey(
        ReportCategory, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Lĩnh vực")
    )
    description = models.TextField(verbose_name=_("Nội dung"))
    occurred_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm xảy ra"))
    province_code = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("Tỉnh, thành phố"))
    ward_code = models.PositiveIntegerField(null=True, blank=True, db_index=True, verbose_name=_("Xã, phường"))
    address = models.CharField(max_length=255, blank=True, verbose_name=_("Địa chỉ"))
    # The public page a tip is about (a wanted-person notice): its id and the title it had, so the
    # tip keeps its meaning after the page is unpublished or deleted; reports imports no app.
    subject_page_id = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("Trang đối tượng")
    )
    subject_title = models.CharField(max_length=255, blank=True, editable=False, verbose_name=_("Tin báo về"))
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.NEW, db_index=True, verbose_name=_("Trạng thái")
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Đơn vị xử lý")
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates", verbose_name=_("Trùng với")
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("Thời điểm tiếp nhận"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Cập nhật"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm kết thúc"))

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Phản ánh, tố giác")
        verbose_name_plural = _("Phản ánh, tố giác")
        indexes = [models.Index(fields=["category", "received_at"]), models.Index(fields=["channel", "received_at"])]

    def __str__(self):
        return self.code

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def province_name(self) -> str:
        province = places.get_province(self.province_code)
        return province.name if province else ""

    @property
    def ward_name(self) -> str:
        ward = places.get_ward(self.ward_code)
        return ward.name if ward else ""


class ReporterIdentity(models.Model):
    """Name and contacts a reporter chose to give. A separate table so that the report itself
    can be read by every officer while the identity needs its own permission (and is logged)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField(max_length=120, blank=True, verbose_name=_("Họ và tên"))
    phone = models.CharField(max_length=20, blank=True, verbose_name=_("Số điện thoại"))
    email = models.EmailField(blank=True, verbose_name=_("Thư điện tử"))

    class Meta:
        verbose_name = _("Thông tin người phản ánh")
        verbose_name_plural = _("Thông tin người phản ánh")

    def __str__(self):
        return self.name or self.phone or self.email


class ReportMessage(models.Model):
    """The conversation about a tip: questions and answers between the officer and the
    reporter, plus internal notes that the reporter never sees."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Người phản ánh")
        OFFICER = "officer", _("Cán bộ")
        NOTE = "note", _("Ghi chú nội bộ")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("Loại"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(verbose_name=_("Nội dung"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Trao đổi")
        verbose_name_plural = _("Trao đổi")

    def __str__(self):
        return f"{self.report.code} – {self.get_kind_display()}"


class ReportAttachment(models.Model):
    """Evidence sent with a tip or a later answer: checked by content, images re-encoded
    without metadata, stored outside MEDIA_ROOT."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        ReportMessage, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(upload_to="%Y/%m", storage=evidence_storage, max_length=255)
    name = models.CharField(max_length=120, verbose_name=_("Tên tệp"))
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")

    def __str__(self):
        return self.name


class ReportEvent(models.Model):
    """Audit log: who viewed or changed which tip, when, and what. Append-only — rows are
    never updated or deleted by the application, and no screen edits them."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        VIEW = "view", _("Xem")
        VIEW_IDENTITY = "view_identity", _("Xem thông tin người phản ánh")
        DOWNLOAD = "download", _("Tải tệp")
        STATUS = "status", _("Đổi trạng thái")
        FORWARD = "forward", _("Chuyển đơn vị")
        NOTE = "note", _("Ghi chú nội bộ")
        MESSAGE = "message", _("Gửi tin cho người phản ánh")
        DUPLICATE = "duplicate", _("Đánh dấu trùng")
        CITIZEN_VIEW = "citizen_view", _("Người phản ánh tra cứu")
        CITIZEN_REPLY = "citizen_reply", _("Người phản ánh bổ sung")
        EXPORT = "export", _("Xuất số liệu")
        PURGE = "purge", _("Xoá theo thời hạn lưu trữ")

    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="events", db_constraint=False
    )
    report_code = models.CharField(max_length=16, blank=True, db_index=True, verbose_name=_("Mã phản ánh"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người thực hiện"),
    )
    username = models.CharField(max_length=150, blank=True, verbose_name=_("Tài khoản"))
    action = models.CharField(max_length=20, choices=Action.choices, verbose_name=_("Hành động"))
    detail = models.CharField(max_length=500, blank=True, verbose_name=_("Chi tiết"))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("Thời điểm"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Nhật ký xử lý")
        verbose_name_plural = _("Nhật ký xử lý")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.report_code} {self.action} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nhật ký xử lý không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký xử lý không được xoá."))
