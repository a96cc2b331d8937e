"""The portal's home page, plain content pages and the department's contact settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.pages import VietnamesePageMixin, paginate


class HomePage(VietnamesePageMixin, Page):
    """Front page: featured and latest news, services, reports and the department's channels."""

    intro = models.TextField(
        blank=True,
        verbose_name=_("Lời giới thiệu"),
        help_text=_("Một hai câu giới thiệu cổng thông tin, hiển thị dưới tên trang."),
    )
    featured_news = models.ForeignKey(
        "news.NewsPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Tin nổi bật"),
        help_text=_("Bài viết hiển thị lớn đầu trang; để trống sẽ lấy bài mới nhất."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_news"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")
        verbose_name_plural = _("Trang chủ")

    def get_context(self, request, *args, **kwargs):
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        featured, latest = selectors.featured_and_latest(chosen=self.featured_news, limit=6)
        context.update(
            featured=featured,
            latest=latest,
            news_index=selectors.news_index_under(self),
            service_links=selectors.SERVICE_LINKS,
            top_tasks=selectors.TOP_TASKS,
            warning=selectors.latest_warning(),
        )
        return context


class StandardPage(VietnamesePageMixin, Page):
    """A plain page such as "Giới thiệu", "Liên hệ" or "Chính sách bảo vệ dữ liệu cá nhân"."""

    intro = models.TextField(
        blank=True, verbose_name=_("Tóm tắt"), help_text=_("Đoạn mở đầu ngắn, in đậm dưới tiêu đề.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Nội dung"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("Trang nội dung")
        verbose_name_plural = _("Trang nội dung")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """The department's public channels, editable in Settings and shown in header and footer."""

    agency_name = models.CharField(
        max_length=255,
        default="Công an Thành phố",
        verbose_name=_("Tên cơ quan"),
        help_text=_("Hiển thị ở đầu trang và chân trang."),
    )
    hotline = models.CharField(
        max_length=32,
        blank=True,
        verbose_name=_("Đường dây nóng"),
        help_text=_("Số điện thoại tiếp nhận tin báo, ví dụ 069.219.4000."),
    )
    emergency_number = models.CharField(
        max_length=16,
        default="113",
        verbose_name=_("Số khẩn cấp"),
        help_text=_("Số gọi cảnh sát khẩn cấp, thường là 113."),
    )
    fanpage_url = models.URLField(
        blank=True, verbose_name=_("Trang fanpage"), help_text=_("Địa chỉ trang Facebook chính thức.")
    )
    email = models.EmailField(blank=True, verbose_name=_("Thư điện tử"), help_text=_("Hộp thư tiếp nhận của cơ quan."))
    address = models.CharField(
        max_length=255, blank=True, verbose_name=_("Địa chỉ trụ sở"), help_text=_("Địa chỉ in ở chân trang.")
    )
    working_hours = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Giờ làm việc"),
        help_text=_("Ví dụ: Sáng 7:30–11:30, chiều 13:30–17:00, từ thứ Hai đến thứ Sáu."),
    )

    panels = [
        FieldPanel("agency_name"),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("emergency_number"), FieldPanel("fanpage_url"), FieldPanel("email")],
            heading=_("Kênh liên lạc"),
        ),
        FieldPanel("address"),
        FieldPanel("working_hours"),
    ]

    class Meta:
        verbose_name = _("Thông tin liên hệ của cơ quan")


class LegalDocumentIndexPage(VietnamesePageMixin, Page):
    """ "Văn bản pháp luật": the laws, decrees and circulars the department applies.

    Citizens preparing a dossier and officers answering them look up the same texts: the
    procedure pages cite them as legal basis, and here each has its number, issuer, dates and
    whether it is still in force, filterable by type, year and status.
    """

    intro = models.TextField(
        blank=True, verbose_name=_("Giới thiệu"), help_text=_("Đoạn giới thiệu hiển thị trên đầu danh sách văn bản.")
    )

    PER_PAGE = 20

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.LegalDocumentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Danh mục văn bản pháp luật")
        verbose_name_plural = _("Danh mục văn bản pháp luật")

    def get_context(self, request, *args, **kwargs):
        from home import selectors
        from home.forms import LegalDocumentFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = LegalDocumentFilterForm(
            request.GET or None,
            types=LegalDocumentPage.TYPES,
            statuses=selectors.legal_document_status_choices(),
            years=selectors.legal_document_years(index=self),
        )
        filters = form.cleaned_data if form.is_valid() else {}
        documents = selectors.legal_document_list(index=self, **filters)
        page_obj, page_query_prefix = paginate(request, documents, self.PER_PAGE)
        context.update(
            filter_form=form,
            documents=page_obj,
            page_obj=page_obj,
            filtered=bool(filters),
            page_query_prefix=page_query_prefix,
        )
        return context


class LegalDocumentPage(VietnamesePageMixin, Page):
    """One legal document: number, type, issuer, dates, status, abstract, the file itself."""

    TYPES = [
        ("luat", _("Luật")),
        ("nghi-quyet", _("Nghị quyết")),
        ("nghi-dinh", _("Nghị định")),
        ("quyet-dinh", _("Quyết định")),
        ("thong-tu", _("Thông tư")),
        ("chi-thi", _("Chỉ thị")),
        ("ke-hoach", _("Kế hoạch")),
        ("cong-van", _("Công văn")),
        ("khac", _("Văn bản khác")),
    ]
    IN_FORCE, PARTLY_EXPIRED, EXPIRED = "con-hieu-luc", "het-hieu-luc-mot-phan", "het-hieu-luc"
    STATUSES = [
        (IN_FORCE, _("Còn hiệu lực")),
        (PARTLY_EXPIRED, _("Hết hiệu lực một phần")),
        (EXPIRED, _("Hết hiệu lực")),
    ]

    number = models.CharField(
        max_length=100, verbose_name=_("Số, ký hiệu"), help_text=_("Ghi đúng như trên văn bản, ví dụ 68/2020/QH14.")
    )
    document_type = models.CharField(max_length=20, choices=TYPES, verbose_name=_("Loại văn bản"))
    issuer = models.CharField(
        max_length=255, verbose_name=_("Cơ quan ban hành"), help_text=_("Ví dụ: Quốc hội, Chính phủ, Bộ Công an.")
    )
    signer = models.CharField(
        max_length=255, blank=True, verbose_name=_("Người ký"), help_text=_("Họ tên và chức vụ người ký, nếu có.")
    )
    issued_on = models.DateField(verbose_name=_("Ngày ban hành"))
    effective_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Ngày có hiệu lực"),
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."),
    )
    status = models.CharField(
        max_length=30,
        choices=STATUSES,
        default=IN_FORCE,
        verbose_name=_("Tình trạng hiệu lực"),
        help_text=_("Văn bản còn hiệu lực nhưng chưa đến ngày có hiệu lực sẽ hiện là “Chưa có hiệu lực”."),
    )
    summary = models.TextField(
        verbose_name=_("Trích yếu"), help_text=_("Nội dung tóm tắt ghi dưới số, ký hiệu của văn bản.")
    )
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Tệp văn bản"),
        help_text=_("Bản PDF hoặc DOCX để người dân tải về."),
    )
    source_url = models.URLField(
        blank=True,
        verbose_name=_("Nguồn chính thức"),
        help_text=_(
            "Địa chỉ văn bản trên cơ sở dữ liệu quốc gia về pháp luật hoặc cổng thông tin của cơ quan ban hành."
        ),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Nội dung chính"),
        help_text=_("Tóm tắt những điểm người dân cần biết; không bắt buộc."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("document_type"),
                FieldPanel("issuer"),
                FieldPanel("signer"),
                FieldPanel("issued_on"),
                FieldPanel("effective_on"),
                FieldPanel("status"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("attachment"),
        FieldPanel("source_url"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("document_type"),
        index.FilterField("issued_on"),
    ]
    parent_page_types = ["home.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Văn bản pháp luật")
        verbose_name_plural = _("Văn bản pháp luật")

    def effective_status(self, today=None) -> str:
        """The status to show: an in-force document whose effective date is still ahead is not yet in force."""
        from django.utils import timezone

        today = today or timezone.localdate()
        if self.status == self.IN_FORCE and self.effective_on and self.effective_on > today:
            return str(_("Chưa có hiệu lực"))
        return self.get_status_display()

    # The site search reads these (search.registry).
    def search_categories(self) -> list[tuple[str, str]]:
        return [(self.document_type, str(self.get_document_type_display()))]

    def search_date(self):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(self.issued_on, time()))

    def search_text(self) -> str:
        from search.registry import stream_text

        parts = [self.number, str(self.get_document_type_display()), self.issuer, self.signer, stream_text(self.body)]
        return "\n".join(part for part in parts if part)
