"""What search engines and link previews read about a page: description, canonical address,
Open Graph / Twitter card and schema.org structured data (JSON-LD).

The home floor builds it because it is the only floor that knows every page type; the base
template asks once per response through `{% seo_meta %}` (home/templatetags/seo_tags.py).
Addresses are absolute on the host that served the request, never a configured one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from cms import addresses
from home import selectors

DESCRIPTION_LENGTH = 160
DEFAULT_CARD = "img/og-default.png"
DEFAULT_CARD_SIZE = (1200, 630)
LOGO = "img/icon-512.png"
CARD_RENDITION = "fill-1200x630-c50"

# Fields that hold a page's lead, in the order they are tried after `search_description`.
LEAD_FIELDS = ("sapo", "intro", "summary", "lead")

# JSON inside <script>: "</script>" or "<!--" in an editor's text must not end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str = "website"
    image: str = ""
    image_width: int | None = None
    image_height: int | None = None
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    structured: list[dict] = field(default_factory=list)

    @property
    def json_ld(self) -> str:
        return json.dumps(self.structured, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def _iso(moment) -> str:
    """ISO 8601 in the portal's time zone, as the article's dateline shows it."""
    return timezone.localtime(moment).isoformat() if moment else ""


def _text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def describe(page: Page | None, fallback: str) -> str:
    """The page's `search_description`, else its lead or intro, else `fallback`; ≤ 160 chars."""
    text = ""
    if page is not None:
        text = _text(getattr(page, "search_description", ""))
        for name in LEAD_FIELDS:
            if text:
                break
            text = _text(getattr(page, name, ""))
    return Truncator(text or _text(fallback)).chars(DESCRIPTION_LENGTH)


def canonical_url(request: HttpRequest) -> str:
    """The served address without its query, except the listing page number (`?trang=`); on the
    configured PORTAL_BASE_URL when there is one (cms.addresses)."""
    url = addresses.base_url(request) + request.path
    page_number = request.GET.get("trang", "")
    return f"{url}?trang={page_number}" if page_number.isdigit() and page_number != "1" else url


def _organization(request: HttpRequest, portal, *, full: bool = False) -> dict:
    home = request.build_absolute_uri("/")
    data = {
        "@type": "GovernmentOrganization",
        "@id": home + "#to-chuc",
        "name": portal.agency_name if portal else "Công an Thành phố",
        "url": home,
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO)), "width": 512, "height": 512},
    }
    if full and portal is not None:
        if portal.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": portal.address, "addressCountry": "VN"}
        if portal.hotline:
            data["telephone"] = portal.hotline
        if portal.email:
            data["email"] = portal.email
        data["contactPoint"] = [
            {"@type": "ContactPoint", "telephone": portal.emergency_number or "113", "contactType": "emergency"},
        ]
        if portal.hotline:
            data["contactPoint"].append(
                {"@type": "ContactPoint", "telephone": portal.hotline, "contactType": "customer support"}
            )
        if portal.fanpage_url:
            data["sameAs"] = [portal.fanpage_url]
    return data


def _breadcrumbs(request: HttpRequest, page: Page | None, title: str) -> dict:
    root = selectors.site_root(request)
    trail: list[tuple[str, str]] = []
    if page is not None and root is not None:
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
        trail = [(p.title, request.build_absolute_uri(p.get_url(request) or "/")) for p in ancestors]
        if request.path != page.get_url(request):  # a route below the page (category, form)
            trail.append((title, canonical_url(request)))
    else:
        trail = [(root.title if root else "Trang chủ", request.build_absolute_uri("/"))]
        if request.path != "/":
            trail.append((title, canonical_url(request)))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(trail, 1)
        ],
    }


def _rendition(request: HttpRequest, image) -> tuple[str, int, int]:
    rendition = image.get_rendition(CARD_RENDITION)
    return request.build_absolute_uri(rendition.url), rendition.width, rendition.height


def page_meta(request: HttpRequest, *, page: Page | None, portal, title: str = "", description: str = "") -> PageMeta:
    """Everything `{% seo_meta %}` prints for `page` (None for a view that is not a page)."""
    from home.models import HomePage, LegalDocumentPage
    from news.models import NewsPage
    from services.models import ProcedurePage

    agency = portal.agency_name if portal else "Công an Thành phố"
    title = title or (page.seo_title or page.title if page is not None else agency)
    generic = f"{title} – Cổng thông tin điện tử {agency}: tin tức an ninh trật tự, dịch vụ công, phản ánh, tố giác."
    meta = PageMeta(
        title=title,
        description=_text(description) or describe(page, generic),
        canonical=canonical_url(request),
    )
    image = getattr(page, "featured_image", None) if page is not None else None
    if image is not None:
        meta.image, meta.image_width, meta.image_height = _rendition(request, image)
        meta.image_alt = getattr(page, "featured_image_caption", "") or image.default_alt_text
    else:
        meta.image = request.build_absolute_uri(static(DEFAULT_CARD))
        meta.image_width, meta.image_height = DEFAULT_CARD_SIZE
        meta.image_alt = f"Biểu trưng {agency}"

    organization = _organization(request, portal)
    specific = page.specific if page is not None else None
    if isinstance(specific, HomePage):
        meta.structured.append(_organization(request, portal, full=True))
        meta.structured.append(
            {
                "@type": "WebSite",
                "name": f"Cổng thông tin điện tử {agency}",
                "url": request.build_absolute_uri("/"),
                "inLanguage": "vi",
                "publisher": {"@id": organization["@id"]},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": request.build_absolute_uri("/tim-kiem/") + "?q={search_term_string}",
                    "query-input": "required name=search_term_string",
                },
            }
        )
    elif isinstance(specific, NewsPage) and request.path == specific.get_url(request):
        meta.og_type = "article"
        meta.published = _iso(specific.display_date)
        meta.modified = _iso(specific.last_published_at or specific.display_date)
        author = {"@type": "Person", "name": specific.author} if getattr(specific, "author", "") else organization
        meta.structured.append(
            {
                "@type": "NewsArticle",
                "headline": Truncator(specific.title).chars(110),
                "description": meta.description,
                "datePublished": meta.published,
                "dateModified": meta.modified,
                "image": [meta.image],
                "inLanguage": "vi",
                "mainEntityOfPage": meta.canonical,
                "author": [author],
                "publisher": organization,
            }
        )
    elif isinstance(specific, ProcedurePage):
        service = {
            "@type": "GovernmentService",
            "name": specific.title,
            "description": meta.description,
            "url": request.build_absolute_uri(specific.get_url(request)),
            "provider": organization,
            "areaServed": {"@type": "Country", "name": "Việt Nam"},
            "availableChannel": {
                "@type": "ServiceChannel",
                "serviceUrl": request.build_absolute_uri(specific.get_url(request)),
            },
        }
        if specific.code:
            service["identifier"] = specific.code
        if specific.field:
            service["serviceType"] = specific.field
        if specific.applicants:
            service["audience"] = {"@type": "Audience", "audienceType": _text(specific.applicants)}
        meta.structured.append(service)
    elif isinstance(specific, LegalDocumentPage):
        legislation = {
            "@type": "Legislation",
            "name": specific.title,
            "legislationIdentifier": specific.number,
            "legislationType": specific.get_document_type_display(),
            "legislationDate": specific.issued_on.isoformat(),
            "legislationPassedBy": {"@type": "Organization", "name": specific.issuer},
            "legislationJurisdiction": {"@type": "Country", "name": "Việt Nam"},
            "legislationLegalForce": {
                specific.IN_FORCE: "InForce",
                specific.PARTLY_EXPIRED: "PartiallyInForce",
                specific.EXPIRED: "NotInForce",
            }.get(specific.status, "InForce"),
            "description": meta.description,
            "url": request.build_absolute_uri(specific.get_url(request)),
            "inLanguage": "vi",
        }
        if specific.effective_on:
            legislation["legislationDateVersion"] = specific.effective_on.isoformat()
        meta.structured.append(legislation)
    meta.structured.append(_breadcrumbs(request, page, title))
    meta.structured = [{"@context": "https://schema.org", **item} for item in meta.structured]
    return meta
