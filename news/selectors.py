"""Reads of the news section: what the public sees (live, public articles, newest first).

Views, `Page.get_context`, feeds and template tags call these functions; nothing else in the
project should build NewsPage querysets for public display, so "what is visible" is decided in
one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

if TYPE_CHECKING:
    from news.models import NewsCategory, NewsIndexPage, NewsPage

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def public_news(*, index: NewsIndexPage | None = None) -> QuerySet[NewsPage]:
    """Every live article visitors may read (no view restriction), newest `display_date` first.

    With `index`, only the articles below that section (sub-sections included). The body is
    deferred: listings never show it, and sorting tens of thousands of rows with their bodies
    attached is what makes a listing slow.
    """
    queryset = apps.get_model("news", "NewsPage").objects.live().public().defer_streamfields()
    if index is not None:
        queryset = queryset.descendant_of(index)
    return queryset.order_by("-display_date", "-pk")


def parse_month(value: str | None) -> date | None:
    """`"2019-07"` -> `date(2019, 7, 1)`; anything else (empty, "2019-13", "abc") -> None."""
    match = _MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2100):  # 9999-12 would overflow the month's end
        return None
    return date(year, month, 1)


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    """Start and end (exclusive) of a calendar month in the portal's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(month.replace(day=1), time.min)
    following = (start + timedelta(days=32)).replace(day=1)
    return timezone.make_aware(start, tz), timezone.make_aware(following, tz)


def news_list(
    *,
    index: NewsIndexPage | None = None,
    category: NewsCategory | None = None,
    month: date | None = None,
    tag: str | None = None,
) -> QuerySet[NewsPage]:
    """The articles of a listing: optionally one section, one category, one month, one tag."""
    queryset = public_news(index=index)
    if category is not None:
        queryset = queryset.filter(categories=category)
    if month is not None:
        start, end = _month_bounds(month)
        queryset = queryset.filter(display_date__gte=start, display_date__lt=end)
    if tag:
        queryset = queryset.filter(tags__slug=tag)
    if category is not None or tag:
        queryset = queryset.distinct()
    return queryset


def latest_news(*, limit: int = 6, exclude_ids: Iterable[int] = ()) -> list[NewsPage]:
    """The newest live articles of the whole portal, for the home page and sidebars.

    `exclude_ids` leaves out articles already shown elsewhere on the page (the featured one).
    Returns specific NewsPage objects with their featured image loaded.
    """
    queryset = public_news().select_related("featured_image")
    exclude_ids = [pk for pk in exclude_ids if pk]
    if exclude_ids:
        queryset = queryset.exclude(pk__in=exclude_ids)
    return list(queryset[: max(limit, 0)])


def featured_news(*, page: NewsPage | None = None) -> NewsPage | None:
    """The article to show large: `page` (an editor's pick) when it is live and public,
    otherwise the newest article; None when the portal has no article yet."""
    if page is not None:
        chosen = public_news().select_related("featured_image").filter(pk=page.pk).first()
        if chosen is not None:
            return chosen
    return public_news().select_related("featured_image").first()


def related_news(page: NewsPage, limit: int = 4) -> list[NewsPage]:
    """Articles to read next: the editor's explicit picks first, then the newest articles
    sharing a category with `page`, then (if still short) the newest of the same section."""
    chosen: list[NewsPage] = []
    seen = {page.pk} if page.pk else set()
    visible = public_news().select_related("featured_image")  # the cards show the photo

    def take(queryset: QuerySet[NewsPage]) -> None:
        for item in queryset.exclude(pk__in=seen)[: limit - len(chosen)]:
            chosen.append(item)
            seen.add(item.pk)

    # In a preview the relations are modelcluster's in-memory querysets: read them as lists.
    picked_ids = [item.pk for item in page.related_pages.all() if item.pk]
    if picked_ids:
        by_id = {item.pk: item for item in visible.filter(pk__in=picked_ids)}
        for pk in picked_ids:
            if pk in by_id and pk not in seen and len(chosen) < limit:
                chosen.append(by_id[pk])
                seen.add(pk)
    category_ids = [category.pk for category in page.categories.all() if category.pk]
    if len(chosen) < limit and category_ids:
        take(visible.filter(categories__in=category_ids).distinct())
    if len(chosen) < limit and page.depth and page.depth > 1:
        parent = page.get_parent()
        if parent is not None:
            # descendant_of, not child_of: SQLite sorts the whole section for `depth = n`.
            take(visible.descendant_of(parent))
    return chosen


def categories_with_counts(*, index: NewsIndexPage | None = None) -> list[NewsCategory]:
    """Categories that have at least one visible article (in `index` when given), each with
    `num_articles`, in the editors' order."""
    article_ids = public_news(index=index).order_by().values("pk")
    return list(
        apps.get_model("news", "NewsCategory")
        .objects.annotate(num_articles=Count("pages", filter=Q(pages__in=article_ids), distinct=True))
        .filter(num_articles__gt=0)
        .order_by("sort_order", "name")
    )


def category_by_slug(slug: str | None) -> NewsCategory | None:
    if not slug:
        return None
    return apps.get_model("news", "NewsCategory").objects.filter(slug=slug).first()


def news_months(*, index: NewsIndexPage | None = None, limit: int = 24) -> list[date]:
    """The most recent months that have articles (first day of each month, in the portal's
    time zone), newest first, for the month filter.

    A skip scan: one indexed "newest article before this month" lookup per month found, instead
    of truncating every article's date (seconds on a 35.000-article SQLite database).
    """
    articles = public_news(index=index)
    months: list[date] = []
    boundary = None
    while len(months) < limit:
        queryset = articles if boundary is None else articles.filter(display_date__lt=boundary)
        newest = queryset.values_list("display_date", flat=True).first()
        if newest is None:
            break
        local = timezone.localtime(newest)
        month = date(local.year, local.month, 1)
        months.append(month)
        boundary = _month_bounds(month)[0]
    return months
