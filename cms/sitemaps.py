"""Sitemaps split into pages: one 4,6 MB file for the whole imported archive took ~46 s to
render, so /sitemap.xml is an index of sections of PAGE_SIZE pages each, cached."""

from django.urls import path
from django.views.decorators.cache import cache_page
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views

PAGE_SIZE = 2000
CACHE_SECONDS = 60 * 30


class PagedSitemap(Sitemap):
    limit = PAGE_SIZE

    def get_latest_lastmod(self):
        """One aggregate query; Django's default walks every page of the site for the index."""
        from django.db.models import Max

        return self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]


SITEMAPS = {"trang": PagedSitemap}

urlpatterns = [
    path(
        "sitemap.xml",
        cache_page(CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
