"""Status transitions in one place, events for every change, working-day due dates."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from services import workdays, workflow
from services.models import Application, Holiday, Status, Timeliness
from services.services import TransitionError, application_submit, application_transition, timeliness_of

pytestmark = pytest.mark.django_db


def submit(procedure) -> Application:
    application, _ = application_submit(
        procedure=procedure, applicant_name="Lê Văn Bình", applicant_phone="0987654321", data={}, attachments=[]
    )
    return application


def move(application, *statuses, actor, note="Ghi chú"):
    for status in statuses:
        application_transition(application=application, to_status=status, actor=actor, note=note)
    application.refresh_from_db()
    return application


OFFICER_EDGES = [
    (src, dst)
    for src, targets in workflow.TRANSITIONS.items()
    for dst in targets
    if dst not in workflow.CITIZEN_TARGETS and not (src == Status.SUPPLEMENT and dst in workflow.SUPPLEMENT_RETURNS)
]
# How to bring a fresh dossier to each status through legal moves.
PATHS = {
    Status.NEW: [],
    Status.RECEIVED: [Status.RECEIVED],
    Status.PROCESSING: [Status.RECEIVED, Status.PROCESSING],
    Status.SUPPLEMENT: [Status.RECEIVED, Status.SUPPLEMENT],
    Status.FINANCIAL: [Status.RECEIVED, Status.FINANCIAL],
    Status.DONE: [Status.RECEIVED, Status.PROCESSING, Status.DONE],
}


@pytest.mark.parametrize(("src", "dst"), OFFICER_EDGES, ids=lambda s: Status(s).name)
def test_every_legal_officer_transition(procedure, officer, src, dst):
    if src == Status.WITHDRAW_REQUESTED:
        from services.services import application_withdraw

        application = application_withdraw(application=submit(procedure), reason="Không còn nhu cầu")
    else:
        application = move(submit(procedure), *PATHS[src], actor=officer)
    assert application.status == src
    before = application.events.count()
    event = application_transition(application=application, to_status=dst, actor=officer, note="Lý do")
    application.refresh_from_db()
    assert application.status == dst
    assert application.events.count() == before + 1
    assert (event.from_status, event.to_status, event.actor) == (src, dst, officer)
    assert event.note == "Lý do"


def test_withdrawal_request_then_stop(procedure, officer):
    from services.services import application_withdraw

    application = move(submit(procedure), Status.RECEIVED, actor=officer)
    application_withdraw(application=application, reason="Tôi đã chuyển nơi ở khác")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAW_REQUESTED
    assert [s.value for s in workflow.officer_targets(application.status)] == [Status.STOPPED]
    move(application, Status.STOPPED, actor=officer)
    assert application.status == Status.STOPPED


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], Status.DONE),
        ([], Status.PROCESSING),
        ([Status.RECEIVED, Status.PROCESSING, Status.DONE, Status.RETURNED], Status.PROCESSING),
        ([Status.REJECTED], Status.RECEIVED),
        ([Status.RECEIVED, Status.PROCESSING, Status.DONE], Status.STOPPED),
    ],
)
def test_illegal_transition_refused_and_changes_nothing(procedure, officer, path, target):
    application = move(submit(procedure), *path, actor=officer)
    status, events = application.status, application.events.count()
    with pytest.raises(TransitionError) as error:
        application_transition(application=application, to_status=target, actor=officer, note="x")
    assert "Không thể chuyển hồ sơ từ" in error.value.messages[0]
    application.refresh_from_db()
    assert application.status == status
    assert application.events.count() == events


def test_officer_cannot_request_withdrawal_or_close_supplement(procedure, officer):
    application = move(submit(procedure), Status.RECEIVED, Status.SUPPLEMENT, actor=officer)
    with pytest.raises(TransitionError):
        application_transition(application=application, to_status=Status.WITHDRAW_REQUESTED, actor=officer)
    with pytest.raises(TransitionError):
        application_transition(application=application, to_status=Status.PROCESSING, actor=officer)


def test_reason_required_for_supplement_request(procedure, officer):
    application = move(submit(procedure), Status.RECEIVED, actor=officer)
    with pytest.raises(TransitionError):
        application_transition(application=application, to_status=Status.SUPPLEMENT, actor=officer, note="  ")
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_user_without_permission_cannot_transition(procedure, django_user_model):
    editor = django_user_model.objects.create_user("bientap", password="x")
    application = submit(procedure)
    with pytest.raises(PermissionDenied):
        application_transition(application=application, to_status=Status.RECEIVED, actor=editor)


def test_receiving_sets_due_date_in_working_days(procedure, officer):
    application = move(submit(procedure), Status.RECEIVED, actor=officer)
    expected = workdays.due_after_working_days(application.received_at, procedure.processing_days)
    assert application.due_at == expected
    assert application.due_at.weekday() < 5


# --- working days --------------------------------------------------------------------------


def test_add_working_days_skips_weekend():
    friday = date(2026, 3, 6)
    assert workdays.add_working_days(friday, 1, holidays=[]) == date(2026, 3, 9)
    assert workdays.add_working_days(friday, 3, holidays=[]) == date(2026, 3, 11)


def test_add_working_days_skips_holidays_from_the_snippet(db):
    Holiday.objects.create(date=date(2026, 4, 30), name="Ngày Chiến thắng")
    Holiday.objects.create(date=date(2026, 5, 1), name="Quốc tế Lao động")
    wednesday = date(2026, 4, 29)
    # Thu 30/4 and Fri 1/5 are holidays, then the weekend: next working day is Mon 4/5.
    assert workdays.add_working_days(wednesday, 1) == date(2026, 5, 4)
    assert workdays.add_working_days(wednesday, 3) == date(2026, 5, 6)


def test_receipt_due_within_eight_working_hours_over_weekend(db):
    tz = timezone.get_current_timezone()
    friday_afternoon = datetime(2026, 3, 6, 16, 0, tzinfo=tz)
    due = workdays.add_working_hours(friday_afternoon, 8)
    assert timezone.localtime(due) == datetime(2026, 3, 9, 16, 0, tzinfo=tz)
    saturday = datetime(2026, 3, 7, 10, 0, tzinfo=tz)
    assert timezone.localtime(workdays.add_working_hours(saturday, 8)) == datetime(2026, 3, 9, 17, 0, tzinfo=tz)


def test_receipt_due_skips_holiday(db):
    Holiday.objects.create(date=date(2026, 9, 2), name="Quốc khánh")
    tz = timezone.get_current_timezone()
    tuesday_morning = datetime(2026, 9, 1, 9, 0, tzinfo=tz)
    Holiday.objects.create(date=date(2026, 9, 1), name="Quốc khánh")
    assert timezone.localtime(workdays.add_working_hours(tuesday_morning, 8)) == datetime(2026, 9, 3, 17, 0, tzinfo=tz)


def test_timeliness_classification():
    tz = timezone.get_current_timezone()
    due = datetime(2026, 3, 11, 17, 0, tzinfo=tz)
    assert timeliness_of(completed_at=datetime(2026, 3, 10, 9, 0, tzinfo=tz), due_at=due) == Timeliness.EARLY
    assert timeliness_of(completed_at=datetime(2026, 3, 11, 9, 0, tzinfo=tz), due_at=due) == Timeliness.ON_TIME
    assert timeliness_of(completed_at=datetime(2026, 3, 12, 8, 0, tzinfo=tz), due_at=due) == Timeliness.LATE
