"""Online public services: the procedure catalogue (Wagtail pages) and citizens' dossiers.

Catalogue pages are content that editors maintain; dossiers (`Application`) are records that
citizens create and officers process, so they are plain models with an event log, never pages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.pages import VietnamesePageMixin
from cms.storage import PrivateStorage
from cms.text import clean_line, slugify_vi


def private_storage() -> PrivateStorage:
    """Storage rooted at PRIVATE_MEDIA_ROOT (a callable, so migrations hold no machine path)."""
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


class Level(models.TextChoices):
    """How far a procedure can be done online (Decree 42/2022/NĐ-CP, art. 11)."""

    FULL = "toan_trinh", _("Toàn trình")
    PARTIAL = "mot_phan", _("Một phần")
    INFO = "thong_tin", _("Cung cấp thông tin")


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


class ProcedureIndexPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """The catalogue ("Dịch vụ công"): lists procedures, filters them, hosts the statistics."""

    intro = models.TextField(
        blank=True, verbose_name=_("Giới thiệu"), help_text=_("Đoạn giới thiệu hiển thị trên đầu danh mục thủ tục.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Danh mục thủ tục hành chính")
        verbose_name_plural = _("Danh mục thủ tục hành chính")

    @path("")
    def catalogue(self, request):
        from services import selectors
        from services.forms import CatalogueFilterForm

        form = CatalogueFilterForm(request.GET or None, index_page=self)
        filters = form.cleaned_data if form.is_valid() else {}
        procedures = selectors.procedure_list(index_page=self, **filters)
        return self.render(
            request,
            context_overrides={"filter_form": form, "procedures": procedures, "filtered": bool(filters)},
        )

    @path("thong-ke/", name="statistics")
    def statistics(self, request):
        from services import selectors

        rows = selectors.statistics_rows()
        return self.render(
            request,
            template="services/statistics_page.html",
            context_overrides={"rows": rows, "totals": selectors.statistics_totals(rows)},
        )


class ProcedurePage(VietnamesePageMixin, RoutablePageMixin, Page):
    """One administrative procedure as the national database publishes it, plus its online form."""

    code = models.CharField(
        max_length=40,
        unique=True,
        verbose_name=_("Mã thủ tục"),
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004194."),
    )
    field = models.CharField(
        max_length=120,
        db_index=True,
        verbose_name=_("Lĩnh vực"),
        help_text=_("Ví dụ: Đăng ký, quản lý cư trú; Căn cước; Đăng ký, quản lý phương tiện giao thông."),
    )
    level = models.CharField(
        max_length=16,
        choices=Level.choices,
        default=Level.PARTIAL,
        db_index=True,
        verbose_name=_("Mức độ dịch vụ công"),
        help_text=_(
            "Toàn trình hoặc Một phần (Nghị định 42/2022/NĐ-CP, Điều 11); chỉ cho nộp trực tuyến với hai mức này."
        ),
    )
    agency = models.CharField(
        max_length=255,
        db_index=True,
        verbose_name=_("Cơ quan thực hiện"),
        help_text=_("Ví dụ: Công an cấp xã."),
    )
    applicants = models.TextField(
        blank=True, verbose_name=_("Đối tượng thực hiện"), help_text=_("Ai được nộp hồ sơ thủ tục này.")
    )
    processing_days = models.PositiveSmallIntegerField(
        default=0,
        verbose_name=_("Thời hạn giải quyết (ngày làm việc)"),
        help_text=_("Số ngày làm việc kể từ khi tiếp nhận hồ sơ đầy đủ; không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ."),
    )
    fee = models.TextField(
        blank=True, verbose_name=_("Phí, lệ phí"), help_text=_("Mức thu và căn cứ; ghi “Không” nếu miễn phí.")
    )
    method_direct = models.BooleanField(default=True, verbose_name=_("Trực tiếp"))
    method_online = models.BooleanField(default=True, verbose_name=_("Trực tuyến"))
    method_post = models.BooleanField(default=False, verbose_name=_("Qua dịch vụ bưu chính công ích"))
    summary = models.TextField(
        blank=True, verbose_name=_("Tóm tắt"), help_text=_("Một hai câu mô tả thủ tục, hiện trong danh mục.")
    )
    steps = StreamField(
        [("step", blocks.TextBlock(label=_("Bước")))],
        blank=True,
        verbose_name=_("Trình tự thực hiện"),
        help_text=_("Mỗi bước một khối, theo thứ tự."),
    )
    result = models.TextField(
        blank=True, verbose_name=_("Kết quả thực hiện"), help_text=_("Giấy tờ công dân nhận được.")
    )
    legal_basis = models.TextField(blank=True, verbose_name=_("Căn cứ pháp lý"), help_text=_("Mỗi văn bản một dòng."))
    notes = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        verbose_name=_("Lưu ý"),
        help_text=_("Yêu cầu, điều kiện thực hiện và lưu ý khác."),
    )
    data_purpose = models.TextField(
        blank=True,
        verbose_name=_("Mục đích xử lý dữ liệu cá nhân"),
        help_text=_("Hiển thị cạnh ô đồng ý xử lý dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("field"),
                FieldPanel("level"),
                FieldPanel("agency"),
                FieldPanel("processing_days"),
                FieldRowPanel([FieldPanel("method_direct"), FieldPanel("method_online"), FieldPanel("method_post")]),
            ],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("summary"),
        FieldPanel("applicants"),
        FieldPanel("fee"),
        FieldPanel("steps"),
        InlinePanel("components", label=_("Thành phần hồ sơ"), heading=_("Thành phần hồ sơ")),
        FieldPanel("result"),
        FieldPanel("legal_basis"),
        FieldPanel("notes"),
        MultiFieldPanel(
            [FieldPanel("data_purpose"), InlinePanel("form_fields", label=_("Trường"))],
            heading=_("Biểu mẫu nộp trực tuyến"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.SearchField("field"),
        index.SearchField("agency"),
        index.SearchField("summary"),
        index.SearchField("applicants"),
        index.SearchField("result"),
        index.SearchField("legal_basis"),
        index.SearchField("steps"),
        index.FilterField("level"),
        index.FilterField("field"),
        index.FilterField("agency"),
        index.RelatedFields("components", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("code"),
        APIField("field"),
        APIField("level"),
        APIField("agency"),
        APIField("applicants"),
        APIField("processing_days"),
        APIField("fee"),
        APIField("summary"),
        APIField("steps"),
        APIField("result"),
        APIField("legal_basis"),
        APIField("components"),
    ]
    parent_page_types = ["services.ProcedureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Thủ tục hành chính")
        verbose_name_plural = _("Thủ tục hành chính")

    @property
    def accepts_online(self) -> bool:
        """Citizens may apply here only for an online level with an online method."""
        return self.level in {Level.FULL, Level.PARTIAL} and self.method_online

    @property
    def methods_display(self) -> list[str]:
        labels = []
        if self.method_direct:
            labels.append(str(_("Trực tiếp")))
        if self.method_online:
            labels.append(str(_("Trực tuyến")))
        if self.method_post:
            labels.append(str(_("Bưu chính công ích")))
        return labels

    @property
    def legal_basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

    def search_text(self) -> str:
        """Plain text worth indexing for the site search (the search app calls this)."""
        parts = [
            self.title,
            self.code,
            self.field,
            self.get_level_display(),
            self.agency,
            self.summary,
            self.applicants,
            self.fee,
            " ".join(str(block.value) for block in self.steps),
            " ".join(c.name for c in self.components.all()),
            self.result,
            self.legal_basis,
        ]
        return "\n".join(clean_line(p) for p in parts if p)

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("nop-ho-so/", name="apply")
    def apply(self, request):
        from services.views import apply_view

        return apply_view(request, procedure=self)


class ProcedureComponent(Orderable):
    """One document of the dossier ("Tờ khai thay đổi thông tin cư trú (mẫu CT01)")."""

    page = ParentalKey(ProcedurePage, related_name="components", on_delete=models.CASCADE)
    name = models.CharField(max_length=500, verbose_name=_("Tên giấy tờ"))
    required = models.BooleanField(default=True, verbose_name=_("Bắt buộc"))
    quantity = models.CharField(
        max_length=120, blank=True, verbose_name=_("Số lượng, hình thức"), help_text=_("Ví dụ: 01 bản chính.")
    )
    accepts_upload = models.BooleanField(
        default=True,
        verbose_name=_("Cho tải lên khi nộp trực tuyến"),
        help_text=_("Bỏ chọn với giấy tờ chỉ xuất trình khi đến nhận kết quả."),
    )
    template = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Mẫu đơn, tờ khai"),
        help_text=_("Tệp mẫu để công dân tải về (nếu có)."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("required"), FieldPanel("accepts_upload")]),
        FieldPanel("quantity"),
        FieldPanel("template"),
    ]
    api_fields = [APIField("name"), APIField("required"), APIField("quantity"), APIField("accepts_upload")]

    class Meta(Orderable.Meta):
        verbose_name = _("Thành phần hồ sơ")
        verbose_name_plural = _("Thành phần hồ sơ")

    def __str__(self):
        return self.name

    @property
    def upload_field_name(self) -> str:
        return f"file_{self.pk}"


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


class ProcedureFormField(Orderable):
    """One question of a procedure's online form, defined by editors."""

    page = ParentalKey(ProcedurePage, related_name="form_fields", on_delete=models.CASCADE)
    label = models.CharField(max_length=255, verbose_name=_("Nhãn"))
    name = models.SlugField(
        max_length=64,
        blank=True,
        verbose_name=_("Tên kỹ thuật"),
        help_text=_("Chữ không dấu, nối bằng gạch dưới; để trống sẽ tạo từ nhãn. Dùng trong API."),
    )
    field_type = models.CharField(max_length=16, choices=FieldType.choices, verbose_name=_("Kiểu trường"))
    required = models.BooleanField(default=True, verbose_name=_("Bắt buộc"))
    choices = models.TextField(
        blank=True, verbose_name=_("Các lựa chọn"), help_text=_("Với kiểu “Chọn một”: mỗi lựa chọn một dòng.")
    )
    date_rule = models.CharField(
        max_length=8, blank=True, choices=DateRule.choices, default=DateRule.ANY, verbose_name=_("Ràng buộc ngày")
    )
    help_text = models.CharField(max_length=255, blank=True, verbose_name=_("Hướng dẫn"))

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("field_type"), FieldPanel("required"), FieldPanel("date_rule")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Trường biểu mẫu")
        verbose_name_plural = _("Trường biểu mẫu")

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.name:
            self.name = slugify_vi(self.label, 60).replace("-", "_") or f"truong_{self.sort_order or 0}"
        super().save(*args, **kwargs)

    @property
    def choice_list(self) -> list[str]:
        return [clean_line(c) for c in self.choices.splitlines() if clean_line(c)]


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


class Application(models.Model):
    """A citizen's dossier for one procedure: what was submitted, where it stands, who handles it.

    The status only changes through `services.services.application_transition`, which checks
    the allowed transitions and writes an `ApplicationEvent`, so the timeline is complete.
    """

    code = models.CharField(max_length=16, unique=True, verbose_name=_("Mã hồ sơ"))
    procedure = models.ForeignKey(
        ProcedurePage, on_delete=models.PROTECT, related_name="applications", verbose_name=_("Thủ tục")
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


OPEN_STATUSES = {
    Status.NEW,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT,
    Status.FINANCIAL,
    Status.WITHDRAW_REQUESTED,
}


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
