"""Online public services: the procedure catalogue (Wagtail pages) and citizens' dossiers.

Catalogue pages are content that editors maintain; dossiers (`Application`) are records that
citizens create and officers process, so they are plain models with an event log, never pages.
"""

from __future__ import annotations

from django.db import models
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
from cms.text import clean_line, slugify_vi

# Django finds every model of the app through this module; `private_storage` stays importable
# from here because migration 0001 names it.
from services.choices import OPEN_STATUSES, DateRule, EmailStatus, FieldType, Level, Status, Timeliness  # noqa: F401
from services.records import Application, ApplicationEvent, ApplicationFile, Holiday, private_storage  # noqa: F401


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
