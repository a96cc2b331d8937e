"""Builders shared by the tests: a site with a home page, a news section, articles."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage


def make_home() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    from home.demo import tree_roots

    root = tree_roots()  # recreated when a transactional test flushed Wagtail's initial data
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Công an Thành phố"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


def make_news_index(home: HomePage | None = None, title: str = "Tin tức", slug: str = "tin-tuc") -> NewsIndexPage:
    home = home or make_home()
    existing = NewsIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return home.add_child(instance=NewsIndexPage(title=title, slug=slug))


def make_category(name: str = "An ninh trật tự", slug: str = "an-ninh-trat-tu") -> NewsCategory:
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_article(
    index: NewsIndexPage | None = None,
    title: str = "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
    sapo: str = "Công an Thành phố triển khai nhiều giải pháp.",
    display_date: datetime | None = None,
    body: list | None = None,
    categories: list[NewsCategory] | None = None,
    publish: bool = True,
    **fields,
) -> NewsPage:
    index = index or make_news_index()
    page = NewsPage(
        title=title,
        sapo=sapo,
        display_date=display_date or timezone.now(),
        body=body or [{"type": "paragraph", "value": "<p>Nội dung bài viết.</p>"}],
        **fields,
    )
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


# --- online services (services/) ---------------------------------------------------------


def make_procedure_index(home=None):
    from services.models import ProcedureIndexPage

    home = home or make_home()
    existing = ProcedureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return home.add_child(instance=ProcedureIndexPage(title="Dịch vụ công", slug="dich-vu-cong"))


def make_procedure(index=None, code: str = "1.004222", title: str = "Đăng ký tạm trú", **overrides):
    """A published procedure with a small online form (CCCD, birth date, place, choice) and two components."""
    from services.models import FieldType, Level, ProcedureComponent, ProcedureFormField, ProcedurePage

    index = index or make_procedure_index()
    fields = overrides.pop("form_fields", None) or [
        ProcedureFormField(label="Số căn cước", name="so_dinh_danh", field_type=FieldType.CCCD),
        ProcedureFormField(label="Ngày sinh", name="ngay_sinh", field_type=FieldType.DATE, date_rule="past"),
        ProcedureFormField(label="Nơi tạm trú", name="noi_tam_tru", field_type=FieldType.PLACE),
        ProcedureFormField(label="Địa chỉ cụ thể", name="dia_chi", field_type=FieldType.TEXT),
        ProcedureFormField(
            label="Quan hệ với chủ hộ", name="quan_he", field_type=FieldType.CHOICE, choices="Con\nNgười thuê nhà"
        ),
    ]
    components = overrides.pop("components", None) or [
        ProcedureComponent(name="Tờ khai CT01", required=True),
        ProcedureComponent(name="Giấy tờ chứng minh chỗ ở hợp pháp", required=False),
    ]
    page = ProcedurePage(
        title=title,
        code=code,
        field=overrides.pop("field", "Đăng ký, quản lý cư trú"),
        level=overrides.pop("level", Level.FULL),
        agency=overrides.pop("agency", "Công an cấp xã"),
        processing_days=overrides.pop("processing_days", 3),
        data_purpose="Giải quyết thủ tục cư trú.",
        **overrides,
    )
    page.form_fields = fields
    page.components = components
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_officer(username: str = "canbo", password: str = "CongAn@2026"):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Cán bộ tiếp nhận hồ sơ")
    for codename in ("access_admin", "process_application", "view_application", "change_application"):
        group.permissions.add(Permission.objects.get(codename=codename))
    user = get_user_model().objects.create_user(username=username, password=password, email=f"{username}@example.vn")
    user.groups.add(group)
    return user


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> dict[str, str | None]:
    """Every <url> of the sitemap, following /sitemap.xml (an index) to its sections: loc → lastmod."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls: dict[str, str | None] = {}
    for loc in ET.fromstring(index.content).iter(f"{SITEMAP_NS}loc"):
        section = client.get(
            urlsplit(loc.text).path + ("?" + urlsplit(loc.text).query if urlsplit(loc.text).query else "")
        )
        assert section.status_code == 200
        for node in ET.fromstring(section.content).iter(f"{SITEMAP_NS}url"):
            urls[node.findtext(f"{SITEMAP_NS}loc")] = node.findtext(f"{SITEMAP_NS}lastmod")
    return urls


def make_document_index(home=None):
    from home.models import LegalDocumentIndexPage

    home = home or make_home()
    existing = LegalDocumentIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = home.add_child(instance=LegalDocumentIndexPage(title="Văn bản pháp luật", slug="van-ban-phap-luat"))
    index.save_revision().publish()
    return index


def make_document(index=None, *, title: str = "Luật Cư trú", number: str = "68/2020/QH14", **fields):
    """A published legal document; dates and type default to those of the Law on Residence."""
    from datetime import date

    from home.models import LegalDocumentPage

    index = index or make_document_index()
    values = {
        "document_type": "luat",
        "issuer": "Quốc hội",
        "issued_on": date(2020, 11, 13),
        "effective_on": date(2021, 7, 1),
        "summary": "Quy định việc đăng ký, quản lý cư trú.",
    }
    values.update(fields)
    page = index.add_child(instance=LegalDocumentPage(title=title, number=number, **values))
    page.save_revision().publish()
    return page


# --- publications (publications/) ---------------------------------------------------------


def make_wanted_index(home=None):
    from publications.models import WantedPersonIndexPage

    home = home or make_home()
    existing = WantedPersonIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=WantedPersonIndexPage(title="Truy nã", slug="truy-na"))
    page.save_revision().publish()
    return page


def make_wanted_person(index=None, full_name: str = "Nguyễn Văn A", **fields):
    """A published wanted-person notice (still wanted)."""
    from datetime import date

    from publications.models import WantedPersonPage

    index = index or make_wanted_index()
    values = {
        "other_names": "",
        "birth_year": 1988,
        "sex": "nam",
        "offence": "Lừa đảo chiếm đoạt tài sản",
        "decision_number": "01/QĐ-CSĐT",
        "decision_date": date(2025, 3, 1),
        "issuing_agency": "Cơ quan Cảnh sát điều tra Công an Thành phố",
    }
    values.update(fields)
    page = index.add_child(instance=WantedPersonPage(title=full_name, full_name=full_name, **values))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_publication_page(model_name: str, title: str, slug: str, home=None):
    """One of the single publication sections (ReceptionSchedulePage, MovementPage, QuestionIndexPage)."""
    from django.apps import apps

    model = apps.get_model("publications", model_name)
    home = home or make_home()
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=model(title=title, slug=slug))
    page.save_revision().publish()
    return page
