"""Reads for the home page and the site chrome (navigation, service tiles).

The news section owns "which articles are public"; this module only asks it
(`news.selectors`) and adds what the front page needs around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from news.models import NewsIndexPage, NewsPage


@dataclass(frozen=True)
class ServiceLink:
    """A tile on the home page pointing at one of the citizens' services."""

    title: str
    url: str
    description: str
    icon: str


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    current: bool


SERVICE_LINKS = (
    ServiceLink(
        _("Dịch vụ công trực tuyến"),
        "/dich-vu-cong/",
        _("Nộp hồ sơ cư trú, căn cước, giấy phép và các thủ tục khác qua mạng."),
        "service",
    ),
    ServiceLink(
        _("Tra cứu hồ sơ"),
        "/tra-cuu-ho-so/",
        _("Xem tình trạng giải quyết hồ sơ bằng mã hồ sơ được cấp khi nộp."),
        "tracking",
    ),
    ServiceLink(
        _("Phản ánh, tố giác tội phạm"),
        "/phan-anh-to-giac/",
        _("Gửi tin báo về tội phạm, vi phạm trật tự; có thể không cần nêu tên."),
        "report",
    ),
    ServiceLink(
        _("Tìm kiếm thông tin"),
        "/tim-kiem/",
        _("Tìm tin bài, thủ tục và văn bản trên cổng thông tin, gõ có dấu hay không dấu."),
        "search",
    ),
)


# What citizens come for, first on the home page's first screen (the phone numbers come from
# the contact settings and are added by the template).
TOP_TASKS = (
    ServiceLink(_("Tố giác, phản ánh"), "/phan-anh-to-giac/", _("Báo tin về tội phạm, có thể ẩn danh"), "report"),
    ServiceLink(_("Dịch vụ công"), "/dich-vu-cong/", _("Nộp hồ sơ trực tuyến"), "service"),
    ServiceLink(_("Tra cứu hồ sơ"), "/tra-cuu-ho-so/", _("Bằng mã hồ sơ"), "tracking"),
    ServiceLink(_("Theo dõi tố giác"), "/phan-anh-to-giac/theo-doi/", _("Bằng mã và mã PIN"), "follow-up"),
)
# The news category whose newest article is the home page's crime warning ("Cảnh báo tội phạm").
WARNING_CATEGORY_SLUG_PREFIX = "canh-bao"


def latest_warning() -> NewsPage | None:
    """The newest public article of a "Cảnh báo …" category, for the home page's first screen."""
    from news import selectors as news_selectors

    categories = apps.get_model("news", "NewsCategory").objects.filter(slug__startswith=WARNING_CATEGORY_SLUG_PREFIX)
    return news_selectors.public_news().filter(categories__in=categories).distinct().first()


def featured_and_latest(*, chosen: NewsPage | None, limit: int = 6) -> tuple[NewsPage | None, list[NewsPage]]:
    """The article shown large (the editor's pick if live, else the newest) and the next `limit`."""
    from news import selectors as news_selectors

    featured = news_selectors.featured_news(page=chosen)
    latest = news_selectors.latest_news(limit=limit, exclude_ids=[featured.pk] if featured else [])
    return featured, latest


def news_index_under(page: Page) -> NewsIndexPage | None:
    """The first live news section below `page` (the "Tin tức" link of the home page)."""
    return NewsIndexPage.objects.live().descendant_of(page).order_by("path").first()


def site_root(request: HttpRequest | None) -> Page | None:
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def main_navigation(request: HttpRequest | None) -> list[NavItem]:
    """Header menu: home, the news sections shown in menus, the services, the other menu pages."""
    path = request.path if request is not None else ""
    root = site_root(request)
    items: list[NavItem] = []
    menu_pages: list[Page] = []
    if root is not None:
        items.append(NavItem(str(_("Trang chủ")), root.get_url(request) or "/", path == (root.get_url(request) or "/")))
        menu_pages = list(root.get_children().live().in_menu().public().specific())

    def add(title: str, url: str) -> None:
        items.append(NavItem(title, url, bool(url) and url != "/" and path.startswith(url)))

    for page in menu_pages:
        if isinstance(page, NewsIndexPage):
            add(page.title, page.get_url(request))
    for link in SERVICE_LINKS[:3]:
        add(str(link.title), link.url)
    for page in menu_pages:
        if not isinstance(page, NewsIndexPage):
            add(page.title, page.get_url(request))
    return items


def footer_pages(request: HttpRequest | None) -> list[Page]:
    """Every live, public page directly below the site root (about, contact, data policy…)."""
    root = site_root(request)
    if root is None:
        return []
    return list(root.get_children().live().public().type(apps.get_model("home", "StandardPage")).specific())


# The status filter's extra value: in force, but the effective date is still ahead.
NOT_YET_IN_FORCE = "chua-co-hieu-luc"


def legal_document_list(*, index: Page, document_type: str = "", year: int | None = None, status: str = ""):
    """Public documents under `index`, newest issue date first, filtered by type, year and status.

    `status` is the status shown to citizens: "chua-co-hieu-luc" selects in-force documents
    whose effective date is still ahead, "con-hieu-luc" those already in force.
    """
    from django.db.models import Q
    from django.utils import timezone

    document_model = apps.get_model("home", "LegalDocumentPage")
    documents = document_model.objects.live().public().child_of(index)
    if document_type:
        documents = documents.filter(document_type=document_type)
    if year:
        documents = documents.filter(issued_on__year=year)
    today = timezone.localdate()
    not_yet = Q(status=document_model.IN_FORCE, effective_on__gt=today)
    if status == NOT_YET_IN_FORCE:
        documents = documents.filter(not_yet)
    elif status == document_model.IN_FORCE:
        documents = documents.filter(status=status).exclude(not_yet)
    elif status:
        documents = documents.filter(status=status)
    return documents.order_by("-issued_on", "-pk")


def legal_document_status_choices() -> list[tuple[str, str]]:
    """The status filter's choices: in force, not yet in force, then the other statuses."""
    document_model = apps.get_model("home", "LegalDocumentPage")
    return [
        (document_model.IN_FORCE, _("Còn hiệu lực")),
        (NOT_YET_IN_FORCE, _("Chưa có hiệu lực")),
        *document_model.STATUSES[1:],
    ]


def legal_document_years(*, index: Page) -> list[int]:
    """Years in which the documents under `index` were issued, newest first (the year filter)."""
    dates = (
        apps.get_model("home", "LegalDocumentPage")
        .objects.live()
        .public()
        .child_of(index)
        .dates("issued_on", "year", order="DESC")
    )
    return [d.year for d in dates]
