"""News: the section index, articles and their categories."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.pages import VietnamesePageMixin
from home.blocks import BodyBlock


class NewsCategory(models.Model):
    """A news topic ("An ninh trật tự", "Cảnh báo tội phạm") editors file articles under."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("Tên chuyên mục"))
    slug = models.SlugField(
        max_length=120,
        unique=True,
        allow_unicode=False,
        verbose_name=_("Đường dẫn"),
        help_text=_("Chữ không dấu, nối bằng gạch ngang; để trống sẽ tạo từ tên."),
        blank=True,
    )
    description = models.TextField(blank=True, verbose_name=_("Mô tả"), help_text=_("Giới thiệu ngắn về chuyên mục."))
    sort_order = models.PositiveIntegerField(default=0, verbose_name=_("Thứ tự"))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Chuyên mục tin")
        verbose_name_plural = _("Chuyên mục tin")

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(VietnamesePageMixin, Page):
    """A news section: lists its articles, filters by category and month, publishes feeds."""

    intro = models.TextField(blank=True, verbose_name=_("Giới thiệu"), help_text=_("Đoạn giới thiệu chuyên trang."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage", "news.NewsIndexPage"]
    subpage_types = ["news.NewsPage", "news.NewsIndexPage"]

    class Meta:
        verbose_name = _("Chuyên trang tin tức")
        verbose_name_plural = _("Chuyên trang tin tức")


class NewsPage(VietnamesePageMixin, Page):
    """One article: dateline, lead paragraph, photo, body, categories and tags."""

    display_date = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        verbose_name=_("Thời gian đăng"),
        help_text=_("Ngày giờ hiển thị trên bài, dạng 20:23 16/07/2019. Bài chuyển từ website cũ giữ ngày gốc."),
    )
    sapo = models.TextField(
        blank=True,
        verbose_name=_("Sapo (đoạn mở đầu)"),
        help_text=_("Đoạn tóm tắt in đậm dưới tiêu đề, thường bắt đầu bằng tên cơ quan, ví dụ “HNP - ”."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Ảnh đại diện"),
        help_text=_("Ảnh lớn đầu bài, cũng dùng khi chia sẻ lên mạng xã hội."),
    )
    featured_image_caption = models.CharField(
        max_length=255, blank=True, verbose_name=_("Chú thích ảnh đại diện"), help_text=_("Mô tả nội dung ảnh.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Nội dung"))
    categories = ParentalManyToManyField(
        "news.NewsCategory", blank=True, related_name="pages", verbose_name=_("Chuyên mục")
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("Từ khóa"))
    author = models.CharField(
        max_length=255, blank=True, verbose_name=_("Tác giả"), help_text=_("Tên phóng viên hoặc nhóm tác giả.")
    )
    source = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Nguồn"),
        help_text=_("Nguồn tin khi bài lấy từ cơ quan báo chí khác."),
    )
    related_pages = ParentalManyToManyField(
        "news.NewsPage", blank=True, verbose_name=_("Bài liên quan"), help_text=_("Để trống sẽ gợi ý theo chuyên mục.")
    )
    # Import keys: a re-run of the importer updates the article instead of duplicating it.
    source_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True, editable=False, verbose_name=_("Mã nguồn nhập")
    )
    legacy_url = models.CharField(
        max_length=500, blank=True, db_index=True, editable=False, verbose_name=_("Địa chỉ trên website cũ")
    )

    content_panels = Page.content_panels + [
        FieldPanel("display_date"),
        FieldPanel("sapo"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_caption")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("tags"), FieldPanel("author"), FieldPanel("source")],
            heading=_("Phân loại và nguồn"),
        ),
        FieldPanel("related_pages"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("sapo"),
        index.SearchField("body"),
        index.FilterField("display_date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Bài viết")
        verbose_name_plural = _("Bài viết")
