"""The newsroom's two-step editorial workflow on the news section.

Writers ("Biên tập viên") draft and submit articles but cannot publish; reviewers ("Duyệt bài")
approve, which publishes. Permissions are granted on the news index page only, so neither group
can touch the rest of the site. `setup_editorial_workflow` is idempotent: `load_initial_data`
and `manage.py setup_editorial_workflow` may call it any number of times.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "Biên tập viên"
REVIEWERS_GROUP = "Duyệt bài"
WORKFLOW_NAME = "Duyệt tin bài"
TASK_NAME = "Duyệt bài viết"

# Page permission types granted below the news index (see wagtail.models.PAGE_PERMISSION_TYPES).
EDITOR_PAGE_PERMISSIONS = ("add", "change")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Media both groups need to illustrate articles: upload, and choose existing ones.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
REVIEWER_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + (
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group: Group, page: Page, page_permissions, collection_permissions) -> None:
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for permission_type in page_permissions:
        permission = _permission("wagtailcore", f"{permission_type}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    root_collection = Collection.get_first_root_node()
    for app_label, codename in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )


@transaction.atomic
def setup_editorial_workflow(news_index: Page) -> Workflow:
    """Create (or complete) the two groups, their permissions on `news_index`, and the
    "Duyệt tin bài" workflow with one group-approval task, attached to `news_index`.

    Returns the workflow. Running it again changes nothing; running it for a second news
    index attaches the same workflow there too. Editors' choices stand: a workflow they
    deactivated stays off, and a section they gave another workflow keeps it.
    """
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    _grant(editors, news_index, EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS)
    _grant(reviewers, news_index, REVIEWER_PAGE_PERMISSIONS, REVIEWER_COLLECTION_PERMISSIONS)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
        if not task.groups.exists():
            task.groups.add(reviewers)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if workflow.active and not WorkflowPage.objects.filter(page=news_index).exists():
        WorkflowPage.objects.create(page=news_index, workflow=workflow)
    return workflow
