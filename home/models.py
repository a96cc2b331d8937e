"""The portal's home page, plain content pages and the department's contact settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.pages import VietnamesePageMixin
from home.blocks import BodyBlock


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
