"""The demo office of `load_initial_data`: dossiers in every status and tips in every state,
with real histories spread over the last months, marked as demo data, created only once."""

from __future__ import annotations

import os
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports.demo_tips import TIPS
from reports.models import Report, ReportEvent, ReportMessage
from services import selectors as service_selectors
from services.demo_dossiers import DEMO_MARK, DOSSIERS
from services.models import Application, ApplicationEvent, Status

pytestmark = pytest.mark.django_db


def _load():
    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _snapshot():
    return (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Report.objects.count(),
        ReportEvent.objects.count(),
        ReportMessage.objects.count(),
    )


def test_demo_office_has_every_status_and_loads_once():
    _load()
    demo = Application.objects.filter(applicant_name__endswith=DEMO_MARK)
    assert demo.count() == len(DOSSIERS)
    statuses = Counter(demo.values_list("status", flat=True))
    assert statuses == {
        Status.NEW: 2,
        Status.RECEIVED: 1,
        Status.PROCESSING: 3,  # one of them long overdue
        Status.SUPPLEMENT: 1,
        Status.FINANCIAL: 1,
        Status.DONE: 1,
        Status.RETURNED: 2,
        Status.REJECTED: 1,
        Status.STOPPED: 1,
        Status.WITHDRAW_REQUESTED: 1,
    }
    assert demo.filter(service_selectors.overdue_q()).count() >= 2  # a new one past receipt, one past its result
    assert demo.filter(assigned_to__username="canbo_hoso").count() == 3
    assert demo.exclude(rating=None).count() == 2
    assert demo.filter(timeliness="late").exists()

    oldest = demo.order_by("submitted_at").first()
    assert oldest.submitted_at < timezone.now() - timedelta(days=100)
    for application in demo:
        times = list(application.events.order_by("pk").values_list("created_at", flat=True))
        assert times == sorted(times) and times[0] == application.submitted_at
        assert times[-1] <= timezone.now()
    supplemented = demo.get(applicant_name__startswith="Vũ Thị Hạnh")
    assert supplemented.status == Status.PROCESSING and supplemented.files.filter(kind="supplement").exists()
    assert ApplicationEvent.objects.filter(application__in=demo, public=False, note__contains="đối chiếu").exists()

    tips = Report.objects.filter(description__endswith=DEMO_MARK)
    assert tips.count() == len(TIPS)
    assert set(tips.values_list("status", flat=True)) == set(Report.Status.values)
    assert set(tips.values_list("channel", flat=True)) == set(Report.Channel.values)
    assert set(tips.values_list("category__parent__code", flat=True)) == {
        "an-ninh-chinh-tri",
        "toi-pham-hinh-su",
        "te-nan-xa-hoi",
        "khac",
    }
    assert Counter(tips.values_list("status", flat=True)) == Counter(state for _, _, _, state, _, _ in TIPS)
    for report in tips.exclude(status=Report.Status.NEW):
        actions = set(report.events.values_list("action", flat=True))
        assert ReportEvent.Action.STATUS in actions or ReportEvent.Action.FORWARD in actions
    assert ReportMessage.objects.filter(report__in=tips, kind=ReportMessage.Kind.NOTE).count() >= 5
    resolved = tips.filter(status=Report.Status.RESOLVED)
    assert all(r.closed_at and r.closed_at > r.received_at for r in resolved)
    assert tips.order_by("received_at").first().received_at < timezone.now() - timedelta(days=100)
    assert tips.filter(identity__name__endswith=DEMO_MARK).count() == sum(1 for tip in TIPS if tip[4])

    before = _snapshot()
    _load()
    assert _snapshot() == before
