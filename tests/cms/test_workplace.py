"""The officers' and editors' workplace: a dashboard panel per role (counts from one query,
each number a link to the list it counts) and a main menu that shows each role only its tools."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from wagtail.admin.menu import admin_menu

from news.models import NewsPage
from news.workflow import EDITORS_GROUP, REVIEWERS_GROUP, setup_editorial_workflow
from reports import groups as report_groups
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import Report, ReportCategory
from services import selectors as service_selectors
from services.models import Application, EmailStatus, Status
from services.services import application_assign, application_submit, application_transition
from tests import utils

pytestmark = pytest.mark.django_db
User = get_user_model()


def _links(html: str, panel: str) -> dict[str, str]:
    """label -> href of the numbers in the dashboard panel with id `panel`."""
    section = html.split(f'id="{panel}', 1)[1].split("</section>", 1)[0]
    found = re.findall(r'<a href="([^"]+)"[^>]*data-count="(\d+)"[^>]*>.*?<span>([^<]+)</span>', section, re.S)
    return {label.strip(): (href.replace("&amp;", "&"), int(count)) for href, count, label in found}


# Dossiers -------------------------------------------------------------------------------


@pytest.fixture
def procedure(home):
    return utils.make_procedure(utils.make_procedure_index(home))


@pytest.fixture
def officer(db):
    return utils.make_officer()


@pytest.fixture
def dossiers(procedure, officer):
    now = timezone.now()

    def submit(name):
        return application_submit(
            procedure=procedure, applicant_name=name, applicant_phone="0912345678", data={}, attachments=[]
        )[0]

    def processing(name, due_at, assignee=None):
        application = submit(name)
        for status in (Status.RECEIVED, Status.PROCESSING):
            application_transition(application=application, to_status=status, actor=officer)
        if assignee is not None:
            application_assign(application=application, assignee=assignee, actor=officer)
        Application.objects.filter(pk=application.pk).update(due_at=due_at)
        return application

    new = submit("Mới Nộp")
    Application.objects.filter(pk=new.pk).update(receipt_due_at=now + timedelta(days=30))
    result = {
        "new": new,
        "mine": processing("Giao Tôi", now + timedelta(days=30), assignee=officer),
        "due_soon": processing("Sắp Hạn", now + timedelta(hours=1)),
        "overdue": processing("Quá Hạn", now - timedelta(hours=1)),
        "done": processing("Xong Rồi", now - timedelta(days=3)),
    }
    application_transition(application=result["done"], to_status=Status.DONE, actor=officer)
    Application.objects.filter(pk=result["done"].pk).update(email_status=EmailStatus.FAILED)
    return result


def test_dossier_counts_in_one_query(dossiers, officer, django_assert_num_queries):
    service_selectors.due_soon_boundary()  # the holiday calendar, cached for an hour
    with django_assert_num_queries(1):
        counts = service_selectors.officer_counts(user=officer)
    assert counts == {"new": 1, "mine": 1, "due_soon": 1, "overdue": 1, "email_failed": 1}


def test_officer_dashboard_links_to_the_filtered_queue(client, dossiers, officer):
    client.force_login(officer)
    html = client.get("/admin/").content.decode()
    assert "Hồ sơ trực tuyến cần xử lý" in html
    assert "Phản ánh, tố giác cần xử lý" not in html  # not a tips officer
    assert "Hệ thống" not in html
    links = _links(html, "bang-tin-ho-so")
    expected = {
        "Hồ sơ mới đăng ký": "new",
        "Đang giao cho tôi": "mine",
        "Đến hạn trong một ngày làm việc": "due_soon",
        "Quá hạn": "overdue",
    }
    assert set(links) == set(expected)
    for label, key in expected.items():
        href, count = links[label]
        listed = client.get(href).content.decode()
        shown = {k for k, a in dossiers.items() if f'href="/admin/ho-so/{a.pk}/"' in listed}
        assert (count, shown) == (1, {key}), label


def _task(status, path="services.tasks.send_application_email"):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        enqueued_at=now,
        run_after=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=path,
        backend_name="default",
        exception_class_path="smtplib.SMTPException" if status == TaskResultStatus.FAILED else "",
        traceback="",
    )


def test_failed_task_count_in_one_query(db, django_assert_num_queries):
    from home.wagtail_hooks import task_counts

    for status in (TaskResultStatus.FAILED, TaskResultStatus.FAILED, TaskResultStatus.READY):
        _task(status)
    _task(TaskResultStatus.SUCCESSFUL)
    with django_assert_num_queries(1):
        assert task_counts() == {"failed": 2, "waiting": 1}


def test_administrator_sees_every_panel_failed_emails_and_tasks(client, dossiers, admin_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in production
    _task(TaskResultStatus.FAILED)
    _task(TaskResultStatus.SUCCESSFUL, path="services.tasks.other_ok")
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    for panel in ("bang-tin-ho-so", "bang-tin-phan-anh", "bang-tin-bien-tap", "bang-tin-he-thong"):
        assert f'id="{panel}' in html
    href, count = _links(html, "bang-tin-ho-so")["Thư điện tử gửi không thành công"]
    listed = client.get(href).content.decode()
    assert count == 1 and f'href="/admin/ho-so/{dossiers["done"].pk}/"' in listed
    assert f'href="/admin/ho-so/{dossiers["new"].pk}/"' not in listed
    href, count = _links(html, "bang-tin-he-thong")["Tác vụ nền thất bại"]
    assert count == 1 and href.endswith("?status=FAILED")
    listed = client.get(href).content.decode()
    assert "send_application_email" in listed and "services.tasks.other_ok" not in listed


# Tips -----------------------------------------------------------------------------------


@pytest.fixture
def tips_officer(db):
    report_groups.ensure_groups()
    user = User.objects.create_user("canbo_tin", "canbo_tin@example.vn", "matkhau-123")
    user.groups.add(Group.objects.get(name=report_groups.OFFICER_GROUP))
    return user


@pytest.fixture
def tips(tips_officer):
    other = User.objects.create_user("canbo_khac", "khac@example.vn", "matkhau-123")
    other.groups.add(Group.objects.get(name=report_groups.OFFICER_GROUP))
    category = ReportCategory.objects.get(code="toi-pham-hinh-su")
    now = timezone.now()

    def submit(text, received_at=None, status=None, by=other):
        report = report_services.report_submit(category=category, description=text).report
        if status:
            report_services.report_set_status(report=report, status=status, user=by)
        if received_at:
            Report.objects.filter(pk=report.pk).update(received_at=received_at)
        return report

    days = 10
    return {
        "new": submit("Tin mới về đánh bạc ở đầu ngõ."),
        "mine": submit("Tin tôi đang xác minh.", status=Report.Status.VERIFYING, by=tips_officer),
        "due_soon": submit(
            "Tin sắp hết hạn.",
            report_selectors.working_days_before(now, days) + timedelta(minutes=5),
            Report.Status.ACCEPTED,
        ),
        "overdue": submit(
            "Tin đã quá hạn.", report_selectors.working_days_before(now, days + 1), Report.Status.ACCEPTED
        ),
        "closed": submit("Tin đã giải quyết.", now - timedelta(days=60), Report.Status.RESOLVED, by=tips_officer),
    }


def test_tip_counts_in_one_query(tips, tips_officer, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = report_selectors.officer_counts(user=tips_officer)
    assert counts == {"new": 1, "mine": 1, "due_soon": 1, "overdue": 1}


def test_tips_dashboard_links_to_the_filtered_queue(client, tips, tips_officer):
    client.force_login(tips_officer)
    html = client.get("/admin/").content.decode()
    assert "Hồ sơ trực tuyến cần xử lý" not in html
    links = _links(html, "bang-tin-phan-anh")
    expected = {
        "Phản ánh mới": "new",
        "Tôi đang xử lý": "mine",
        "Đến hạn trong một ngày làm việc": "due_soon",
        "Quá hạn": "overdue",
    }
    assert set(links) == set(expected)
    for label, key in expected.items():
        href, count = links[label]
        listed = client.get(href).content.decode()
        shown = {k for k, r in tips.items() if r.code in listed}
        assert (count, shown) == (1, {key}), label


# Pages ----------------------------------------------------------------------------------


@pytest.fixture
def newsroom(news_index):
    setup_editorial_workflow(news_index)
    editor = User.objects.create_user("bientap", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    reviewer = User.objects.create_user("duyetbai", password="x")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    draft = utils.make_article(news_index, title="Bản nháp về an toàn giao thông", publish=False)
    draft.save_revision(user=editor)
    submitted = utils.make_article(news_index, title="Bài gửi duyệt về phòng cháy", publish=False)
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)
    scheduled = utils.make_article(news_index, title="Bài hẹn giờ về tuyển quân", publish=False)
    scheduled.save_revision(user=reviewer, approved_go_live_at=timezone.now() + timedelta(days=1))
    return {"editor": editor, "reviewer": reviewer, "draft": draft, "submitted": submitted, "scheduled": scheduled}


def test_editorial_counts_in_one_query(newsroom, django_assert_num_queries):
    from news import editorial

    editorial.editorial_counts(user=newsroom["editor"])  # content types cached
    with django_assert_num_queries(1):
        editor = editorial.editorial_counts(user=newsroom["editor"])
    reviewer = editorial.editorial_counts(user=newsroom["reviewer"])
    assert editor == {"review": 0, "drafts": 1, "scheduled": 1}  # submitted and scheduled are no drafts
    assert reviewer == {"review": 1, "drafts": 0, "scheduled": 1}


def test_editorial_dashboard_links(client, newsroom):
    client.force_login(newsroom["reviewer"])
    html = client.get("/admin/").content.decode()
    assert "Hồ sơ trực tuyến cần xử lý" not in html and "Phản ánh, tố giác cần xử lý" not in html
    links = _links(html, "bang-tin-bien-tap")
    href, count = links["Chờ tôi duyệt"]
    assert count == 1 and "Bài gửi duyệt về phòng cháy" in client.get(href).content.decode()
    href, count = links["Hẹn giờ xuất bản"]
    listed = client.get(href).content.decode()
    assert count == 1 and "Bài hẹn giờ về tuyển quân" in listed and "Bản nháp về an toàn" not in listed
    client.force_login(newsroom["editor"])
    links = _links(client.get("/admin/").content.decode(), "bang-tin-bien-tap")
    href, count = links["Bản nháp của tôi"]
    listed = client.get(href).content.decode()
    assert count == 1 and "Bản nháp về an toàn giao thông" in listed
    assert "Bài hẹn giờ" not in listed and "Bài gửi duyệt" not in listed
    assert NewsPage.objects.filter(live=False).count() == 3


# Menus of the demo accounts -----------------------------------------------------------------


def _menu(user) -> dict[str, list[str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    menu = {}
    for item in admin_menu.menu_items_for_request(request):
        children = item.menu.menu_items_for_request(request) if hasattr(item, "menu") else []
        menu[str(item.label)] = [str(child.label) for child in children]
    return menu


def test_each_demo_role_sees_only_its_tools(transactional_db):
    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    menus = {user.username: _menu(user) for user in User.objects.all()}

    assert set(menus["canbo_hoso"]) == {"Hồ sơ trực tuyến"}
    assert menus["canbo_hoso"]["Hồ sơ trực tuyến"] == ["Hàng đợi hồ sơ", "Báo cáo, thống kê", "Ngày nghỉ lễ"]
    assert set(menus["canbo_tinbao"]) == {"Phản ánh, tố giác"}
    assert "Lĩnh vực" not in menus["canbo_tinbao"]["Phản ánh, tố giác"]

    for username in ("bientap", "duyetbai"):
        assert {"Trang", "Hình ảnh", "Tài liệu", "Trợ giúp"} <= set(menus[username])
        assert not {"Cài đặt", "Hồ sơ trực tuyến", "Phản ánh, tố giác", "Đoạn nội dung dùng chung"} & set(
            menus[username]
        )
    assert "Trang đang bị khoá" in menus["duyetbai"]["Báo cáo"]
    assert "Trang đang bị khoá" not in menus["bientap"]["Báo cáo"]

    assert {
        "Trang",
        "Hồ sơ trực tuyến",
        "Phản ánh, tố giác",
        "Đoạn nội dung dùng chung",
        "Cài đặt",
        "Báo cáo",
        "Trợ giúp",
    } <= set(menus["admin"])
