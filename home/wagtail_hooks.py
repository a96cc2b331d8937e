"""The administrators' dashboard panel and screen for background tasks (e-mails to citizens
and officers, search indexing): a failure there is the one thing nobody else would notice."""

from django.db.models import Count as Counted
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.dashboard import Count, CountsPanel


class TaskResultPermissionPolicy(ModelPermissionPolicy):
    """Administrators read task results; nobody adds or edits them by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser


class TaskResultViewSet(ModelViewSet):
    """Read-only list of background task results under Settings, filtered by status."""

    model = DBTaskResult
    name = "tac-vu-nen"
    icon = "cogs"
    menu_label = _("Tác vụ nền")
    add_to_settings_menu = True
    list_display = ["task_path", "status", "enqueued_at", "finished_at", "exception_class_path"]
    list_filter = ["status"]
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: the policy allows no add or edit
    permission_policy = TaskResultPermissionPolicy(DBTaskResult)


@hooks.register("register_admin_viewset")
def register_task_results():
    return TaskResultViewSet()


def task_counts() -> dict[str, int]:
    """Failed and waiting background tasks, in one query."""
    return DBTaskResult.objects.aggregate(
        failed=Counted("pk", filter=Q(status=TaskResultStatus.FAILED)),
        waiting=Counted("pk", filter=Q(status=TaskResultStatus.READY)),
    )


@hooks.register("construct_homepage_panels")
def administrator_dashboard(request, panels):
    if not request.user.is_superuser:
        return
    counts = task_counts()
    tasks = reverse("tac-vu-nen:index")
    items = [
        Count(_("Tác vụ nền thất bại"), counts["failed"], f"{tasks}?status={TaskResultStatus.FAILED}", urgent=True),
        Count(_("Tác vụ nền đang chờ"), counts["waiting"], f"{tasks}?status={TaskResultStatus.READY}"),
    ]
    panels.append(CountsPanel(name="bang-tin-he-thong", heading=_("Hệ thống"), counts=items, order=60))
