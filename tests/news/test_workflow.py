"""Editorial workflow: writers create and submit, reviewers approve and publish; scheduling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Revision, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsPage
from news.workflow import EDITORS_GROUP, REVIEWERS_GROUP, WORKFLOW_NAME, setup_editorial_workflow
from tests import utils

pytestmark = pytest.mark.django_db


def make_user(username: str, group_name: str):
    user = get_user_model().objects.create_user(username=username, password="mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def workflow(news_index):
    return setup_editorial_workflow(news_index)


@pytest.fixture
def editor(workflow):
    return make_user("bientapvien", EDITORS_GROUP)


@pytest.fixture
def reviewer(workflow):
    return make_user("duyetbai", REVIEWERS_GROUP)


def article_form(title: str = "Cảnh báo thủ đoạn lừa đảo mới", **extra) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": "canh-bao-thu-djoan-lua-djao-moi",  # what the admin JavaScript sends
            "display_date": "2024-05-02 08:30",
            "sapo": "Công an Thành phố cảnh báo người dân.",
            "tags": "",
            "go_live_at": "",
            "expire_at": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung cảnh báo.</p>"))]),
        }
    )
    data.update(extra)
    return data


def test_setup_is_idempotent_and_wires_the_news_index(news_index):
    first = setup_editorial_workflow(news_index)
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    second = setup_editorial_workflow(news_index)
    assert first.pk == second.pk
    assert (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count()) == counts
    assert first.name == WORKFLOW_NAME and first.active
    assert WorkflowPage.objects.get(page=news_index).workflow == first
    task = first.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS_GROUP]
    editor_perms = set(
        GroupPagePermission.objects.filter(group__name=EDITORS_GROUP, page=news_index).values_list(
            "permission__codename", flat=True
        )
    )
    assert editor_perms == {"add_page", "change_page"}
    assert news_index.get_workflow() == first


def test_management_command_sets_up_every_top_level_news_index(news_index):
    call_command("setup_editorial_workflow")
    call_command("setup_editorial_workflow", index=str(news_index.pk))
    assert WorkflowPage.objects.filter(page=news_index).count() == 1
    assert Group.objects.filter(name__in=[EDITORS_GROUP, REVIEWERS_GROUP]).count() == 2


def test_editor_can_create_but_publish_leaves_the_page_a_draft(client, news_index, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    response = client.post(f"/admin/pages/add/news/newspage/{news_index.pk}/", article_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Cảnh báo thủ đoạn lừa đảo mới")
    assert page.slug == "canh-bao-thu-doan-lua-dao-moi"  # đ is d, not dj
    assert not page.live
    assert page.live_revision is None
    assert not page.permissions_for_user(editor).can_publish()
    # Publishing an existing draft is refused too.
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(**{"action-publish": "1"}))
    page.refresh_from_db()
    assert not page.live
    # And the editor cannot touch pages outside the news section.
    assert client.get(f"/admin/pages/add/home/standardpage/{news_index.get_parent().pk}/").status_code in (302, 403)


def test_editor_submits_reviewer_approves_and_publishes(client, news_index, editor, reviewer):
    client.force_login(editor)
    client.post(f"/admin/pages/add/news/newspage/{news_index.pk}/", article_form(**{"action-submit": "1"}))
    page = NewsPage.objects.get(title="Cảnh báo thủ đoạn lừa đảo mới")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    task_state = state.current_task_state
    approve_url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"

    # The writer cannot approve their own article: the admin refuses and nothing changes.
    refused = client.post(approve_url, {"comment": ""})
    assert refused.status_code in (302, 403)
    assert refused.status_code == 403 or refused["Location"] == "/admin/"
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == task_state.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    assert page.permissions_for_user(reviewer).can_publish()
    response = client.post(approve_url, {"comment": "Đồng ý"})
    assert response.status_code == 302
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_reviewer_schedules_and_publish_scheduled_makes_it_live(client, news_index, reviewer):
    client.force_login(reviewer)
    go_live = timezone.localtime(timezone.now() + timedelta(hours=2))
    form = article_form(**{"action-publish": "1", "go_live_at": go_live.strftime("%Y-%m-%d %H:%M")})
    assert client.post(f"/admin/pages/add/news/newspage/{news_index.pk}/", form).status_code == 302
    page = NewsPage.objects.get(title="Cảnh báo thủ đoạn lừa đảo mới")
    assert not page.live
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not due yet

    # Two hours later (moved back in time rather than waiting): the revision is due.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_scheduled_article_outside_the_admin(news_index):
    page = utils.make_article(news_index, title="Tin hẹn giờ", publish=False)
    page.go_live_at = timezone.now() - timedelta(minutes=5)
    page.save_revision().publish()
    # A go_live_at in the past publishes at once; in the future it waits for publish_scheduled.
    page.refresh_from_db()
    assert page.live
