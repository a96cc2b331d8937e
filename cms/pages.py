"""What every page of the portal needs on top of Wagtail's Page: ASCII slugs from Vietnamese
titles and NFC-normalized text, whatever the browser or the keyboard sent.

Stock behaviour gets the slug wrong three ways: Django's `slugify` drops `Đ` ("ay-manh-…"),
Wagtail's server side keeps Unicode ("đẩy-mạnh-…") and the admin's JavaScript keeps only the
vowels it has in its maps and turns `đ` into `dj` ("Đẩy mạnh" -> "djy-mnh-…"; the admin now
types our slug, see cms/wagtail_hooks.py, but pages saved before still carry it). A slug equal to one of those renderings of the title (with or without a
"-2" style suffix) is treated as auto-generated and replaced; a slug an editor typed by hand
is kept, only made ASCII.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.utils.text import slugify
from wagtail.fields import StreamField

from cms.addresses import page_root_url
from cms.text import clean, clean_line, slugify_vi

_SUFFIX = re.compile(r"-\d{1,2}$")  # "-2", "-3"… added to make a slug unique; not a year


def paginate(request, items, per_page: int, param: str = "trang") -> tuple[PaginatorPage, str]:
    """The page of `items` that `?trang=` asks for, and the query prefix its links append a page
    number to (the other query parameters, such as filters, kept): "?document_type=luat&trang="."""
    page_obj = Paginator(items, per_page).get_page(request.GET.get(param))
    keep = request.GET.copy()
    keep.pop(param, None)
    query = keep.urlencode()
    return page_obj, f"?{query}&{param}=" if query else f"?{param}="


# Wagtail 8's admin JavaScript (`w-slug` controller, `urlify`, with WAGTAIL_ALLOW_UNICODE_SLUGS off)
# transliterates only the letters of its download maps: for Vietnamese text that is the Latin-1
# vowels (à á â ã è é ê ì í ò ó ô õ ù ú ý), ă (Romanian map) and đ -> dj (Serbian map). Every
# other letter (ả ạ ắ ơ ư ừ ị ố…) is not in any map and is dropped by its `[^-\w\s]` filter:
# "Cảnh báo lừa đảo" -> "cnh-bao-la-djo". Keys and values copied from LATIN_MAP in core.js.
_WAGTAIL_JS_MAP = str.maketrans(
    {
        **dict(zip("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖŐØÙÚÛÜŰÝŸ", "AAAAAACEEEEIIIIDNOOOOOOOUUUUUYY", strict=True)),
        **dict(zip("àáâãäåçèéêëìíîïðñòóôõöőøùúûüűýÿ", "aaaaaaceeeeiiiidnooooooouuuuuyy", strict=True)),
        "Æ": "AE",
        "æ": "ae",
        "Þ": "TH",
        "þ": "th",
        "ß": "ss",
        "Ă": "A",
        "ă": "a",
        "Đ": "Dj",
        "đ": "dj",
    }
)
_JS_DROPPED = re.compile(r"[^-A-Za-z0-9_\s]")
_JS_SEPARATORS = re.compile(r"[-\s]+")


def wagtail_js_slug(title: str) -> str:
    """The slug Wagtail 8's admin fills in while an editor types `title` (its `urlify`), before
    our formatters (cms/static/cms/js/vietnamese-slug.js) were installed in the browser."""
    text = (title or "").strip().translate(_WAGTAIL_JS_MAP).lower()
    text = _JS_SEPARATORS.sub("-", _JS_DROPPED.sub("", text))[:255]
    return text.rstrip("-")


def _js_slug(title: str) -> str:
    """Older renderings of the admin's JavaScript: `đ` becomes `dj`, other marks dropped after
    decomposition (what it produces for NFD input)."""
    text = (title or "").replace("đ", "dj").replace("Đ", "Dj")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return slugify(ascii_text)


def auto_slug_renderings(title: str) -> set[str]:
    """Every slug a stock tool would derive from `title`, ours included."""
    return {
        slugify(title),
        slugify(title, allow_unicode=True),
        _js_slug(title),
        wagtail_js_slug(title),
        wagtail_js_slug(unicodedata.normalize("NFD", title or "")),
        slugify_vi(title),
    } - {""}


def normalize_stream(value):
    """NFC-normalize every string inside StreamField raw data (lists and dicts of blocks)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [normalize_stream(item) for item in value]
    if isinstance(value, dict):
        return {key: normalize_stream(item) for key, item in value.items()}
    return value


def vietnamese_slug(title: str, slug: str | None) -> str:
    """The slug to save for a page titled `title` when the form sent `slug`."""
    slug = (slug or "").strip()
    if not slug:
        return slugify_vi(title)
    base = _SUFFIX.sub("", slug)
    if slug in auto_slug_renderings(title) or base in auto_slug_renderings(title):
        return slugify_vi(title)
    if not slug.isascii():
        return slugify_vi(slug.replace("-", " "))
    return slug


class VietnamesePageMixin:
    """Mix into every page model, before `Page`: `class NewsPage(VietnamesePageMixin, Page)`."""

    def _normalize_vietnamese_text(self) -> None:
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname, None)
            if isinstance(value, str) and value:
                if isinstance(field, models.CharField) and field.name in {"title", "draft_title", "seo_title"}:
                    setattr(self, field.attname, clean_line(value))
                elif isinstance(field, (models.CharField, models.TextField)):
                    setattr(self, field.attname, unicodedata.normalize("NFC", value))
        for field in self._meta.concrete_fields:
            if isinstance(field, StreamField):
                stream = getattr(self, field.attname)
                raw = getattr(stream, "raw_data", None)
                if raw is not None:
                    data = list(raw)
                    normalized = normalize_stream(data)
                    if normalized != data:
                        setattr(self, field.attname, normalized)
        if getattr(self, "search_description", None):
            self.search_description = clean(self.search_description)

    def _fix_slug(self) -> None:
        if not self.title:
            return
        wanted = vietnamese_slug(self.title, self.slug)
        if not wanted or wanted == self.slug:
            return
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        self.slug = self._get_autogenerated_slug(wanted) if parent_is_known else wanted

    def _set_core_field_defaults(self):
        self._normalize_vietnamese_text()
        self._fix_slug()
        super()._set_core_field_defaults()

    def full_clean(self, *args, **kwargs):
        self._normalize_vietnamese_text()
        self._fix_slug()
        super().full_clean(*args, **kwargs)

    def get_url_parts(self, request=None):
        """Absolute links (sitemap, canonical, feeds) use the address the portal is served at
        (cms.addresses), not the Site record's `http://localhost:8000`."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        return site_id, page_root_url(site_id, root_url, request), page_path


def _unique_slug(page_model, page, slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3`… when a sibling already has it (treebeard steps of 4)."""
    siblings = page_model.objects.filter(path__startswith=page.path[:-4], depth=page.depth).exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def repair_page_slugs(apps) -> list[tuple[str, str]]:
    """Give every page whose slug a stock tool derived from its title (Wagtail's admin JavaScript
    above all: "cnh-bao-la-djo-…") the portal's ASCII slug, and keep each old public address as
    a permanent redirect to the page. Works on historical models (`apps` of a data migration)
    as well as on `django.apps.apps`; returns (old path, new path) pairs, site-relative."""
    page_model = apps.get_model("wagtailcore", "Page")
    revision_model = apps.get_model("wagtailcore", "Revision")
    site_model = apps.get_model("wagtailcore", "Site")
    redirect_model = apps.get_model("wagtailredirects", "Redirect")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_type = content_type_model.objects.filter(app_label="wagtailcore", model="page").first()
    sites = [(site, site.root_page.url_path) for site in site_model.objects.select_related("root_page")]
    moved = []
    for page in page_model.objects.filter(depth__gt=1).order_by("path"):
        wanted = vietnamese_slug(page.title, page.slug)
        if not wanted or wanted == page.slug:
            continue
        old_slug = page.slug
        # an ancestor repaired earlier in this loop has moved it
        old_url_path = page_model.objects.values_list("url_path", flat=True).get(pk=page.pk)
        page.slug = _unique_slug(page_model, page, wanted)
        new_url_path = old_url_path[: -len(old_slug) - 1] + page.slug + "/"
        page.url_path = new_url_path
        # queryset updates: the same on historical models and on Page (whose save() has its own ideas)
        page_model.objects.filter(pk=page.pk).update(slug=page.slug, url_path=new_url_path)
        renamed = [(page, old_url_path, new_url_path)]
        for descendant in page_model.objects.filter(path__startswith=page.path, depth__gt=page.depth):
            descendant_old = descendant.url_path
            descendant_new = new_url_path + descendant_old[len(old_url_path) :]
            page_model.objects.filter(pk=descendant.pk).update(url_path=descendant_new)
            renamed.append((descendant, descendant_old, descendant_new))
        if page_type is not None:
            for revision in revision_model.objects.filter(base_content_type=page_type, object_id=str(page.pk)):
                if revision.content.get("slug") == old_slug:
                    content = {**revision.content, "slug": page.slug, "url_path": new_url_path}
                    revision_model.objects.filter(pk=revision.pk).update(content=content)
        for target, before, after in renamed:
            for site, root_path in sites:
                if not before.startswith(root_path) or before == root_path:
                    continue
                old_path = "/" + before[len(root_path) :].rstrip("/")
                redirect_model.objects.update_or_create(
                    old_path=old_path,
                    site=site,
                    defaults={
                        "redirect_page": target,
                        "redirect_link": "",
                        "is_permanent": True,
                        "automatically_created": True,
                    },
                )
                moved.append((old_path, "/" + after[len(root_path) :].rstrip("/")))
    return moved
