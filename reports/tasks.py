"""Background work after a tip is stored: tell the officers on duty that something is waiting."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django_tasks import task

from cms import addresses
from reports.groups import OFFICER_GROUP


@task()
def notify_new_report(report_id: int, base_url: str = "") -> int:
    """E-mail the officers' group that a new tip arrived. Only the code and category travel by
    e-mail: the content stays in the portal, behind the login."""
    from reports.models import Report

    report = Report.objects.select_related("category__parent").filter(pk=report_id).first()
    if report is None:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=OFFICER_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    base = (base_url or addresses.base_url()).rstrip("/")
    return send_mail(
        subject=f"Phản ánh mới {report.code} – {report.category.top.name}",
        message=f"Có phản ánh, tố giác mới cần tiếp nhận: {report.code}.\n{base}/admin/phan-anh/{report.pk}/",
        from_email=None,
        recipient_list=recipients,
    )
