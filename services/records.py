"""Citizens' dossiers and the days they are counted in: records, not pages.

Citizens create dossiers (`Application`) and officers process them, so they are plain models
with their files and an event log. They live apart from the catalogue pages (models.py) so that
the writes, reads and forms below the pages can use them without importing the pages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.storage import PrivateStorage
from services.choices import OPEN_STATUSES, EmailStatus, Status, Timeliness


def private_storage() -> PrivateStorage:
    """Storage rooted at PRIVATE_MEDIA_ROOT (a callable, so migrations hold no machine path)."""
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


class Holiday(models.Model):
    """A public holiday or day off: due dates in working days skip it.

    Holidays change every year (Tết, compensatory days), so editors maintain them as a snippet.
    """

    date = models.DateField(unique=True, verbose_name=_("Ngày"), help_text=_("Ngày nghỉ, dạng DD/MM/YYYY."))
    name = models.CharField(max_length=120, verbose_name=_("Tên ngày nghỉ"), help_text=_("Ví dụ: Tết Nguyên đán."))

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("Ngày nghỉ lễ")
        verbose_name_plural = _("Ngày nghỉ lễ")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"


class Application(models.Model):
    """A citizen's dossier for one procedure: what was submitted, where it stands, who handles it.

    The status only changes through `services.services.application_transition`, which checks
    the allowed transitions and writes an `ApplicationEvent`, so the timeline is complete.
    """

    code = models.CharField(max_length=16, unique=True, verbose_name=_("Mã hồ sơ"))
    procedure = models.ForeignKey(
        "services.ProcedurePage", on_delete=models.PROTECT, related_name="applications", verbose_name=_("Thủ tục")
    )
    procedure_code = models.CharField(max_length=40, verbose_name=_("Mã thủ tục khi nộp"))
    procedure_name = models.CharField(max_length=255, verbose_name=_("Tên thủ tục khi nộp"))
    status = models.PositiveSmallIntegerField(
        choices=Status.choices, default=Status.NEW, db_index=True, verbose_name=_("Trạng thái")
    )
    applicant_name = models.CharField(max_length=255, verbose_name=_("Họ và tên người nộp"))
    applicant_phone = models.CharField(max_length=16, db_index=True, verbose_name=_("Số điện thoại"))
    applicant_email = models.EmailField(blank=True, verbose_name=_("Thư điện tử"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("Nội dung tờ khai"))
    consent_at = models.DateTimeField(verbose_name=_("Thời điểm đồng ý xử lý dữ liệu cá nhân"))
    consent_purpose = models.TextField(blank=True, verbose_name=_("Mục đích được đồng ý"))
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    channel = models.CharField(max_length=8, default="web", verbose_name=_("Kênh nộp"))
    submitted_at = models.DateTimeField(db_index=True, verbose_name=_("Thời điểm nộp"))
    receipt_due_at = models.DateTimeField(verbose_name=_("Hạn tiếp nhận"))
    received_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm tiếp nhận"))
    due_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("Hạn trả kết quả"))
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm xử lý xong"))
    returned_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm trả kết quả"))
    timeliness = models.CharField(
        max_length=8, blank=True, choices=Timeliness.choices, verbose_name=_("Tiến độ giải quyết")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
        verbose_name=_("Cán bộ phụ trách"),
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("Mức hài lòng (1–5)"))
    rating_comment = models.TextField(blank=True, verbose_name=_("Góp ý của công dân"))
    rated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Thời điểm đánh giá"))
    email_status = models.CharField(
        max_length=10, blank=True, choices=EmailStatus.choices, verbose_name=_("Thư xác nhận")
    )
    email_attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("Số lần gửi thư"))

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("Hồ sơ trực tuyến")
        verbose_name_plural = _("Hồ sơ trực tuyến")
        permissions = [("process_application", _("Xử lý hồ sơ dịch vụ công"))]
        indexes = [models.Index(fields=["procedure", "submitted_at"])]

    def __str__(self):
        return f"{self.code} – {self.procedure_name}"

    @cached_property
    def display_code(self) -> str:
        from cms import codes

        return codes.display(self.code)

    @property
    def current_due_at(self):
        """The deadline that applies now: receipt before reception, result afterwards."""
        if self.status == Status.NEW:
            return self.receipt_due_at
        if self.status in OPEN_STATUSES:
            return self.due_at
        return None


class ApplicationFile(models.Model):
    """A file of a dossier: a component sent with the application, a supplement or a result.

    Stored in private storage and served only by a view that checks who is asking.
    """

    class Kind(models.TextChoices):
        COMPONENT = "component", _("Thành phần hồ sơ")
        SUPPLEMENT = "supplement", _("Giấy tờ bổ sung")
        RESULT = "result", _("Kết quả giải quyết")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COMPONENT, verbose_name=_("Loại"))
    component_name = models.CharField(max_length=500, blank=True, verbose_name=_("Thành phần"))
    file = models.FileField(storage=private_storage, upload_to="ho-so/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255, verbose_name=_("Tên tệp"))
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("Tệp hồ sơ")
        verbose_name_plural = _("Tệp hồ sơ")

    def __str__(self):
        return self.original_name


class ApplicationEvent(models.Model):
    """One entry of a dossier's timeline: who changed what, when, from which status to which."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=255, blank=True, verbose_name=_("Người thực hiện"))
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    note = models.TextField(blank=True, verbose_name=_("Ghi chú"))
    public = models.BooleanField(
        default=True, verbose_name=_("Hiển thị cho công dân"), help_text=_("Bỏ chọn với ghi chú nội bộ.")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Sự kiện hồ sơ")
        verbose_name_plural = _("Sự kiện hồ sơ")

    def __str__(self):
        return f"{self.application.code}: {self.get_from_status_display()} → {self.get_to_status_display()}"
