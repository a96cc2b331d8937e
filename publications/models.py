"""Pages and records a police portal publishes under Decree 42/2022/NĐ-CP art. 4.

Fields and panels only: writes go through `publications.services`, reads through
`publications.selectors` (which look these classes up with `apps.get_model`, because the pages
call the selectors from `get_context`).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from cms.pages import VietnamesePageMixin, paginate

# Django finds every model of the app through this module.
from publications.records import MovementModel, Question, ReceptionEntry  # noqa: F401

# --- Truy nã ------------------------------------------------------------------------------


class WantedPersonIndexPage(VietnamesePageMixin, Page):
    """ "Truy nã": the wanted-person notices the department issues, searchable by name (with or
    without tone marks, other names included) and filterable by year of decision and offence."""

    intro = models.TextField(
        blank=True,
        verbose_name=_("Giới thiệu"),
        help_text=_("Đoạn hướng dẫn trên đầu danh sách, ví dụ cách báo tin cho cơ quan Công an."),
    )
    PER_PAGE = 20

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.WantedPersonPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Danh sách truy nã")
        verbose_name_plural = _("Danh sách truy nã")

    def get_context(self, request, *args, **kwargs):
        from publications import selectors
        from publications.forms import WantedFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = WantedFilterForm(
            request.GET or None,
            years=selectors.wanted_decision_years(index=self),
            offences=selectors.wanted_offences(index=self),
        )
        filters = form.cleaned_data if form.is_valid() else {}
        people = selectors.wanted_person_list(index=self, **filters)
        page_obj, page_query_prefix = paginate(request, people, self.PER_PAGE)
        context.update(
            filter_form=form,
            people=page_obj,
            page_obj=page_obj,
            filtered=bool(filters),
            page_query_prefix=page_query_prefix,
        )
        return context

    def search_text(self) -> str:
        return self.intro


class WantedPersonPage(VietnamesePageMixin, Page):
    """One wanted-person notice. It is public only while the person is wanted: marking the
    person caught or the decision revoked (`services.wanted_person_set_status`) unpublishes it,
    which takes it out of the listing, search, sitemap and API together."""

    class Sex(models.TextChoices):
        MALE = "nam", _("Nam")
        FEMALE = "nu", _("Nữ")

    class Status(models.TextChoices):
        WANTED = "truy-na", _("Đang truy nã")
        CAUGHT = "da-bat", _("Đã bắt, đầu thú")
        REVOKED = "dinh-na", _("Đã đình nã")

    full_name = models.CharField(
        max_length=120,
        verbose_name=_("Họ và tên"),
        help_text=_("Họ tên đầy đủ, có dấu, như trong quyết định truy nã."),
    )
    other_names = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Tên gọi khác"),
        help_text=_("Tên khác, biệt danh; nhiều tên cách nhau bằng dấu phẩy. Tìm kiếm cũng tìm theo các tên này."),
    )
    birth_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("Năm sinh"), help_text=_("Để trống nếu không rõ.")
    )
    sex = models.CharField(
        max_length=3, choices=Sex.choices, verbose_name=_("Giới tính"), help_text=_("Theo quyết định truy nã.")
    )
    last_residence = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Nơi cư trú cuối cùng"),
        help_text=_("Nơi thường trú hoặc tạm trú trước khi bỏ trốn."),
    )
    offence = models.CharField(
        max_length=255,
        verbose_name=_("Tội danh"),
        help_text=_(
            "Ghi theo quyết định, ví dụ “Lừa đảo chiếm đoạt tài sản”. Danh sách lọc theo tội danh dùng giá trị này."
        ),
    )
    decision_number = models.CharField(
        max_length=60, verbose_name=_("Số quyết định"), help_text=_("Số quyết định truy nã, ví dụ 12/QĐ-CSHS.")
    )
    decision_date = models.DateField(verbose_name=_("Ngày quyết định"), help_text=_("Ngày ký quyết định truy nã."))
    issuing_agency = models.CharField(
        max_length=255,
        verbose_name=_("Cơ quan ra quyết định"),
        help_text=_("Ví dụ: Cơ quan Cảnh sát điều tra Công an Thành phố."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Ảnh đối tượng"),
        help_text=_("Ảnh chân dung trong hồ sơ truy nã."),
    )
    description = models.TextField(
        blank=True,
        verbose_name=_("Đặc điểm nhận dạng"),
        help_text=_("Đặc điểm nhận dạng, hành vi phạm tội và lưu ý cho người dân (không tiếp cận đối tượng)."),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.WANTED,
        verbose_name=_("Tình trạng"),
        help_text=_(
            "Khi đối tượng bị bắt, đầu thú hoặc quyết định bị đình nã, trang bị gỡ khỏi cổng ngay khi xuất bản."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("full_name"),
                FieldPanel("other_names"),
                FieldRowPanel([FieldPanel("birth_year"), FieldPanel("sex")]),
                FieldPanel("last_residence"),
                FieldPanel("photo"),
            ],
            heading=_("Đối tượng"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("offence"),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("issuing_agency"),
                FieldPanel("status"),
            ],
            heading=_("Quyết định truy nã"),
        ),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("full_name"),
        index.SearchField("other_names"),
        index.SearchField("offence"),
        index.FilterField("status"),
        index.FilterField("decision_date"),
    ]
    api_fields = [
        APIField("full_name"),
        APIField("other_names"),
        APIField("birth_year"),
        APIField("sex"),
        APIField("last_residence"),
        APIField("offence"),
        APIField("decision_number"),
        APIField("decision_date"),
        APIField("issuing_agency"),
        APIField("description"),
        APIField("status"),
    ]
    parent_page_types = ["publications.WantedPersonIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Đối tượng truy nã")
        verbose_name_plural = _("Đối tượng truy nã")

    def other_names_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(",") if name.strip()]

    # The site search reads these (search.registry).
    def search_text(self) -> str:
        parts = [self.full_name, self.other_names, self.offence, self.last_residence, self.decision_number]
        parts += [self.issuing_agency, self.description]
        return "\n".join(part for part in parts if part)

    def search_date(self):
        from datetime import datetime, time

        return timezone.make_aware(datetime.combine(self.decision_date, time()))


# --- Lịch tiếp công dân --------------------------------------------------------------------


class ReceptionSchedulePage(VietnamesePageMixin, RoutablePageMixin, Page):
    """ "Lịch tiếp công dân": the upcoming sessions, the past ones by month, an .ics export."""

    intro = models.TextField(
        blank=True,
        verbose_name=_("Giới thiệu"),
        help_text=_("Nơi tiếp, giấy tờ cần mang, cách đăng ký trước; hiển thị trên đầu lịch."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("Lịch tiếp công dân")
        verbose_name_plural = _("Lịch tiếp công dân")

    @path("")
    def schedule(self, request):
        from publications import selectors

        context = self.get_context(request)
        context.update(
            upcoming=selectors.reception_upcoming(),
            archive=selectors.reception_archive_by_month(),
        )
        return self.render(request, context_overrides=context)

    @path("ical/", name="ics")
    def ics(self, request):
        from publications import views

        return views.reception_ics(request, page=self)

    def search_text(self) -> str:
        from publications import selectors

        lines = [self.intro]
        lines += [f"{e.leader} {e.leader_title} {e.place} {e.subject}" for e in selectors.reception_upcoming()]
        return "\n".join(line for line in lines if line)


# --- Mô hình phong trào toàn dân bảo vệ ANTQ -----------------------------------------------


class MovementPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """ "Mô hình phong trào toàn dân bảo vệ ANTQ": the published models, counts by status and by
    ward computed from them, a CSV export and the units' proposal form."""

    intro = models.TextField(
        blank=True,
        verbose_name=_("Giới thiệu"),
        help_text=_("Đoạn giới thiệu phong trào, hiển thị trên đầu danh mục."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("Danh mục mô hình phong trào")
        verbose_name_plural = _("Danh mục mô hình phong trào")

    @path("")
    def directory(self, request):
        from publications import selectors

        context = self.get_context(request)
        context.update(models=selectors.movement_published(), counts=selectors.movement_counts())
        return self.render(request, context_overrides=context)

    @path("xuat-csv/", name="csv")
    def csv(self, request):
        from publications import views

        return views.movement_csv(request)

    @path("de-xuat/", name="propose")
    def propose(self, request):
        from publications import views

        return views.movement_propose(request, page=self)

    def search_text(self) -> str:
        from publications import selectors

        return "\n".join([self.intro] + [f"{m.name} {m.unit} {m.ward}" for m in selectors.movement_published()])


# --- Hỏi đáp -------------------------------------------------------------------------------


class QuestionIndexPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """ "Hỏi đáp": the answered questions, and the form to ask one."""

    intro = models.TextField(
        blank=True,
        verbose_name=_("Giới thiệu"),
        help_text=_("Hướng dẫn gửi câu hỏi, thời hạn trả lời; hiển thị trên đầu chuyên mục."),
    )
    PER_PAGE = 20

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Chuyên mục hỏi đáp")
        verbose_name_plural = _("Chuyên mục hỏi đáp")

    @path("")
    def listing(self, request):
        from publications import selectors

        context = self.get_context(request)
        page_obj, prefix = paginate(request, selectors.question_pages(index=self), self.PER_PAGE)
        context.update(questions=page_obj, page_obj=page_obj, page_query_prefix=prefix)
        return self.render(request, context_overrides=context)

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from publications import views

        return views.question_ask(request, page=self)

    def search_text(self) -> str:
        return self.intro


class QuestionPage(VietnamesePageMixin, Page):
    """An answered question, published by `services.question_publish`; never the asker's e-mail."""

    asker = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("Người hỏi"),
        help_text=_("Tên người hỏi hiển thị; để trống nếu ẩn danh."),
    )
    question = models.TextField(verbose_name=_("Câu hỏi"), help_text=_("Nội dung câu hỏi được đăng."))
    answer = models.TextField(verbose_name=_("Câu trả lời"), help_text=_("Câu trả lời của cơ quan Công an."))
    asked_on = models.DateField(verbose_name=_("Ngày hỏi"), help_text=_("Ngày người dân gửi câu hỏi."))
    answered_on = models.DateField(verbose_name=_("Ngày trả lời"), help_text=_("Ngày đăng câu trả lời."))

    content_panels = Page.content_panels + [
        FieldPanel("asker"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("asked_on"), FieldPanel("answered_on")]),
    ]
    search_fields = Page.search_fields + [index.SearchField("question"), index.SearchField("answer")]
    api_fields = [
        APIField("asker"),
        APIField("question"),
        APIField("answer"),
        APIField("asked_on"),
        APIField("answered_on"),
    ]
    parent_page_types = ["publications.QuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Câu hỏi đã trả lời")
        verbose_name_plural = _("Câu hỏi đã trả lời")

    def search_text(self) -> str:
        return f"{self.question}\n{self.answer}"

    def search_date(self):
        from datetime import datetime, time

        return timezone.make_aware(datetime.combine(self.answered_on, time()))
