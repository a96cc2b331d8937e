"""News: the section index, articles and their categories."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.pages import VietnamesePageMixin, paginate
from cms.text import clean, clean_line, slugify_vi


class NewsCategoryForm(WagtailAdminModelForm):
    """Admin form: the slug is free text here, the model turns it into an ASCII slug."""

    slug = forms.CharField(
        required=False,
        max_length=120,
        label=_("Đường dẫn"),
        help_text=_("Chữ không dấu, nối bằng gạch ngang; để trống sẽ tạo từ tên."),
    )


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
    base_form_class = NewsCategoryForm

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Chuyên mục tin")
        verbose_name_plural = _("Chuyên mục tin")

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Before the field validators: a slug typed with tone marks is made ASCII, not refused.
        if self.slug:
            self.slug = slugify_vi(self.slug.replace("-", " "), max_length=self._meta.get_field("slug").max_length)
        super().clean_fields(exclude=exclude)

    def clean(self):
        """NFC text; an ASCII slug from the name when left blank (made unique with -2, -3 …);
        a hand-typed slug is kept (a clash is then reported on the field)."""
        self.name = clean_line(self.name)
        self.description = clean(self.description)
        if self.slug:
            return
        max_length = self._meta.get_field("slug").max_length
        base = slugify_vi(self.name, max_length=max_length - 4)
        if not base:
            raise ValidationError({"name": _("Tên chuyên mục phải có chữ hoặc số.")})
        taken = set(
            NewsCategory.objects.exclude(pk=self.pk).filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, suffix = base, 1
        while slug in taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slug = slug


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, VietnamesePageMixin, Page):
    """A news section: lists its articles, filters by category and month, publishes feeds.

    Routes below the section's URL: `chuyen-muc/<slug>/` (a category's own listing),
    `thang/<yyyy>/<mm>/` (one month), `rss/`, `atom/` and `chuyen-muc/<slug>/rss|atom/`.
    The plain listing also accepts `?chuyen-muc=<slug>`, `?thang=2019-07`, `?tu-khoa=<tag>` and
    `?trang=<n>`.
    """

    PER_PAGE = 20
    PAGE_PARAM = "trang"

    intro = models.TextField(blank=True, verbose_name=_("Giới thiệu"), help_text=_("Đoạn giới thiệu chuyên trang."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "news.NewsIndexPage"]
    subpage_types = ["news.NewsPage", "news.NewsIndexPage"]

    class Meta:
        verbose_name = _("Chuyên trang tin tức")
        verbose_name_plural = _("Chuyên trang tin tức")

    # URLs of the section's own routes (relative to the site, like `page.url`).
    def _route_url(self, name: str, **kwargs) -> str:
        return (self.url or "/") + self.reverse_subpage(name, kwargs=kwargs)

    def category_url(self, category: NewsCategory) -> str:
        return self._route_url("category", slug=category.slug)

    def month_url(self, month: date) -> str:
        return self._route_url("month", year=month.year, month=f"{month.month:02d}")

    def feed_urls(self, category: NewsCategory | None = None) -> dict[str, str]:
        if category is None:
            return {"rss": self._route_url("rss"), "atom": self._route_url("atom")}
        return {
            "rss": self._route_url("category_rss", slug=category.slug),
            "atom": self._route_url("category_atom", slug=category.slug),
        }

    def _category_or_404(self, slug: str) -> NewsCategory:
        from news.selectors import category_by_slug

        category = category_by_slug(slug)
        if category is None:
            raise Http404(_("Không có chuyên mục này."))
        return category

    def listing_context(
        self,
        request,
        *,
        category: NewsCategory | None = None,
        month: date | None = None,
        tag: str | None = None,
    ) -> dict:
        """Everything the listing template needs for one filtered, paginated view."""
        from news import selectors

        articles = selectors.news_list(index=self, category=category, month=month, tag=tag).select_related(
            "featured_image"
        )
        page_obj, page_query_prefix = paginate(request, articles, self.PER_PAGE, self.PAGE_PARAM)
        categories = selectors.categories_with_counts(index=self)
        for item in categories:
            item.listing_url = self.category_url(item)
        months = [
            {"value": m, "url": self.month_url(m), "key": m.strftime("%Y-%m")}
            for m in selectors.news_months(index=self)
        ]
        return {
            "articles": page_obj,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "page_query_prefix": page_query_prefix,
            "current_category": category,
            "current_month": month,
            "current_tag": tag,
            "categories": categories,
            "months": months,
            "feed_urls": self.feed_urls(category),
            "is_filtered": bool(category or month or tag),
        }

    def _render_listing(self, request, **filters):
        return self.render(request, context_overrides=self.listing_context(request, **filters))

    @path("")
    def index_route(self, request, *args, **kwargs):
        from news.selectors import category_by_slug, parse_month

        category_slug = request.GET.get("chuyen-muc")
        category = category_by_slug(category_slug)
        if category_slug and category is None:
            raise Http404(_("Không có chuyên mục này."))
        return self._render_listing(
            request,
            category=category,
            month=parse_month(request.GET.get("thang")),
            tag=clean_line(request.GET.get("tu-khoa")) or None,
        )

    @path("chuyen-muc/<slug:slug>/", name="category")
    def category_route(self, request, slug: str):
        from news.selectors import parse_month

        return self._render_listing(
            request, category=self._category_or_404(slug), month=parse_month(request.GET.get("thang"))
        )

    @path("thang/<int:year>/<str:month>/", name="month")
    def month_route(self, request, year: int, month: str):
        from news.selectors import category_by_slug, parse_month

        value = parse_month(f"{year:04d}-{month}") if month.isdigit() and len(month) <= 2 else None
        if value is None:
            raise Http404(_("Tháng không hợp lệ."))
        return self._render_listing(request, month=value, category=category_by_slug(request.GET.get("chuyen-muc")))

    @path("rss/", name="rss")
    def rss_route(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)

    @path("chuyen-muc/<slug:slug>/rss/", name="category_rss")
    def category_rss_route(self, request, slug: str):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self, category=self._category_or_404(slug))

    @path("chuyen-muc/<slug:slug>/atom/", name="category_atom")
    def category_atom_route(self, request, slug: str):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self, category=self._category_or_404(slug))

    def get_sitemap_urls(self, request=None):
        """The section itself plus each category listing that has articles."""
        from news.selectors import categories_with_counts

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            for category in categories_with_counts(index=self):
                urls.append({"location": base + self.reverse_subpage("category", kwargs={"slug": category.slug})})
        return urls


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

    @property
    def news_index(self) -> NewsIndexPage | None:
        parent = self.get_parent()
        return parent.specific if parent is not None and parent.specific_class is NewsIndexPage else None

    def get_context(self, request, *args, **kwargs):
        from news.selectors import related_news

        context = super().get_context(request, *args, **kwargs)
        news_index = self.news_index
        categories = list(self.categories.all())
        if news_index is not None:
            for category in categories:
                category.listing_url = news_index.category_url(category)
        context.update(
            {
                "news_index": news_index,
                "article_categories": categories,
                "article_tags": list(self.tags.all()),
                "related": related_news(self, 4),
                "feed_urls": news_index.feed_urls() if news_index is not None else {},
                "canonical_url": self.get_full_url(request),
                "print_view": request.GET.get("print") == "1",
            }
        )
        return context

    def get_sitemap_urls(self, request=None):
        """An article's lastmod is its dateline (imports keep the original date)."""
        return [{"location": self.get_full_url(request), "lastmod": self.display_date}]
