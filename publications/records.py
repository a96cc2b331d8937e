"""The records behind the publication pages: reception sessions, movement models and citizens'
questions. Not pages: they are entered as snippets or through the public forms, and reach the
portal only through the pages that list them (`publications.models`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ReceptionEntry(models.Model):
    """One citizen reception session (Law on Citizen Reception 2013): who receives, where, when.
    Entered as a snippet; the schedule page lists the upcoming ones and archives the past."""

    leader = models.CharField(
        max_length=120, verbose_name=_("Lãnh đạo tiếp"), help_text=_("Họ tên người tiếp công dân.")
    )
    leader_title = models.CharField(
        max_length=255, verbose_name=_("Chức vụ"), help_text=_("Ví dụ: Phó Giám đốc Công an Thành phố.")
    )
    place = models.CharField(max_length=255, verbose_name=_("Địa điểm"), help_text=_("Phòng tiếp công dân và địa chỉ."))
    starts_at = models.DateTimeField(verbose_name=_("Bắt đầu"), help_text=_("Ngày, giờ bắt đầu (giờ Việt Nam)."))
    ends_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Kết thúc"), help_text=_("Để trống nếu tiếp đến hết buổi.")
    )
    subject = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Nội dung tiếp"),
        help_text=_("Chủ đề của buổi tiếp (nếu có), ví dụ “Khiếu nại về đăng ký cư trú”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("leader"), FieldPanel("leader_title")]),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("subject"),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("Buổi tiếp công dân")
        verbose_name_plural = _("Lịch tiếp công dân")

    def __str__(self):
        from cms.text import format_datetime

        return f"{format_datetime(self.starts_at)} – {self.leader}"


class MovementModel(models.Model):
    """A model of the "All people protect national security" movement in a ward. Units propose
    them through the public form; nothing proposed is public until an editor approves it."""

    class Kind(models.TextChoices):
        ORDER = "an-ninh-trat-tu", _("Giữ gìn an ninh, trật tự")
        FIRE = "phong-chay", _("Phòng cháy, chữa cháy")
        TRAFFIC = "giao-thong", _("Trật tự an toàn giao thông")
        DRUGS = "ma-tuy", _("Phòng, chống ma túy")
        CAMERA = "camera", _("Camera an ninh")
        OTHER = "khac", _("Khác")

    class Status(models.TextChoices):
        ACTIVE = "hoat-dong", _("Đang hoạt động")
        EFFECTIVE = "hieu-qua", _("Hoạt động hiệu quả")
        SUSPENDED = "tam-dung", _("Tạm dừng")

    class Review(models.TextChoices):
        PENDING = "cho-duyet", _("Chờ duyệt")
        PUBLISHED = "da-dang", _("Đã đăng")
        REFUSED = "tu-choi", _("Không đăng")

    name = models.CharField(max_length=255, verbose_name=_("Tên mô hình"), help_text=_("Tên đầy đủ của mô hình."))
    unit = models.CharField(
        max_length=255, verbose_name=_("Đơn vị"), help_text=_("Đơn vị xây dựng, duy trì mô hình (Công an phường…).")
    )
    ward = models.CharField(
        max_length=120, db_index=True, verbose_name=_("Xã, phường"), help_text=_("Xã, phường nơi mô hình hoạt động.")
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, verbose_name=_("Loại mô hình"), help_text=_("Lĩnh vực chính của mô hình.")
    )
    year_started = models.PositiveSmallIntegerField(
        verbose_name=_("Năm bắt đầu"), help_text=_("Năm mô hình bắt đầu hoạt động.")
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.ACTIVE,
        verbose_name=_("Tình trạng"),
        help_text=_("Tình trạng hoạt động hiện nay."),
    )
    last_review_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Ngày sơ kết, tổng kết gần nhất"),
        help_text=_("Để trống nếu mô hình chưa được sơ kết."),
    )
    review_result = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Kết quả sơ kết"),
        help_text=_("Đánh giá tại lần sơ kết gần nhất, ví dụ “Tốt, đề nghị nhân rộng”."),
    )
    description = models.TextField(
        blank=True, verbose_name=_("Mô tả"), help_text=_("Cách làm, lực lượng tham gia, kết quả nổi bật.")
    )
    contact = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Người liên hệ"),
        help_text=_("Người đề xuất và số điện thoại; chỉ cán bộ xem, không công khai."),
    )
    review_state = models.CharField(
        max_length=10,
        choices=Review.choices,
        default=Review.PENDING,
        db_index=True,
        verbose_name=_("Trạng thái duyệt"),
        help_text=_("Chỉ mô hình “Đã đăng” hiện trên cổng."),
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now, verbose_name=_("Ngày đề xuất"))
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("Ngày duyệt"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("ward")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year_started")]),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("last_review_date"), FieldPanel("review_result")]),
        FieldPanel("description"),
        FieldPanel("contact"),
    ]

    class Meta:
        ordering = ["ward", "name"]
        verbose_name = _("Mô hình phong trào")
        verbose_name_plural = _("Mô hình phong trào")

    def __str__(self):
        return self.name


class Question(models.Model):
    """A citizen's question, private until an officer answers it and it is published as a
    `QuestionPage` (only when the citizen agreed to publication). Refused or unanswered
    questions never leave the admin."""

    class State(models.TextChoices):
        NEW = "moi", _("Mới")
        ASSIGNED = "da-giao", _("Đã giao")
        PUBLISHED = "da-dang", _("Đã trả lời, đã đăng")
        REFUSED = "tu-choi", _("Không trả lời")

    code = models.CharField(max_length=16, unique=True, editable=False, verbose_name=_("Mã câu hỏi"))
    name = models.CharField(max_length=120, blank=True, verbose_name=_("Họ và tên"), help_text=_("Không bắt buộc."))
    email = models.EmailField(
        blank=True, verbose_name=_("Thư điện tử"), help_text=_("Không bắt buộc; không công khai.")
    )
    topic = models.CharField(
        max_length=255, verbose_name=_("Tiêu đề"), help_text=_("Tiêu đề câu hỏi; được đăng kèm câu trả lời.")
    )
    body = models.TextField(verbose_name=_("Nội dung câu hỏi"), help_text=_("Câu hỏi như người dân gửi."))
    consent_publish = models.BooleanField(
        default=False,
        verbose_name=_("Đồng ý công khai"),
        help_text=_("Người hỏi đồng ý đăng câu hỏi (không kèm thư điện tử) cùng câu trả lời."),
    )
    state = models.CharField(
        max_length=10,
        choices=State.choices,
        default=State.NEW,
        db_index=True,
        verbose_name=_("Trạng thái"),
        help_text=_("Đổi bằng các nút Giao, Đăng, Không trả lời."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Cán bộ trả lời"),
        help_text=_("Cán bộ được giao trả lời câu hỏi."),
    )
    due_date = models.DateField(
        null=True, blank=True, verbose_name=_("Hạn trả lời"), help_text=_("Ngày phải có câu trả lời.")
    )
    answer = models.TextField(
        blank=True, verbose_name=_("Câu trả lời"), help_text=_("Câu trả lời sẽ được đăng cùng câu hỏi.")
    )
    refusal_reason = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Lý do không trả lời"),
        help_text=_("Ghi nội bộ khi câu hỏi không được trả lời hoặc không đăng."),
    )
    page_id_published = models.PositiveIntegerField(null=True, blank=True, editable=False)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("Ngày gửi"))
    answered_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("Ngày trả lời"))

    panels = [
        FieldPanel("topic"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("assigned_to"), FieldPanel("due_date")]),
        FieldPanel("answer"),
        FieldPanel("refusal_reason"),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("Câu hỏi của người dân")
        verbose_name_plural = _("Câu hỏi của người dân")

    def __str__(self):
        return f"{self.code} – {self.topic}"
