"""RSS 2.0 and Atom feeds of a news section or of one category in it.

Readers and aggregators (and the department's own fanpage tools) follow these; each item's
date is the article's dateline (`display_date`), so imported articles keep their original
date, and the description is the lead paragraph (sapo). Only live, public articles appear.
Served by `NewsIndexPage` routes (`rss/`, `atom/`, `chuyen-muc/<slug>/rss/` …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from news import selectors

if TYPE_CHECKING:
    from news.models import NewsCategory, NewsIndexPage, NewsPage

FEED_SIZE = 30


@dataclass
class FeedSource:
    index: NewsIndexPage
    category: NewsCategory | None
    request: object


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, index: NewsIndexPage, category: NewsCategory | None = None):
        self.request = request
        return FeedSource(index=index, category=category, request=request)

    def title(self, obj: FeedSource) -> str:
        if obj.category is not None:
            return f"{obj.index.title} – {obj.category.name}"
        return obj.index.title

    def link(self, obj: FeedSource) -> str:
        if obj.category is not None:
            return obj.index.category_url(obj.category)
        return obj.index.url or "/"

    def description(self, obj: FeedSource) -> str:
        if obj.category is not None and obj.category.description:
            return obj.category.description
        return obj.index.intro or obj.index.title

    def feed_url(self, obj: FeedSource) -> str:
        urls = obj.index.feed_urls(obj.category)
        return urls["atom" if self.feed_type is Atom1Feed else "rss"]

    def items(self, obj: FeedSource):
        return selectors.news_list(index=obj.index, category=obj.category).prefetch_related("categories")[:FEED_SIZE]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.sapo

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(self.request)

    def item_guid(self, item: NewsPage) -> str:
        return self.request.build_absolute_uri(item.get_url(self.request))

    item_guid_is_permalink = True

    def item_pubdate(self, item: NewsPage):
        return timezone.localtime(item.display_date)

    def item_updateddate(self, item: NewsPage):
        return timezone.localtime(max(filter(None, [item.display_date, item.last_published_at])))

    def item_author_name(self, item: NewsPage) -> str | None:
        return item.author or item.source or None

    def item_categories(self, item: NewsPage):
        return [category.name for category in item.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: FeedSource) -> str:
        return self.description(obj)
