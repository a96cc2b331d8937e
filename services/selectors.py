"""Reads of the online services: catalogue, dossier look-ups, officers' queue, statistics."""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.cache import cache
from django.db.models import Avg, BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import codes
from cms.text import fold
from cms.validators import normalize_phone
from services.choices import OPEN_STATUSES, EmailStatus, Status, Timeliness
from services.records import Application, ApplicationEvent
from services.workdays import add_working_hours, holidays_between, office_periods

if TYPE_CHECKING:
    from services.models import ProcedurePage


def procedure_queryset(index_page=None) -> QuerySet[ProcedurePage]:
    qs = apps.get_model("services", "ProcedurePage").objects.live().public()
    if index_page is not None:
        qs = qs.descendant_of(index_page)
    return qs.order_by("field", "title")


def procedure_list(*, index_page=None, q: str = "", field: str = "", level: str = "", agency: str = "") -> list:
    """Procedures matching the catalogue filters; the text query ignores tones and case."""
    qs = procedure_queryset(index_page)
    if field:
        qs = qs.filter(field=field)
    if level:
        qs = qs.filter(level=level)
    if agency:
        qs = qs.filter(agency=agency)
    terms = fold(q).split()
    if not terms:
        return list(qs)
    # search_text() reads the components: fetch them in one query, only when searching.
    return [p for p in qs.prefetch_related("components") if all(t in fold(p.search_text()) for t in terms)]


def procedure_facets(*, index_page=None) -> dict[str, list[str]]:
    qs = procedure_queryset(index_page)
    return {
        "fields": sorted(set(qs.values_list("field", flat=True)), key=fold),
        "agencies": sorted(set(qs.values_list("agency", flat=True)), key=fold),
    }


def procedure_get_by_code(code: str) -> ProcedurePage | None:
    return procedure_queryset().filter(code=code.strip()).first()


def application_get_by_code(code: str) -> Application | None:
    code = codes.normalize(code)
    if not codes.is_valid(code):
        return None
    return Application.objects.select_related("procedure", "assigned_to").filter(code=code).first()


def contact_matches(application: Application, contact: str) -> bool:
    contact = (contact or "").strip()
    if not contact:
        return False
    if "@" in contact:
        return bool(application.applicant_email) and application.applicant_email.lower() == contact.lower()
    return normalize_phone(contact) == application.applicant_phone


def application_for_citizen(code: str, contact: str) -> Application | None:
    """The dossier when code and contact agree; None otherwise, whatever was wrong."""
    application = application_get_by_code(code)
    if application is None or not contact_matches(application, contact):
        return None
    return application


def public_events(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.filter(public=True).order_by("created_at", "pk")


def overdue_q(now=None) -> Q:
    now = now or timezone.now()
    return Q(status=Status.NEW, receipt_due_at__lt=now) | Q(status__in=OPEN_STATUSES - {Status.NEW}, due_at__lt=now)


def due_soon_boundary(now=None):
    """One working day of office hours after `now`: a dossier due before it is "due soon".

    The holiday calendar is read once an hour, so that the dashboard stays at one query."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    key = f"services:holidays:{day.isoformat()}"
    holidays = cache.get(key)
    if holidays is None:
        holidays = holidays_between(day, day + timedelta(days=60))
        cache.set(key, holidays, 3600)
    hours = sum((end.hour * 60 + end.minute - start.hour * 60 - start.minute) / 60 for start, end in office_periods())
    return add_working_hours(now, hours, holidays)


def due_soon_q(now=None, soon=None) -> Q:
    """Open dossiers whose current deadline (receipt, then result) falls within one working day."""
    now = now or timezone.now()
    soon = soon or due_soon_boundary(now)
    return Q(status=Status.NEW, receipt_due_at__gte=now, receipt_due_at__lt=soon) | Q(
        status__in=OPEN_STATUSES - {Status.NEW}, due_at__gte=now, due_at__lt=soon
    )


def officer_counts(*, user, now=None) -> dict[str, int]:
    """The officer's dashboard in one query: new dossiers, open ones assigned to `user`, due
    within one working day, overdue, and dossiers whose e-mail could not be sent."""
    now = now or timezone.now()
    return Application.objects.aggregate(
        new=Count("pk", filter=Q(status=Status.NEW)),
        mine=Count("pk", filter=Q(assigned_to=user, status__in=OPEN_STATUSES)),
        due_soon=Count("pk", filter=due_soon_q(now, due_soon_boundary(now))),
        overdue=Count("pk", filter=overdue_q(now)),
        email_failed=Count("pk", filter=Q(email_status=EmailStatus.FAILED)),
    )


def officer_queryset(now=None) -> QuerySet[Application]:
    """Every dossier for the officers' list, with `is_overdue` and the deadline that applies
    now (`deadline`: receipt before reception, result afterwards, none once closed)."""
    now = now or timezone.now()
    return Application.objects.select_related("procedure", "assigned_to").annotate(
        is_overdue=Case(When(overdue_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
        deadline=Case(
            When(status=Status.NEW, then=F("receipt_due_at")),
            When(status__in=OPEN_STATUSES, then=F("due_at")),
            default=None,
        ),
    )


def application_search_q(q: str) -> Q:
    """A code (in any spacing or case), a part of the applicant's name or phone number."""
    return (
        Q(code__icontains=codes.normalize(q))
        | Q(applicant_name__icontains=q)
        | Q(applicant_phone__icontains=normalize_phone(q) or q)
    )


def application_data_rows(application: Application) -> list[tuple[str, str]]:
    """The answers of the application form as (label, text), in the form's order."""
    labels = {spec.name: spec.label for spec in application.procedure.form_fields.all()}
    rows = []
    for name, value in (application.data or {}).items():
        if isinstance(value, dict):
            value = ", ".join(v for v in (value.get("ward_name"), value.get("province_name")) if v)
        elif isinstance(value, bool):
            value = _("Có") if value else _("Không")
        rows.append((labels.get(name, name), "" if value is None else str(value)))
    return rows


def statistics_rows(*, procedure=None) -> list[dict]:
    """Per procedure and month of submission: received, completed, early/on time/late, rating."""
    qs = Application.objects.all()
    if procedure is not None:
        qs = qs.filter(procedure=procedure)
    rows = (
        qs.annotate(month=TruncMonth("submitted_at"))
        .values("month", "procedure_id", "procedure__title", "procedure__code")
        .annotate(
            submitted=Count("pk"),
            received=Count("pk", filter=Q(received_at__isnull=False)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            early=Count("pk", filter=Q(timeliness=Timeliness.EARLY)),
            on_time=Count("pk", filter=Q(timeliness=Timeliness.ON_TIME)),
            late=Count("pk", filter=Q(timeliness=Timeliness.LATE)),
            ratings=Count("rating"),
            average_rating=Avg("rating"),
        )
        .order_by("-month", "procedure__title")
    )
    return [
        {
            "month": r["month"],
            "procedure": r["procedure__title"],
            "procedure_code": r["procedure__code"],
            "submitted": r["submitted"],
            "received": r["received"],
            "completed": r["completed"],
            "early": r["early"],
            "on_time": r["on_time"],
            "late": r["late"],
            "ratings": r["ratings"],
            "average_rating": round(r["average_rating"], 2) if r["average_rating"] is not None else None,
        }
        for r in rows
    ]


def statistics_totals(rows: list[dict]) -> dict:
    keys = ("submitted", "received", "completed", "early", "on_time", "late", "ratings")
    totals = OrderedDict((k, sum(r[k] for r in rows)) for k in keys)
    weighted = sum((r["average_rating"] or 0) * r["ratings"] for r in rows)
    totals["average_rating"] = round(weighted / totals["ratings"], 2) if totals["ratings"] else None
    done = totals["early"] + totals["on_time"]
    totals["on_time_rate"] = round(100 * done / totals["completed"], 1) if totals["completed"] else None
    return totals
