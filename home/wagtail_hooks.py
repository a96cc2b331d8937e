"""The administrators' dashboard panel: background tasks that failed (e-mails to citizens and
officers, search indexing) – the one thing on the portal nobody else would notice."""

from django.db.models import Count as Counted
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from cms.dashboard import Count, CountsPanel


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
    tasks = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    items = [
        Count(_("Tác vụ nền thất bại"), counts["failed"], f"{tasks}?status__exact=FAILED", urgent=True),
        Count(_("Tác vụ nền đang chờ"), counts["waiting"], f"{tasks}?status__exact=READY"),
    ]
    panels.append(CountsPanel(name="bang-tin-he-thong", heading=_("Hệ thống"), counts=items, order=60))
