"""Commands never delete what they did not create: Wagtail's welcome page goes only while it is
untouched; anything else stays (with a note) until `remove_welcome_page --yes`; every command
run a second time changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.news.synthetic import write_articles
from tests.snapshot import rows

pytestmark = pytest.mark.django_db

WELCOME = "Welcome to your new Wagtail site!"


def run(name: str, *args) -> str:
    out = io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def welcome_page() -> Page:
    page = Page.objects.get(depth=2, content_type=ContentType.objects.get_for_model(Page))
    assert (page.title, page.slug, page.numchild) == (WELCOME, "home", 0)
    return page


def editors_section_under(welcome: Page, tmp_path) -> tuple[NewsIndexPage, list[int]]:
    """What the bug report lost: a news section under the welcome page, filled by the importer."""
    index = welcome.add_child(instance=NewsIndexPage(title="Tin cũ", slug="tin-cu"))
    index.save_revision().publish()
    run("import_news", write_articles(tmp_path / "cu.jsonl", 30), "--parent", index.pk, "--no-progress")
    ids = list(NewsPage.objects.child_of(index).values_list("pk", flat=True))
    assert len(ids) == 30
    return index, ids


def test_untouched_welcome_page_is_replaced_silently():
    welcome = welcome_page()

    out = run("load_initial_data")

    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert "Giữ lại" not in out
    assert Site.objects.get(is_default_site=True).root_page.specific == HomePage.objects.get()


def test_pages_under_the_welcome_page_survive_load_initial_data(tmp_path):
    welcome = welcome_page()
    index, ids = editors_section_under(welcome, tmp_path)
    pages_before = Page.objects.count()

    out = run("load_initial_data")

    assert Page.objects.filter(pk=welcome.pk).exists()
    assert NewsPage.objects.filter(pk__in=ids, live=True).count() == 30
    assert NewsPage.objects.child_of(index).count() == 30
    assert Page.objects.count() > pages_before  # the demo was built next to it, nothing removed
    assert f"Giữ lại trang “{WELCOME}” (id {welcome.pk}, /home/) vì có 31 trang bên dưới" in out
    assert "remove_welcome_page" in out
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert Page.find_problems() == ([], [], [], [], [])

    again = run("load_initial_data")
    assert "không tạo thêm gì" in again and "Giữ lại trang" in again
    assert NewsPage.objects.filter(pk__in=ids).count() == 30


@pytest.mark.parametrize("edit", ["title", "revisions"])
def test_an_edited_welcome_page_is_kept(edit):
    welcome = welcome_page()
    if edit == "title":
        welcome.title = "Trang chào mừng của tòa soạn"
        welcome.save()
        reason = "tiêu đề hoặc đường dẫn đã được đổi"
    else:
        welcome.save_revision()
        welcome.save_revision().publish()
        reason = "đã được sửa (2 phiên bản)"

    out = run("load_initial_data")

    assert Page.objects.filter(pk=welcome.pk).exists()
    assert reason in out


def test_welcome_page_with_children_is_kept_by_import_and_services_demo(tmp_path):
    welcome = welcome_page()
    old_page = welcome.add_child(instance=StandardPage(title="Giới thiệu cũ", slug="gioi-thieu-cu"))

    out = run("import_news", write_articles(tmp_path / "tin-bai.jsonl", 5), "--no-progress")
    services_out = run("load_services_demo")

    assert Page.objects.filter(pk=old_page.pk).exists()
    assert "Giữ lại trang" in out and "Giữ lại trang" in services_out
    home = HomePage.objects.get()
    assert NewsPage.objects.descendant_of(home).count() == 5
    assert Page.objects.get(slug="dich-vu-cong").get_parent().pk == home.pk


def test_remove_welcome_page_lists_then_removes_only_with_yes(tmp_path):
    welcome = welcome_page()
    index, ids = editors_section_under(welcome, tmp_path)
    run("load_initial_data")
    home = HomePage.objects.get()
    pages_before = Page.objects.count()

    listing = run("remove_welcome_page")

    assert f"“{WELCOME}” (id {welcome.pk}, /home/): 31 trang bên dưới" in listing
    assert "Chưa xoá gì" in listing and "--yes để xoá 32 trang" in listing
    assert "Trang chủ" not in listing
    assert Page.objects.count() == pages_before
    assert NewsPage.objects.filter(pk__in=ids).count() == 30

    done = run("remove_welcome_page", "--yes")

    assert "Đã xoá 32 trang." in done
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert not NewsPage.objects.filter(pk__in=ids).exists()
    assert Page.objects.count() == pages_before - 32
    assert Page.objects.filter(pk=home.pk).exists()
    assert Page.find_problems() == ([], [], [], [], [])
    assert "Không có trang chào mừng nào cần xoá." in run("remove_welcome_page", "--yes")


def test_remove_welcome_page_never_removes_a_site_root():
    run("load_initial_data")
    home = HomePage.objects.get()

    with pytest.raises(CommandError):
        run("remove_welcome_page", "--page", home.pk, "--yes")
    assert Page.objects.filter(pk=home.pk).exists()


def test_every_command_run_twice_changes_nothing_the_second_time(tmp_path):
    path = write_articles(tmp_path / "tin-bai.jsonl.gz", 40)
    commands = [
        ("load_initial_data",),
        ("load_services_demo",),
        ("load_reports_demo",),
        ("setup_editorial_workflow",),
        ("import_news", path, "--no-progress"),
        ("search_reindex",),
    ]
    for command in commands:
        run(*command)
        before = rows()
        run(*command)
        assert rows() == before, command
    assert Page.find_problems() == ([], [], [], [], [])
