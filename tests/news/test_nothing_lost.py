"""Both orders on a fresh database, `import_news` then `load_initial_data` (what `make run`
does after an import) and the other way round, build one portal and keep every article
reachable; neither deletes what the other made."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page, Site, Workflow, WorkflowPage

from home import demo_content
from home.models import HomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.workflow import WORKFLOW_NAME
from tests.news.synthetic import write_articles
from tests.snapshot import rows

pytestmark = pytest.mark.django_db

COUNT = 250


def run(name: str, *args) -> str:
    out = io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_file(path) -> str:
    return run("import_news", path, "--no-progress")


def welcome_page() -> Page:
    """Wagtail's untouched welcome page, as its initial migration leaves it."""
    page = Page.objects.get(depth=2, content_type=ContentType.objects.get_for_model(Page))
    assert (page.title, page.slug, page.numchild) == ("Welcome to your new Wagtail site!", "home", 0)
    assert Site.objects.get(is_default_site=True).root_page_id == page.pk
    return page


def imported() -> list[NewsPage]:
    return list(NewsPage.objects.filter(source_id__startswith="tin-bai:").order_by("path"))


def assert_one_portal(client, *, fetch: bool = True) -> NewsIndexPage:
    """HomePage is the default site's root and the only page under the tree root; one news
    section "Tin tức" with the demo categories; every imported article live and served."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.slug == "trang-chu"
    assert list(Page.objects.filter(depth=2).values_list("pk", flat=True)) == [home.pk]
    index = NewsIndexPage.objects.get()
    assert (index.get_parent().pk, index.slug, index.title, index.live) == (home.pk, "tin-tuc", "Tin tức", True)
    slugs = set(NewsCategory.objects.values_list("slug", flat=True))
    assert slugs == {slug for slug, _name, _description in demo_content.CATEGORIES}
    articles = imported()
    assert len(articles) == COUNT
    for page in articles:
        assert page.live and page.get_parent().pk == index.pk
        assert page.url == f"/tin-tuc/{page.slug}/"
        if not fetch:
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    assert Page.find_problems() == ([], [], [], [], [])
    return index


def test_import_first_then_load_initial_data(client, tmp_path):
    welcome = welcome_page()
    path = write_articles(tmp_path / "tin-bai.jsonl.gz", COUNT)

    out = import_file(path)

    assert f"Tạo mới: {COUNT}, cập nhật: 0, không đổi: 0, lỗi: 0." in out
    assert "Đã tạo cấu trúc cổng thông tin" in out and "1 trang chủ" in out
    assert not Page.objects.filter(pk=welcome.pk).exists()  # untouched, so it was Wagtail's to lose
    assert_one_portal(client, fetch=False)
    assert NewsCategory.objects.get(slug="an-ninh-trat-tu").pages.count() == (COUNT + 1) // 2

    out = run("load_initial_data")

    assert "Đã tạo nội dung mẫu" in out and "Giữ lại" not in out
    index = assert_one_portal(client)
    demo_articles = len(demo_content.ARTICLES)
    assert NewsPage.objects.live().child_of(index).count() == COUNT + demo_articles

    after = rows()
    assert "không tạo thêm gì" in run("load_initial_data")
    assert f"không đổi: {COUNT}" in import_file(path)
    assert rows() == after


def test_load_initial_data_first_then_import(client, tmp_path):
    welcome_page()
    run("load_initial_data")
    structure = rows()
    path = write_articles(tmp_path / "tin-bai.jsonl", COUNT)

    out = import_file(path)

    assert "Chuyên trang: Tin tức (/trang-chu/tin-tuc/)" in out
    assert "Đã tạo cấu trúc" not in out
    index = assert_one_portal(client)
    assert NewsPage.objects.live().child_of(index).count() == COUNT + len(demo_content.ARTICLES)
    # The import added articles (pages, revisions, log entries, links) and nothing else.
    grown = {label for label, count in rows().items() if count != structure[label]}
    assert {"wagtailcore.Page", "wagtailcore.Revision", "news.NewsPage", "news.NewsPage_categories"} <= grown
    assert not grown & {"wagtailcore.Site", "news.NewsCategory", "home.HomePage", "news.NewsIndexPage"}

    after = rows()
    assert f"không đổi: {COUNT}" in import_file(path)
    assert "không tạo thêm gì" in run("load_initial_data")
    assert rows() == after


def test_editors_workflow_choices_survive_make_run():
    run("load_initial_data")
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    workflow.deactivate()
    index = NewsIndexPage.objects.get()

    run("load_initial_data")
    run("setup_editorial_workflow")

    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(page=index).exists()

    own = Workflow.objects.create(name="Quy trình riêng của tòa soạn", active=True)
    WorkflowPage.objects.create(page=index, workflow=own)
    workflow.active = True
    workflow.save()
    run("setup_editorial_workflow")
    assert WorkflowPage.objects.get(page=index).workflow == own
