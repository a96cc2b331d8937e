"""The site search index: one row per public page, kept in step by `search.indexing`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable, public face of one page.

    Why a table of our own instead of Wagtail's search index: the portal must match Vietnamese
    typed without tone marks, rank exactly-toned words, titles and phrases higher, answer in a
    few milliseconds on 35.000 articles and never leak private pages. Wagtail 8's database
    backend folds nothing and crashes on quotes. This row keeps the page's plain text (for
    snippets and for rebuilding the full-text rows), while the full-text structures live next
    to it: an FTS5 table on SQLite, a tsvector table on PostgreSQL (created by migration 0002),
    an index on Elasticsearch. Only pages that are live and not behind a view restriction get a
    row; applications and reports are plain models and are never indexed.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    # Small columns first: SQLite reads a row up to the last column asked for, and ranking
    # reads kind/date/year of thousands of rows; the long texts come last.
    kind = models.CharField(max_length=32, db_index=True, verbose_name=_("Loại nội dung"))
    date = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("Ngày"))
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, verbose_name=_("Năm"))
    category_slugs = models.CharField(max_length=1000, blank=True, verbose_name=_("Mã chuyên mục"))
    categories = models.JSONField(default=list, blank=True, verbose_name=_("Chuyên mục"))
    indexed_at = models.DateTimeField(auto_now=True, verbose_name=_("Lập chỉ mục lúc"))
    url = models.CharField(max_length=1000, blank=True, verbose_name=_("Đường dẫn"))
    title = models.CharField(max_length=255, verbose_name=_("Tiêu đề"))
    lead = models.TextField(blank=True, verbose_name=_("Đoạn mở đầu"))
    body = models.TextField(blank=True, verbose_name=_("Nội dung"))

    class Meta:
        verbose_name = _("Mục chỉ mục tìm kiếm")
        verbose_name_plural = _("Chỉ mục tìm kiếm")

    def __str__(self):
        return self.title


class PendingIndexUpdate(models.Model):
    """A page whose copy in the search engine may be out of date.

    Why: the engine is a second store, written after the page's transaction commits, and it can
    be down or refuse a write. The row is written in the same transaction as the page (so a
    crash right after the commit loses nothing), deleted once the engine took the update, and
    replayed (`search.indexing.replay_pending`: on the next successful write, by `manage.py
    search_replay` and the `replay_search_queue` task) while it stays. It holds no text: a
    replay re-reads the page and indexes it, or removes it when it is no longer live and public.
    """

    page_id = models.PositiveIntegerField(primary_key=True, verbose_name=_("Mã trang"))
    token = models.CharField(max_length=32, verbose_name=_("Mã lần cập nhật"))
    queued_at = models.DateTimeField(db_index=True, verbose_name=_("Xếp hàng lúc"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("Số lần thử"))
    last_error = models.TextField(blank=True, verbose_name=_("Lỗi gần nhất"))

    class Meta:
        verbose_name = _("Cập nhật chỉ mục đang chờ")
        verbose_name_plural = _("Cập nhật chỉ mục đang chờ")

    def __str__(self):
        return f"{self.page_id} ({self.queued_at:%Y-%m-%d %H:%M})"
