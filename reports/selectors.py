"""Reads for tips: categories, the officers' queue, one report with its conversation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from reports.models import Report, ReportCategory, ReportEvent, ReportMessage


def category_tree(active_only: bool = True) -> list[ReportCategory]:
    """Top-level categories in order, each with `active_children` attached."""
    children = ReportCategory.objects.filter(parent__isnull=False)
    if active_only:
        children = children.filter(is_active=True)
    tops = ReportCategory.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("children", queryset=children.order_by("sort_order", "name"), to_attr="active_children")
    )
    return list(tops.order_by("sort_order", "name"))


def category_get(code: str) -> ReportCategory | None:
    return ReportCategory.objects.select_related("parent").filter(code=code).first()


def report_get_by_code(code: str) -> Report | None:
    return Report.objects.select_related("category__parent", "unit").filter(code=code).first()


def report_public_messages(report: Report) -> QuerySet[ReportMessage]:
    """What the reporter may see: the exchange with the officer, never internal notes."""
    return (
        report.messages.exclude(kind=ReportMessage.Kind.NOTE)
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )


def local_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the site's time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def report_queue(
    *,
    status: str = "",
    category: str = "",
    channel: str = "",
    ward: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
) -> QuerySet[Report]:
    """The officers' queue, newest first, with the usual filters (all optional)."""
    qs = Report.objects.select_related("category__parent", "unit")
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(Q(category__code=category) | Q(category__parent__code=category))
    if channel:
        qs = qs.filter(channel=channel)
    if ward:
        qs = qs.filter(ward_code=ward)
    if date_from:
        qs = qs.filter(received_at__gte=local_day_bounds(date_from, date_from)[0])
    if date_to:
        qs = qs.filter(received_at__lt=local_day_bounds(date_to, date_to)[1])
    if q:
        qs = qs.filter(code__icontains=q.replace("-", "").upper())
    return qs.order_by("-received_at", "-pk")


def report_events(report: Report) -> QuerySet[ReportEvent]:
    return ReportEvent.objects.filter(report_code=report.code).order_by("-created_at", "-pk")
