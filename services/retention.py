"""Retention of citizens' dossiers: the rules `manage.py purge` runs (registered from
ServicesConfig.ready). A dossier is deleted with everything that belongs to it (its files, its
timeline) once it has been finished for longer than its period; open dossiers are never touched."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from cms import retention
from services.choices import Status
from services.records import Application, ApplicationFile

FINISHED = (Status.DONE, Status.RETURNED, Status.STOPPED)
REJECTED = (Status.REJECTED,)


def applications_expired(*, statuses, days: int, now: datetime):
    """Ids of dossiers in `statuses` whose last status change is older than `days`.

    The last status change comes from the timeline; dossiers without one (imported) fall back
    to their completion, return or submission time."""
    return (
        Application.objects.filter(status__in=statuses)
        .annotate(
            ended_at=Coalesce(
                Max("events__created_at", filter=Q(events__to_status__isnull=False)),
                "returned_at",
                "completed_at",
                "submitted_at",
            )
        )
        .filter(ended_at__lt=now - timedelta(days=days))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _delete(ids: list) -> int:
    storage = ApplicationFile._meta.get_field("file").storage
    names = list(ApplicationFile.objects.filter(application_id__in=ids).values_list("file", flat=True))
    retention.delete_files_on_commit(storage, names)
    _total, per_model = Application.objects.filter(pk__in=ids).delete()
    return per_model.get(Application._meta.label, 0)


def applications_purge(*, statuses, days: int, now: datetime, dry_run: bool = False) -> int:
    """Delete expired dossiers in batches, one transaction each; files go after the commit."""
    expired = applications_expired(statuses=statuses, days=days, now=now)
    if dry_run:
        return expired.count()
    return retention.purge_in_batches(list(expired), _delete)


def register_rules() -> None:
    def rule(statuses, setting):
        def run(now: datetime, dry_run: bool) -> int:
            return applications_purge(statuses=statuses, days=getattr(settings, setting), now=now, dry_run=dry_run)

        return {
            "settings_name": setting,
            "count": lambda now: run(now, True),
            "purge": lambda now: run(now, False),
        }

    retention.register(
        retention.RetentionRule(
            name="services",
            label_vi="Hồ sơ dịch vụ công đã kết thúc",
            help_vi="Hồ sơ đã xử lý xong, đã trả kết quả hoặc dừng xử lý, kèm tệp thành phần, giấy tờ bổ sung, "
            "tệp kết quả và nhật ký hồ sơ.",
            **rule(FINISHED, "SERVICES_RETENTION_DAYS"),
        )
    )
    retention.register(
        retention.RetentionRule(
            name="services_rejected",
            label_vi="Hồ sơ không được tiếp nhận",
            help_vi="Hồ sơ bị từ chối tiếp nhận, kèm tệp và nhật ký hồ sơ.",
            **rule(REJECTED, "REJECTED_RETENTION_DAYS"),
        )
    )
