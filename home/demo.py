"""Load the portal's demo content: home page, settings, pages, articles, images and accounts.

Idempotent by design: every object is looked up by a stable key (slug, username, image title)
before anything is created, so `make run` can call it on every start and a second run creates
nothing. Objects an editor has changed since are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from cms.text import slugify_vi
from home import demo_content as content
from home.demo_images import poster
from home.models import HomePage, LegalDocumentIndexPage, LegalDocumentPage, PortalSettings, StandardPage
from news.models import NewsCategory, NewsIndexPage, NewsPage


@dataclass
class DemoResult:
    """What the loader found or created; `created` counts new objects by kind (Vietnamese labels)."""

    home: HomePage
    news_index: NewsIndexPage
    site: Site
    created: Counter = field(default_factory=Counter)


def load_demo_content() -> DemoResult:
    """Create whatever part of the demo content is missing, in one transaction."""
    created: Counter = Counter()
    with transaction.atomic():
        home = _home_page(created)
        site = _default_site(home, created)
        _remove_welcome_pages()
        _portal_settings(site, created)
        categories = _categories(created)
        news_index = _news_index(home, created)
        _articles(news_index, categories, created)
        _standard_pages(home, created)
        _legal_documents(home, created)
        _users(created)
    return DemoResult(home=home, news_index=news_index, site=site, created=created)


def _home_page(created: Counter) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = tree_roots()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu", intro=content.HOME_INTRO))
    home.save_revision().publish()
    created["trang chủ"] += 1
    return home


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


def _default_site(home: HomePage, created: Counter) -> Site:
    """The default site answers any host name, so http://127.0.0.1:8000/ serves the home page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=settings.PORT,
            root_page=home,
            is_default_site=True,
            site_name=content.PORTAL_SETTINGS["agency_name"],
        )
        created["site"] += 1
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or content.PORTAL_SETTINGS["agency_name"]
        site.save()
        created["site"] += 1
    return site


def _remove_welcome_pages() -> None:
    """Wagtail's "Welcome to your new Wagtail site!" page: a plain Page no site points at any more."""
    plain_page = ContentType.objects.get_for_model(Page)
    in_use = Site.objects.values_list("root_page_id", flat=True)
    for page in Page.objects.filter(depth=2, content_type=plain_page).exclude(pk__in=list(in_use)):
        page.delete()


def _portal_settings(site: Site, created: Counter) -> PortalSettings:
    portal = PortalSettings.for_site(site)
    changed = False
    for name, value in content.PORTAL_SETTINGS.items():
        if not getattr(portal, name):
            setattr(portal, name, value)
            changed = True
    if changed:
        portal.full_clean()
        portal.save()
        created["thông tin liên hệ"] += 1
    return portal


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
    index = NewsIndexPage.objects.child_of(home).filter(slug="tin-tuc").first()
    if index is not None:
        return index
    index = home.add_child(
        instance=NewsIndexPage(
            title="Tin tức",
            slug="tin-tuc",
            show_in_menus=True,
            intro="Tin hoạt động, cảnh báo tội phạm và hướng dẫn của Công an Thành phố.",
        )
    )
    index.save_revision().publish()
    created["chuyên trang tin"] += 1
    return index


def demo_image(*, title: str, label: str, kind: str, created: Counter):
    """The poster for an article, drawn once and then reused (looked up by its title)."""
    image_model = get_image_model()
    image_title = f"Ảnh minh họa: {title}"[:255]
    image = image_model.objects.filter(title=image_title).first()
    if image is not None:
        return image
    from io import BytesIO

    data = poster(title=title, label=label, kind=kind)
    image = image_model(title=image_title)
    if hasattr(image, "description"):
        image.description = f"Ảnh minh họa có dòng chữ: {title}"[:255]
    image.file = ImageFile(BytesIO(data), name=f"{slugify_vi(title, max_length=80)}.png")
    image.save()
    created["ảnh minh họa"] += 1
    return image


def _articles(index: NewsIndexPage, categories: dict[str, NewsCategory], created: Counter) -> None:
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    # Oldest first, so the tree order matches the datelines.
    for spec in sorted(content.ARTICLES, key=lambda item: -item["days_ago"]):
        slug = slugify_vi(spec["title"])
        if NewsPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        chosen = [categories[key] for key in spec["categories"]]
        dateline = timezone.make_aware(
            datetime.combine(today - timedelta(days=spec["days_ago"]), time(spec["hour"], 0)), tz
        )
        image = demo_image(title=spec["title"], label=chosen[0].name, kind=spec["icon"], created=created)
        page = NewsPage(
            title=spec["title"],
            slug=slug,
            sapo=spec["sapo"],
            display_date=dateline,
            featured_image=image,
            featured_image_caption=f"Ảnh minh họa – {chosen[0].name}",
            body=spec["body"],
            author=spec.get("author", ""),
            first_published_at=dateline,
        )
        index.add_child(instance=page)
        page.categories.set(chosen)
        page.tags.add(*spec.get("tags", []))
        page.save_revision().publish()
        created["bài viết"] += 1


def _standard_pages(home: HomePage, created: Counter) -> None:
    for spec in content.STANDARD_PAGES:
        if StandardPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            continue
        page = home.add_child(
            instance=StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=spec["body"],
                show_in_menus=spec["show_in_menus"],
            )
        )
        page.save_revision().publish()
        created["trang nội dung"] += 1


def _legal_documents(home: HomePage, created: Counter) -> None:
    index = LegalDocumentIndexPage.objects.child_of(home).first()
    if index is None:
        spec = content.LEGAL_DOCUMENT_INDEX
        index = home.add_child(
            instance=LegalDocumentIndexPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
            )
        )
        index.save_revision().publish()
        created["danh mục văn bản"] += 1
    for spec in content.LEGAL_DOCUMENTS:
        if LegalDocumentPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        page = index.add_child(instance=LegalDocumentPage(**spec))
        page.save_revision().publish()
        created["văn bản pháp luật"] += 1


def _users(created: Counter) -> None:
    """Demo accounts: `admin` (superuser), `bientap` and `duyetbai`, one per editorial group.

    The groups' page permissions come from the editorial workflow set-up; here they only get
    access to the admin so the demo accounts can sign in.
    """
    user_model = get_user_model()
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    for username, first_name, last_name, group_name in content.USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            extra = {"first_name": first_name, "last_name": last_name, "email": f"{username}@congan.example.vn"}
            if group_name is None:
                user = user_model.objects.create_superuser(username=username, password=content.DEMO_PASSWORD, **extra)
            else:
                user = user_model.objects.create_user(username=username, password=content.DEMO_PASSWORD, **extra)
            created["tài khoản"] += 1
        if group_name is not None:
            group, group_created = Group.objects.get_or_create(name=group_name)
            if group_created:
                created["nhóm người dùng"] += 1
            if access_admin is not None:
                group.permissions.add(access_admin)
            user.groups.add(group)
