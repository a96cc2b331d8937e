"""The tips' retention rules for `manage.py purge` (registered from ReportsConfig.ready)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from cms import retention
from reports.models import Report
from reports.services import reports_purge

RESOLVED = (Report.Status.RESOLVED,)
UNFOUNDED = (Report.Status.UNFOUNDED,)


def register_rules() -> None:
    def rule(statuses, setting):
        def run(now: datetime, dry_run: bool) -> int:
            return reports_purge(days=getattr(settings, setting), now=now, dry_run=dry_run, statuses=statuses)

        return {
            "settings_name": setting,
            "count": lambda now: run(now, True),
            "purge": lambda now: run(now, False),
        }

    retention.register(
        retention.RetentionRule(
            name="reports",
            label_vi="Phản ánh, tố giác đã giải quyết",
            help_vi="Phản ánh đã giải quyết xong, kèm thông tin người phản ánh, trao đổi và tệp chứng cứ; "
            "nhật ký xử lý chỉ còn mã phản ánh.",
            **rule(RESOLVED, "REPORTS_RETENTION_DAYS"),
        )
    )
    retention.register(
        retention.RetentionRule(
            name="reports_unfounded",
            label_vi="Phản ánh không đủ cơ sở",
            help_vi="Phản ánh kết luận không đủ cơ sở (gửi nhầm, tin rác), kèm mọi thứ như trên.",
            **rule(UNFOUNDED, "REJECTED_RETENTION_DAYS"),
        )
    )
