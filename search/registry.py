"""Which page types the site search indexes, and how their text is read.

A page type plugs in with one `register(...)` line (done here for the known types; another app
may call it from its `AppConfig.ready`). Text comes from the page itself when it defines
`search_text()` (plain text of everything worth finding), otherwise from its title, lead field
and StreamField `body`. A page may also define `search_categories()` -> [(slug, name)] and
`search_date()`; otherwise a `categories` relation and `display_date` / `first_published_at`
are used. Backends never see page classes, only `IndexedDocument`s.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cms.text import clean, clean_line

_TAGS = re.compile(r"<[^>]+>")
LEAD_FIELDS = ("sapo", "intro", "summary", "search_description")


@dataclass(frozen=True)
class PageType:
    kind: str
    model_label: str
    label: str | Promise
    recency_boost: bool = False

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None


@dataclass
class IndexedDocument:
    """What a backend stores for one page; built by `document_for`."""

    page_id: int
    kind: str
    title: str
    lead: str
    body: str
    url: str
    date: datetime | None
    categories: list[dict] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def category_slugs(self) -> str:
        return " " + " ".join(c["slug"] for c in self.categories) + " " if self.categories else ""


_REGISTRY: dict[str, PageType] = {}


def register(kind: str, model_label: str, label, *, recency_boost: bool = False) -> None:
    """Index live, public pages of `model_label` under the facet `kind`."""
    _REGISTRY[kind] = PageType(kind=kind, model_label=model_label, label=label, recency_boost=recency_boost)


register("news", "news.NewsPage", _("Tin tức"), recency_boost=True)
register("procedure", "services.ProcedurePage", _("Thủ tục hành chính"))
register("page", "home.StandardPage", _("Trang thông tin"))
register("document", "home.LegalDocumentPage", _("Văn bản pháp luật"))


def page_types() -> list[PageType]:
    """Registered types whose model is installed (ProcedurePage may not exist yet)."""
    return [pt for pt in _REGISTRY.values() if pt.model is not None]


def kinds() -> dict[str, PageType]:
    return {pt.kind: pt for pt in page_types()}


def content_type_kinds() -> dict[int, PageType]:
    """Content type id -> page type, for the types that are installed."""
    types = page_types()
    ctypes = ContentType.objects.get_for_models(*[pt.model for pt in types], for_concrete_models=False)
    by_model = {pt.model: pt for pt in types}
    return {ct.pk: by_model[model] for model, ct in ctypes.items()}


def _stream_text(value, out: list[str]) -> None:
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return
        if "<" in value:
            value = _TAGS.sub(" ", value)
        if "&" in value:
            value = html.unescape(value)
        out.append(value)
    elif isinstance(value, dict):
        if "type" in value and "value" in value:
            if value["type"] != "embed":
                _stream_text(value["value"], out)
        else:
            for key, item in value.items():
                if key not in ("id", "type"):
                    _stream_text(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _stream_text(item, out)


def stream_text(stream) -> str:
    """Plain text of a StreamField value, read from its raw JSON without building blocks."""
    if not stream:
        return ""
    raw = getattr(stream, "raw_data", stream)
    out: list[str] = []
    _stream_text(list(raw), out)
    return clean(" \n".join(part.strip() for part in out if part and part.strip()))


def _lead(page) -> str:
    for name in LEAD_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return clean(value)
    return ""


def _categories(page) -> list[dict]:
    if hasattr(page, "search_categories"):
        return [{"slug": slug, "name": name} for slug, name in page.search_categories()]
    related = getattr(page, "categories", None)
    if related is None or not hasattr(related, "all"):
        return []
    return [{"slug": c.slug, "name": c.name} for c in related.all()]


def _date(page) -> datetime | None:
    if hasattr(page, "search_date"):
        return page.search_date()
    return getattr(page, "display_date", None) or page.first_published_at or page.last_published_at


def document_for(page, page_type: PageType, url: str) -> IndexedDocument:
    """Read one specific page into an `IndexedDocument`."""
    lead = _lead(page)
    if hasattr(page, "search_text"):
        body = clean(page.search_text())
    else:
        body = stream_text(getattr(page, "body", None))
    return IndexedDocument(
        page_id=page.pk,
        kind=page_type.kind,
        title=clean_line(page.title),
        lead=lead,
        body=body,
        url=url,
        date=_date(page),
        categories=_categories(page),
    )
