"""The admin in Vietnamese: every message of the enabled Wagtail and Django apps is translated
(by the app's own catalogue or the project's locale/vi), the compiled .mo files are those of the
.po files and of the hand-written sources, and the admin renders its key words in Vietnamese."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
import wagtail.admin
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from cms import translations

pytestmark = pytest.mark.django_db


def _entries(catalogue) -> dict[str, object]:
    found = {}
    for entry in catalogue:
        if not entry.msgid:
            continue  # the header
        value = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else entry.msgstr
        )
        found[translations.key_of(entry)] = value
    return found


def _decoded(content: bytes) -> str:
    """The page with the JSON escapes of the sidebar's props (\\u0110…) decoded."""
    text = content.decode()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def test_every_message_of_the_enabled_apps_is_translated():
    counts = translations.report()
    labels = {c.label for c in counts}
    assert {"django", "wagtail", "wagtail.admin", "wagtail.users", "wagtail.snippets", "wagtail.images"} <= labels
    assert {"wagtail.documents", "wagtail.contrib.forms", "wagtail.contrib.redirects", "django.contrib.admin"} <= labels
    assert {(c.label, c.domain) for c in counts} >= {
        ("wagtail.admin", "djangojs"),
        ("django.contrib.admin", "djangojs"),
    }
    untranslated = {f"{c.label} ({c.domain})": c.untranslated[:5] for c in counts if c.untranslated}
    assert untranslated == {}
    # Without the project's catalogue Wagtail's own Vietnamese leaves most of the admin in English.
    before = translations.report(with_project=False)
    assert sum(len(c.untranslated) for c in before) > 1000


def test_catalogues_are_built_from_the_sources_and_compiled(tmp_path):
    for domain in translations.DOMAINS:
        built = translations.project_catalogue(domain)  # raises on a lost placeholder
        on_disk = polib.pofile(str(translations.catalogue_path(domain)))
        assert _entries(on_disk) == _entries(built), f"{domain}.po is stale: bench/translations.py --build"
        assert on_disk.metadata["Plural-Forms"] == "nplurals=1; plural=0;"

        compiled = polib.mofile(str(translations.catalogue_path(domain, "mo")))
        assert _entries(compiled) == _entries(on_disk), f"{domain}.mo is stale: bench/translations.py --build"
        # And it is what gettext (hence Django) reads: compiled afresh, the same messages.
        fresh = tmp_path / f"{domain}.mo"
        on_disk.save_as_mofile(str(fresh))
        with translations.catalogue_path(domain, "mo").open("rb") as committed, fresh.open("rb") as again:
            assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(again)._catalog


def test_translations_keep_placeholders_and_plurals():
    po = polib.pofile(str(translations.catalogue_path("django")))
    for entry in po:
        msgstr = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        assert translations.check_translation(entry, msgstr) is None, entry.msgid
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0]
    entry = po.find("%(num_parent_objects)d page has been deleted")
    assert entry.msgstr_plural[0] == "Đã xoá %(num_parent_objects)d trang"
    assert translations.check_translation(entry, "Đã xoá các trang") is not None


def test_django_uses_the_project_catalogue():
    with translation.override("vi"):
        assert translation.gettext("Search all pages…") == "Tìm trong tất cả các trang…"
        assert translation.gettext("Snippets") == "Đoạn nội dung dùng chung"
        assert translation.gettext("Settings") == "Cài đặt"  # overrides Wagtail's "Tùy chỉnh"
        assert translation.gettext("Unpublish") == "Ngừng xuất bản"
        assert translation.ngettext("%(num)d year", "%(num)d years", 3) % {"num": 3} == "3 năm"
        assert translation.pgettext("A tag name", "name") == "tên"  # taggit, with a context


def test_javascript_catalogue_is_vietnamese(client):
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    text = _decoded(response.content)
    assert "Thu gọn tất cả" in text  # "Collapse all"
    assert "Trình duyệt trang" in text  # "Page explorer"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/", ["Tìm trong tất cả các trang", "Trang tổng quan"]),
        ("/admin/pages/", ["Thêm trang con", "Trang"]),
    ],
)
def test_admin_screens_render_in_vietnamese(client, url, expected):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", "x")
    client.force_login(admin)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    text = _decoded(response.content)
    for english in ("Search all pages", "Snippets", "Help", "Reports", "Settings", "Images", "Documents", "Dashboard"):
        assert not re.search(rf"\b{english}\b", text), english
    # The sidebar (its props are JSON in the page) on every screen.
    for vietnamese in ["Đoạn nội dung dùng chung", "Trợ giúp", "Báo cáo", "Cài đặt", "Hình ảnh", "Tài liệu", *expected]:
        assert vietnamese in text, vietnamese


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("wagtailadmin/home.html", 'value="Search"'),
        ("wagtailadmin/shared/header.html", 'value="Search"'),
        ("wagtailadmin/shared/headers/_actions.html", 'aria-label="Actions"'),
    ],
)
def test_admin_template_overrides_differ_from_wagtail_only_by_the_translated_word(name, english):
    """cms/templates overrides the Wagtail templates that hard-code an English word (a search
    button, a landmark's label); after a Wagtail upgrade they must be copied again."""
    ours = (Path(settings.BASE_DIR) / "cms" / "templates" / name).read_text(encoding="utf-8")
    upstream = (Path(wagtail.admin.__file__).parent / "templates" / name).read_text(encoding="utf-8")
    first_line, rest = ours.split("\n", 1)
    assert first_line.startswith("{#") and english in first_line
    attribute, word = english.split("=")
    translated = f'{attribute}="{{% translate {word} %}}"'
    assert translated in rest
    assert rest.replace(translated, english) == upstream
