"""Load the portal's demo content: home page, settings, pages, articles, images and accounts.

Idempotent by design: every object is looked up by a stable key (slug, username, image title)
before anything is created, so `make run` can call it on every start and a second run creates
nothing. Objects an editor has changed since are left alone, and nothing anybody made is
deleted (see `home.services`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.text import slugify_vi
from home import demo_content as content
from home.demo_images import poster
from home.models import HomePage, LegalDocumentIndexPage, LegalDocumentPage, PortalSettings, StandardPage
from home.services import ensure_portal_structure
from home.services import tree_roots as tree_roots  # tests/utils.py imports it from here
from news.models import NewsCategory, NewsIndexPage, NewsPage


@dataclass
class DemoResult:
    """What the loader found or created; `created` counts new objects by kind (Vietnamese labels),
    `notes` says what was found in the way and left alone."""

    home: HomePage
    news_index: NewsIndexPage
    site: Site
    created: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def load_demo_content() -> DemoResult:
    """Create whatever part of the demo content is missing, in one transaction.

    The structure (home page, site, news section, categories) comes from
    `home.services.ensure_portal_structure`, the same function `import_news` starts from.
    """
    created: Counter = Counter()
    with transaction.atomic():
        structure = ensure_portal_structure(created=created)
        _portal_settings(structure.site, created)
        _articles(structure.news_index, structure.categories, created)
        _standard_pages(structure.home, created)
        _legal_documents(structure.home, created)
        _users(created)
    return DemoResult(
        home=structure.home,
        news_index=structure.news_index,
        site=structure.site,
        created=created,
        notes=structure.notes,
    )


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
