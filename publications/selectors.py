"""Reads for the publications pages, API, feeds and admin. Page classes are looked up in the
app registry: the pages call these functions from `get_context`."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone

from cms.text import fold


def _model(name: str):
    return apps.get_model("publications", name)


# --- Truy nã ------------------------------------------------------------------------------


def wanted_live(index=None):
    """Live, public notices of people still wanted; the one queryset everything public reads."""
    model = _model("WantedPersonPage")
    qs = model.objects.live().public().filter(status=model.Status.WANTED)
    if index is not None:
        qs = qs.child_of(index)
    return qs.select_related("photo")


def wanted_person_list(*, index=None, q: str = "", year: int | None = None, offence: str = "") -> list:
    """Newest decisions first; `q` matches the full name or any other name, tone-less or not
    (`cms.text.fold` on both sides), every word of the query in order of appearance ignored."""
    qs = wanted_live(index).order_by("-decision_date", "full_name")
    if year:
        qs = qs.filter(decision_date__year=year)
    people = list(qs)
    if offence:
        people = [p for p in people if fold(p.offence) == fold(offence)]
    words = fold(q).split()
    if words:
        people = [p for p in people if _name_matches(p, words)]
    return people


def _name_matches(person, words: list[str]) -> bool:
    for name in [person.full_name, *person.other_names_list()]:
        tokens = fold(name).split()
        if all(word in tokens for word in words):
            return True
    return False


def wanted_decision_years(*, index=None) -> list[int]:
    return sorted({d.year for d in wanted_live(index).values_list("decision_date", flat=True)}, reverse=True)


def wanted_offences(*, index=None) -> list[str]:
    seen: dict[str, str] = {}
    for offence in wanted_live(index).values_list("offence", flat=True):
        seen.setdefault(fold(offence), offence)
    return sorted(seen.values(), key=fold)


# --- Lịch tiếp công dân --------------------------------------------------------------------


def reception_upcoming(*, limit: int | None = None, now: datetime | None = None) -> list:
    now = now or timezone.now()
    qs = _model("ReceptionEntry").objects.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now))
    qs = qs.order_by("starts_at")
    return list(qs[:limit] if limit else qs)


def reception_archive_by_month(*, now: datetime | None = None) -> list[tuple[str, list]]:
    """Past sessions, newest month first: [("07/2026", [entries…]), …]."""
    now = now or timezone.now()
    qs = (
        _model("ReceptionEntry")
        .objects.filter(Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now))
        .order_by("-starts_at")
    )
    months: OrderedDict[str, list] = OrderedDict()
    for entry in qs:
        local = timezone.localtime(entry.starts_at)
        months.setdefault(local.strftime("%m/%Y"), []).append(entry)
    return list(months.items())


def reception_page():
    return _model("ReceptionSchedulePage").objects.live().public().first()


# --- Mô hình phong trào --------------------------------------------------------------------


def movement_published():
    model = _model("MovementModel")
    return model.objects.filter(review_state=model.Review.PUBLISHED).order_by("ward", "name")


@dataclass
class MovementCounts:
    total: int = 0
    reviewed: int = 0
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_ward: list[tuple[str, int]] = field(default_factory=list)


def movement_counts() -> MovementCounts:
    """Counts of the published models by status and by ward, and how many have been reviewed
    ("đã sơ kết"), from one GROUP BY query."""
    model = _model("MovementModel")
    rows = (
        movement_published()
        .order_by()
        .annotate(reviewed=ExpressionWrapper(Q(last_review_date__isnull=False), output_field=BooleanField()))
        .values("ward", "status", "reviewed")
        .annotate(n=Count("id"))
    )
    counts = MovementCounts()
    statuses: dict[str, int] = {value: 0 for value in model.Status.values}
    wards: dict[str, int] = {}
    for row in rows:
        counts.total += row["n"]
        if row["reviewed"]:
            counts.reviewed += row["n"]
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["n"]
        wards[row["ward"]] = wards.get(row["ward"], 0) + row["n"]
    labels = dict(model.Status.choices)
    counts.by_status = [(str(labels.get(key, key)), n) for key, n in statuses.items()]
    counts.by_ward = sorted(wards.items(), key=lambda item: (-item[1], fold(item[0])))
    return counts


def movement_page():
    return _model("MovementPage").objects.live().public().first()


# --- Hỏi đáp -------------------------------------------------------------------------------


def question_pages(*, index=None):
    qs = _model("QuestionPage").objects.live().public()
    if index is not None:
        qs = qs.child_of(index)
    return qs.order_by("-answered_on", "-pk")


def question_index():
    return _model("QuestionIndexPage").objects.live().public().first()


def question_by_token(form_token):
    if not form_token:
        return None
    return _model("Question").objects.filter(form_token=form_token).first()


def movement_by_token(form_token):
    if not form_token:
        return None
    return _model("MovementModel").objects.filter(form_token=form_token).first()
