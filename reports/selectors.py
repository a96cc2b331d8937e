"""Reads for tips: categories, the officers' queue, one report with its conversation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
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


def subject_page_get(page_id) -> tuple[int, str] | None:
    """(id, title) of the live, public page a tip is about (`?doi_tuong=` on the form), or None."""
    from wagtail.models import Page

    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=2).values_list("pk", "title").first()
    return (page[0], page[1]) if page else None


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


# What an officer does to a tip that makes it one of "theirs" (viewing does not).
HANDLING_ACTIONS = (
    ReportEvent.Action.CREATE,
    ReportEvent.Action.STATUS,
    ReportEvent.Action.FORWARD,
    ReportEvent.Action.NOTE,
    ReportEvent.Action.MESSAGE,
    ReportEvent.Action.DUPLICATE,
)
DUE_SOON, OVERDUE = "sap-den-han", "qua-han"


def working_days_before(moment: datetime, days: int) -> datetime:
    """The same time of day `days` working days (Monday to Friday) before `moment`."""
    local = timezone.localtime(moment)
    day = local.date()
    while days > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return datetime.combine(day, local.timetz())


def due_q(which: str, now: datetime | None = None) -> Q:
    """Open tips past their handling period (`REPORTS_DUE_WORKING_DAYS` working days after
    receipt, 10 by default), or reaching it within one working day."""
    now = now or timezone.now()
    days = int(getattr(settings, "REPORTS_DUE_WORKING_DAYS", 10))
    due_before = working_days_before(now, days)
    is_open = ~Q(status__in=Report.CLOSED)
    if which == OVERDUE:
        return is_open & Q(received_at__lt=due_before)
    return is_open & Q(received_at__gte=due_before, received_at__lt=working_days_before(now, days - 1))


def handled_by_q(user) -> Q:
    """Open tips `user` has recorded, triaged, forwarded, annotated or answered."""
    events = ReportEvent.objects.filter(report=OuterRef("pk"), user=user, action__in=HANDLING_ACTIONS)
    return ~Q(status__in=Report.CLOSED) & Q(Exists(events))


def officer_counts(*, user, now: datetime | None = None) -> dict[str, int]:
    """The officer's dashboard in one query: new tips, open tips they handle, tips due within
    one working day and overdue ones."""
    now = now or timezone.now()
    return Report.objects.aggregate(
        new=Count("pk", filter=Q(status=Report.Status.NEW)),
        mine=Count("pk", filter=handled_by_q(user)),
        due_soon=Count("pk", filter=due_q(DUE_SOON, now)),
        overdue=Count("pk", filter=due_q(OVERDUE, now)),
    )


def officer_queryset(now: datetime | None = None) -> QuerySet[Report]:
    """Every tip for the officers' list, with `is_overdue` (open past its handling period)."""
    overdue = Case(When(due_q(OVERDUE, now), then=Value(True)), default=Value(False), output_field=BooleanField())
    return Report.objects.select_related("category__parent", "unit").annotate(is_overdue=overdue)


def category_q(code: str) -> Q:
    """Tips of a category or of any of its sub-categories."""
    return Q(category__code=code) | Q(category__parent__code=code)


def code_search_q(q: str) -> Q:
    return Q(code__icontains=q.replace("-", "").replace(" ", "").upper())


def report_due_at(report: Report) -> datetime | None:
    """The end of an open tip's handling period (`REPORTS_DUE_WORKING_DAYS` working days)."""
    if report.status in Report.CLOSED:
        return None
    local = timezone.localtime(report.received_at)
    day, days = local.date(), int(getattr(settings, "REPORTS_DUE_WORKING_DAYS", 10))
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return datetime.combine(day, local.timetz())


def report_events(report: Report) -> QuerySet[ReportEvent]:
    return ReportEvent.objects.filter(report_code=report.code).order_by("-created_at", "-pk")
