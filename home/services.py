"""The portal's page structure, ensured by every command that needs it, and the one command
that may delete Wagtail's welcome page.

`load_initial_data` and `import_news` both start from `ensure_portal_structure`, so whichever
runs first on an empty database builds the same tree (HomePage as the default site's root, the
news section, its categories) and the other finds it. Nothing here deletes a page somebody
made: Wagtail's welcome page goes only while it is exactly what Wagtail's migration created;
anything else is left in place and reported (see `remove_welcome_pages` for the explicit way).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Revision, Site

from cms.text import format_number
from home import demo_content as content
from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage

# What Wagtail's initial migration (wagtailcore 0002_initial_data) creates at depth 2.
WELCOME_TITLE = "Welcome to your new Wagtail site!"
WELCOME_SLUG = "home"

NEWS_INDEX_TITLE = "Tin tức"
NEWS_INDEX_SLUG = "tin-tuc"
NEWS_INDEX_INTRO = "Tin hoạt động, cảnh báo tội phạm và hướng dẫn của Công an Thành phố."


@dataclass
class PortalStructure:
    """The pages every part of the portal hangs from; `notes` says (in Vietnamese) what was
    found in the way and left alone, `created` counts new objects by kind."""

    home: HomePage
    site: Site
    news_index: NewsIndexPage
    categories: dict[str, NewsCategory]
    created: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def ensure_portal_structure(*, created: Counter | None = None) -> PortalStructure:
    """Create whatever is missing of: the tree roots, the HomePage, the default site pointing at
    it, the news categories and the "Tin tức" section. Existing objects are used as they are.

    Wagtail's welcome page is deleted only when untouched (`welcome_page_changes` finds nothing); any other
    page the default site pointed at stays where it is and a note says why.
    """
    created = Counter() if created is None else created
    notes: list[str] = []
    with transaction.atomic():
        tree_roots()
        home = _home_page(created)
        site, previous_root = _default_site(home, created)
        notes += _tidy_welcome_pages(previous_root)
        categories = _categories(created)
        news_index = _news_index(home, created)
    return PortalStructure(
        home=home, site=site, news_index=news_index, categories=categories, created=created, notes=notes
    )


def tree_roots() -> Page:
    """The page and collection roots Wagtail's migrations create (gone after a `flush`)."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        from wagtail.coreutils import get_supported_content_language_variant

        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale = Locale.objects.first() or Locale.objects.create(language_code=language)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def _home_page(created: Counter) -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    home = tree_roots().add_child(instance=HomePage(title="Trang chủ", slug="trang-chu", intro=content.HOME_INTRO))
    home.save_revision().publish()
    created["trang chủ"] += 1
    return home


def _default_site(home: HomePage, created: Counter) -> tuple[Site, Page | None]:
    """The default site answers any host name, so http://127.0.0.1:8000/ serves the home page.

    Returns the site and the page it pointed at before, when that changed.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=settings.PORT,
            root_page=home,
            is_default_site=True,
            site_name=content.PORTAL_SETTINGS["agency_name"],
        )
        created["site"] += 1
        return site, None
    if site.root_page_id == home.pk:
        return site, None
    previous = site.root_page
    site.root_page = home
    site.site_name = site.site_name or content.PORTAL_SETTINGS["agency_name"]
    site.save()
    created["site"] += 1
    return site, previous


def _categories(created: Counter) -> dict[str, NewsCategory]:
    categories = {}
    for order, (slug, name, description) in enumerate(content.CATEGORIES):
        category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            category = NewsCategory(slug=slug, name=name, description=description, sort_order=order)
            category.full_clean()
            category.save()
            created["chuyên mục"] += 1
        categories[slug] = category
    return categories


def _news_index(home: HomePage, created: Counter) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).filter(slug=NEWS_INDEX_SLUG).first()
    if index is not None:
        return index
    index = home.add_child(
        instance=NewsIndexPage(title=NEWS_INDEX_TITLE, slug=NEWS_INDEX_SLUG, show_in_menus=True, intro=NEWS_INDEX_INTRO)
    )
    index.save_revision().publish()
    created["chuyên trang tin"] += 1
    return index


# -- Wagtail's welcome page ------------------------------------------------------------------------


def stray_root_pages() -> list[Page]:
    """Plain `Page`s directly under the root that no site points at: Wagtail's welcome page
    once the default site serves the HomePage (and whatever was put under it)."""
    plain_page = ContentType.objects.get_for_model(Page)
    in_use = list(Site.objects.values_list("root_page_id", flat=True))
    return list(Page.objects.filter(depth=2, content_type=plain_page).exclude(pk__in=in_use).order_by("path"))


def welcome_page_changes(page: Page) -> list[str]:
    """Why `page` is not the untouched welcome page, in Vietnamese; empty when it is."""
    reasons = []
    if page.content_type_id != ContentType.objects.get_for_model(Page).pk or page.depth != 2:
        reasons.append("không phải trang chào mừng mặc định của Wagtail")
    descendants = Page.objects.descendant_of(page).count()
    if descendants or page.numchild:
        reasons.append(f"có {format_number(descendants)} trang bên dưới")
    if page.title != WELCOME_TITLE or page.slug != WELCOME_SLUG:
        reasons.append("tiêu đề hoặc đường dẫn đã được đổi")
    revisions = Revision.objects.for_instance(page).count()
    if revisions > 1:
        reasons.append(f"đã được sửa ({format_number(revisions)} phiên bản)")
    if Page.objects.filter(alias_of=page).exists():
        reasons.append("có trang bí danh trỏ tới")
    if Site.objects.filter(root_page=page).exists():
        reasons.append("đang là trang gốc của một site")
    return reasons


def _tidy_welcome_pages(previous_root: Page | None) -> list[str]:
    """Delete the untouched welcome page; describe every other stray root page and leave it."""
    notes = []
    for page in stray_root_pages():
        reasons = welcome_page_changes(page)
        if not reasons:
            page.delete()
            continue
        notes.append(_kept_note(page, reasons))
    if previous_root is not None and Page.objects.filter(pk=previous_root.pk).exists():
        plain_page = ContentType.objects.get_for_model(Page)
        if previous_root.content_type_id != plain_page.pk:  # plain pages were described above
            notes.append(_kept_note(previous_root, welcome_page_changes(previous_root)))
    return notes


def _kept_note(page: Page, reasons: list[str]) -> str:
    note = (
        f"Giữ lại trang “{page.title}” (id {page.pk}, {page.url_path}) vì {', '.join(reasons)}. "
        "Site mặc định nay trỏ tới Trang chủ, nên trang này không còn địa chỉ công khai"
    )
    if Page.objects.descendant_of(page).exists():
        note += "; hãy chuyển các trang bên dưới sang Trang chủ trong trang quản trị (Di chuyển)"
    return note + ". Xem hoặc xoá hẳn: manage.py remove_welcome_page [--yes]."


@dataclass
class RemovalCandidate:
    """A stray root page `remove_welcome_pages` would delete, with what goes along with it."""

    page: Page
    descendants: int
    reasons: list[str]


def welcome_page_candidates(*, page_id: int | None = None) -> list[RemovalCandidate]:
    pages = stray_root_pages()
    if page_id is not None:
        pages = [page for page in pages if page.pk == page_id]
    return [
        RemovalCandidate(
            page=page, descendants=Page.objects.descendant_of(page).count(), reasons=welcome_page_changes(page)
        )
        for page in pages
    ]


@transaction.atomic
def remove_welcome_pages(*, page_id: int | None = None) -> list[RemovalCandidate]:
    """Delete the stray root pages (and everything under them); only `manage.py
    remove_welcome_page --yes` calls this. Returns what was deleted."""
    candidates = welcome_page_candidates(page_id=page_id)
    for candidate in candidates:
        candidate.page.delete()
    return candidates
