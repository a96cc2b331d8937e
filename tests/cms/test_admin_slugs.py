"""Slugs from Vietnamese titles typed in the admin: Wagtail 8's own JavaScript rendering (modelled
in cms.pages and checked against core.js with node), the formatters that make the admin type the
portal's slug, and the repair of pages saved with the broken rendering."""

import importlib
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import wagtail
from django.apps import apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.pages import repair_page_slugs, vietnamese_slug, wagtail_js_slug
from cms.text import slugify_vi
from news.models import NewsPage
from tests import utils

CORE_JS = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/js/core.js"
FORMATTERS_JS = Path(__file__).resolve().parents[2] / "cms/static/cms/js/vietnamese-slug.js"
VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
TITLES = [
    "Cảnh báo lừa đảo qua mạng dịp cuối năm",
    "Đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
    f"Nguyên âm {VOWELS} đ",
    f"NGUYÊN ÂM {VOWELS.upper()} Đ",
    "Tin 28.320 vụ «án» — Quyết định 12/2025/QĐ-UBND",
    "  Ông Ơn   ",
]

# Wagtail's urlify (SlugController, WAGTAIL_ALLOW_UNICODE_SLUGS off), run with its own maps.
URLIFY_JS = r"""
const fs = require("fs");
const [coreJs, formattersJs, useFormatters] = process.argv.slice(1);
const src = fs.readFileSync(coreJs, "utf8");
const start = src.indexOf("JSON.parse('[{\"LATIN_MAP") + "JSON.parse('".length;
const maps = JSON.parse(src.slice(start, src.indexOf("')", start)).replace(/\\'/g, "'"));
const table = Object.fromEntries(maps.flatMap((m) => Object.values(m)).flat().reverse());
const transliterate = (s) => s.replace(new RegExp(Object.keys(table).join("|"), "g"), (c) => table[c]);
let formatters = [];
if (useFormatters === "1") {
  global.document = { querySelectorAll: () => [], documentElement: {} };
  global.MutationObserver = class { observe() {} };
  eval(fs.readFileSync(formattersJs, "utf8").replace("const VALUE =", "formatters = FORMATTERS; const VALUE ="));
}
const urlify = (value) => {
  let a = value.trim();
  for (const [[pattern, flags], replacement] of formatters) a = a.replaceAll(new RegExp(pattern, flags), replacement);
  a = transliterate(a).toLowerCase().replace(/[^-\w\s]/g, "").replace(/[-\s]+/g, "-");
  return a.substring(0, 255).replace(/-+$/g, "");
};
console.log(JSON.stringify(JSON.parse(fs.readFileSync(0, "utf8")).map(urlify)));
"""


def _node_urlify(titles, *, formatters):
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    result = subprocess.run(
        ["node", "-e", URLIFY_JS, str(CORE_JS), str(FORMATTERS_JS), "1" if formatters else "0"],
        input=json.dumps(titles),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


ALL_TITLES = TITLES + [unicodedata.normalize("NFD", title) for title in TITLES]


def test_python_model_of_the_admin_js_matches_wagtail_core_js():
    stock = _node_urlify(TITLES, formatters=False)
    assert stock[0] == "cnh-bao-la-djo-qua-mng-dp-cui-nam"
    assert stock == [wagtail_js_slug(title) for title in TITLES]


def test_admin_types_the_portal_slug_with_our_formatters():
    typed = _node_urlify(ALL_TITLES, formatters=True)
    assert typed[0] == "canh-bao-lua-dao-qua-mang-dip-cuoi-nam"
    assert typed == [slugify_vi(title) for title in ALL_TITLES]


@pytest.mark.parametrize("title", ALL_TITLES)
def test_server_recognises_every_admin_js_rendering(title):
    wanted = slugify_vi(title)
    for sent in (wagtail_js_slug(title), wagtail_js_slug(unicodedata.normalize("NFD", title))):
        assert vietnamese_slug(title, sent) == wanted
        assert vietnamese_slug(title, sent + "-2") == wanted
    assert vietnamese_slug(title, "tu-dat-2026") == "tu-dat-2026"


@pytest.mark.django_db
def test_admin_post_with_the_stock_js_slug_saves_the_portal_slug(news_index, admin_client):
    title = TITLES[0]
    response = admin_client.post(
        f"/admin/pages/add/news/newspage/{news_index.pk}/",
        {
            "title": title,
            "slug": "cnh-bao-la-djo-qua-mng-dp-cui-nam",
            "sapo": "Cảnh báo.",
            "display_date": "02/12/2026 08:00",
            "body-count": "0",
            "categories": [],
            "action-publish": "publish",
        },
    )
    assert response.status_code in (200, 302)
    page = NewsPage.objects.filter(title=title).first()
    if page is None:  # the form refused something else: show it
        pytest.fail(str(response.context["form"].errors if response.context else response))
    assert page.slug == "canh-bao-lua-dao-qua-mang-dip-cuoi-nam"


def _break_slug(page, slug):
    """What the admin saved before the fix: the slug as Wagtail's JavaScript rendered it."""
    old = page.url_path
    new = old[: -len(page.slug) - 1] + slug + "/"
    Page.objects.filter(pk=page.pk).update(slug=slug, url_path=new)
    for child in Page.objects.filter(path__startswith=page.path, depth__gt=page.depth):
        Page.objects.filter(pk=child.pk).update(url_path=new + child.url_path[len(old) :])


@pytest.mark.django_db
def test_repair_gives_ascii_slugs_and_keeps_old_addresses(news_index, client):
    title = TITLES[0]
    article = utils.make_article(news_index, title=title)
    article.save_revision()
    kept = utils.make_article(news_index, title="Đường dây nóng 113", slug="duong-day-nong")
    _break_slug(article, wagtail_js_slug(title))
    _break_slug(news_index, "ban-tin")  # hand-typed ASCII: kept
    assert client.get("/ban-tin/cnh-bao-la-djo-qua-mng-dp-cui-nam/").status_code == 200

    moved = repair_page_slugs(apps)

    article.refresh_from_db()
    assert article.slug == "canh-bao-lua-dao-qua-mang-dip-cuoi-nam"
    assert article.url_path.endswith("/ban-tin/canh-bao-lua-dao-qua-mang-dip-cuoi-nam/")
    assert article.latest_revision.content["slug"] == article.slug
    assert Page.objects.get(pk=news_index.pk).slug == "ban-tin"
    assert Page.objects.get(pk=kept.pk).slug == "duong-day-nong"
    assert moved == [("/ban-tin/cnh-bao-la-djo-qua-mng-dp-cui-nam", "/ban-tin/canh-bao-lua-dao-qua-mang-dip-cuoi-nam")]
    redirect = Redirect.objects.get(old_path="/ban-tin/cnh-bao-la-djo-qua-mng-dp-cui-nam")
    assert (redirect.redirect_page_id, redirect.is_permanent) == (article.pk, True)
    response = client.get("/ban-tin/cnh-bao-la-djo-qua-mng-dp-cui-nam/")
    assert response.status_code == 301
    assert response["Location"].endswith("/ban-tin/canh-bao-lua-dao-qua-mang-dip-cuoi-nam/")
    assert client.get("/ban-tin/canh-bao-lua-dao-qua-mang-dip-cuoi-nam/").status_code == 200
    assert repair_page_slugs(apps) == []  # a second run changes nothing


@pytest.mark.django_db
def test_repair_moves_descendants_and_avoids_sibling_slugs(home):
    index = utils.make_news_index(home, title="Đường dây nóng", slug="duong-day-nong")
    child = utils.make_article(index, title="Tổng đài 113", slug="tong-dai-113")
    home.add_child(instance=utils.NewsIndexPage(title="Đường dây nóng", slug="duong-day-nong-x"))
    _break_slug(index, wagtail_js_slug("Đường dây nóng"))  # "djng-day-nong"
    Page.objects.filter(slug="duong-day-nong-x").update(slug="duong-day-nong")
    moved = dict(repair_page_slugs(apps))
    index.refresh_from_db()
    child.refresh_from_db()
    assert index.slug == "duong-day-nong-2"
    assert child.url_path.endswith("/duong-day-nong-2/tong-dai-113/")
    assert moved["/djng-day-nong/tong-dai-113"] == "/duong-day-nong-2/tong-dai-113"
    assert Redirect.objects.get(old_path="/djng-day-nong/tong-dai-113").redirect_page_id == child.pk


def test_data_migration_runs_the_repair():
    migration = importlib.import_module("home.migrations.0004_repair_admin_js_slugs")
    operation = migration.Migration.operations[0]
    assert operation.code is migration.repair
    assert ("wagtailredirects", "0008_add_verbose_name_plural") in migration.Migration.dependencies


@pytest.mark.django_db
def test_repair_of_a_page_inside_a_repaired_section(home):
    index = utils.make_news_index(home, title="Đường dây nóng", slug="duong-day-nong")
    child = utils.make_article(index, title="Tổng đài 113 tiếp nhận", slug="tong-dai-113-tiep-nhan")
    _break_slug(child, wagtail_js_slug(child.title))
    _break_slug(index, wagtail_js_slug(index.title))
    repair_page_slugs(apps)
    child.refresh_from_db()
    assert child.url_path == "/trang-chu/duong-day-nong/tong-dai-113-tiep-nhan/"
    for old_path in ("/djng-day-nong/tng-djai-113-tip-nhn", "/duong-day-nong/tng-djai-113-tip-nhn"):
        assert Redirect.objects.get(old_path=old_path).redirect_page_id == child.pk
