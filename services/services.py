"""Writes of the online services: submitting, moving a dossier along, citizens' acts.

Every function is keyword-only, validates, and runs in one transaction; e-mails are queued
only once the transaction has committed (`transaction.on_commit`).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import codes, receipts
from cms.text import clean, clean_line
from cms.uploads import CleanFile
from services import workdays, workflow
from services.choices import EmailStatus, Status, Timeliness
from services.records import Application, ApplicationEvent, ApplicationFile
from services.tasks import queue_application_email

if TYPE_CHECKING:
    from services.models import ProcedureComponent, ProcedurePage

CODE_PREFIX = "HS"
RECEIPT_SCOPE = "services"
RECEIPT_HOURS = 8  # Decree 45/2020/NĐ-CP: receipt of an online dossier within 8 working hours
CITIZEN = "Công dân"


class TransitionError(ValidationError):
    """An illegal status change: refused with a message, nothing changed."""


def _new_code() -> str:
    return codes.allocate(CODE_PREFIX, lambda code: Application.objects.filter(code=code).exists())


def _store_file(
    *, application: Application, clean_file: CleanFile, kind: str, component_name: str = ""
) -> ApplicationFile:
    record = ApplicationFile(
        application=application,
        kind=kind,
        component_name=component_name,
        original_name=clean_file.name,
        content_type=clean_file.content_type,
        size=clean_file.size,
    )
    record.file.save(f"{uuid.uuid4().hex}.{clean_file.kind}", ContentFile(clean_file.content), save=False)
    record.full_clean()
    record.save()
    return record


def application_submit(
    *,
    procedure: ProcedurePage,
    applicant_name: str,
    applicant_phone: str,
    applicant_email: str = "",
    data: dict,
    attachments: list[tuple[ProcedureComponent, CleanFile]],
    form_token: uuid.UUID | None = None,
    sender: str = "",
    channel: str = "web",
) -> tuple[Application, bool]:
    """Store a dossier, its files and its receipt in one transaction; returns (application,
    created).

    A second post with the same form token by the same sender returns the first dossier
    (created=False) instead of a duplicate; by another sender it raises
    `cms.receipts.ReplayRefused`. The confirmation e-mail is queued after commit and never
    fails the submit.
    """
    if not procedure.accepts_online:
        raise ValidationError(_("Thủ tục này không tiếp nhận hồ sơ trực tuyến."), code="offline")
    previous = _previous(form_token, sender)
    if previous:
        return previous, False
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application(
                code=_new_code(),
                procedure=procedure,
                procedure_code=procedure.code,
                procedure_name=procedure.title,
                applicant_name=clean_line(applicant_name),
                applicant_phone=applicant_phone,
                applicant_email=clean(applicant_email).lower(),
                data=data,
                consent_at=now,
                consent_purpose=clean(procedure.data_purpose),
                form_token=form_token,
                channel=channel,
                submitted_at=now,
                receipt_due_at=workdays.add_working_hours(now, RECEIPT_HOURS),
                email_status=EmailStatus.PENDING if applicant_email else EmailStatus.NONE,
            )
            application.full_clean(exclude=["form_token"])
            application.save()
            for component, clean_file in attachments:
                _store_file(
                    application=application,
                    clean_file=clean_file,
                    kind=ApplicationFile.Kind.COMPONENT,
                    component_name=component.name,
                )
            ApplicationEvent.objects.create(
                application=application,
                actor_label=CITIZEN,
                from_status=None,
                to_status=Status.NEW,
                note=_("Nộp hồ sơ trực tuyến."),
            )
            receipts.receipt_store(scope=RECEIPT_SCOPE, form_token=form_token, code=application.code, sender=sender)
            if application.applicant_email:
                transaction.on_commit(lambda: queue_application_email(application.pk, "submitted"))
    except IntegrityError:
        previous = _previous(form_token, sender)
        if previous:
            return previous, False
        raise
    return application, True


def _previous(form_token, sender: str) -> Application | None:
    """The dossier already stored with this form token, for the sender of the first post only."""
    existing = Application.objects.filter(form_token=form_token).first() if form_token else None
    if existing is not None:
        receipts.receipt_again(scope=RECEIPT_SCOPE, form_token=form_token, sender=sender)
    return existing


def _record(
    *, application: Application, to_status: int | None, note: str, public: bool, actor=None, actor_label=""
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        actor_label=actor_label or (actor.get_full_name() or actor.get_username() if actor else CITIZEN),
        from_status=application.status if to_status is not None else None,
        to_status=to_status,
        note=clean(note),
        public=public,
    )


def _check(application: Application, to_status: int) -> None:
    if to_status not in workflow.allowed_targets(application.status):
        raise TransitionError(
            _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
            % {"from": Status(application.status).label, "to": Status(to_status).label},
            code="illegal_transition",
        )


def _apply_status(application: Application, to_status: int) -> None:
    now = timezone.now()
    if to_status == Status.RECEIVED and application.received_at is None:
        application.received_at = now
        application.due_at = workdays.due_after_working_days(now, application.procedure.processing_days)
    if to_status == Status.DONE:
        application.completed_at = now
        application.timeliness = timeliness_of(completed_at=now, due_at=application.due_at)
    if to_status == Status.RETURNED:
        application.returned_at = now
    application.status = to_status


def timeliness_of(*, completed_at, due_at) -> str:
    """Early when finished on a working day before the due day, late after the due time."""
    if due_at is None:
        return Timeliness.ON_TIME
    if completed_at > due_at:
        return Timeliness.LATE
    if timezone.localtime(completed_at).date() < timezone.localtime(due_at).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


@transaction.atomic
def application_transition(
    *, application: Application, to_status: int, actor, note: str = "", public: bool = True
) -> ApplicationEvent:
    """An officer moves the dossier to `to_status`; illegal moves raise TransitionError."""
    application = Application.objects.select_for_update().select_related("procedure").get(pk=application.pk)
    to_status = int(to_status)
    if actor is None or not actor.has_perm("services.process_application"):
        raise PermissionDenied
    _check(application, to_status)
    if to_status in workflow.CITIZEN_TARGETS:
        raise TransitionError(_("Chỉ công dân mới có thể yêu cầu rút hồ sơ."), code="citizen_only")
    if application.status == Status.SUPPLEMENT and to_status in workflow.SUPPLEMENT_RETURNS:
        raise TransitionError(
            _("Hồ sơ đang chờ công dân bổ sung giấy tờ; hồ sơ tự mở lại khi công dân gửi bổ sung."),
            code="awaiting_citizen",
        )
    if to_status in {Status.SUPPLEMENT, Status.REJECTED, Status.FINANCIAL, Status.STOPPED} and not clean(note):
        raise TransitionError(_("Vui lòng ghi rõ lý do, nội dung cần công dân biết."), code="note_required")
    event = _record(application=application, to_status=to_status, note=note, public=public, actor=actor)
    _apply_status(application, to_status)
    application.save()
    if application.applicant_email and to_status in {
        Status.RECEIVED,
        Status.REJECTED,
        Status.SUPPLEMENT,
        Status.FINANCIAL,
        Status.DONE,
        Status.STOPPED,
    }:
        pk = application.pk
        transaction.on_commit(lambda: queue_application_email(pk, "status"))
    return event


@transaction.atomic
def application_assign(*, application: Application, assignee, actor) -> ApplicationEvent:
    """Give the dossier to an officer (or to nobody); recorded as an internal event."""
    if not actor.has_perm("services.process_application"):
        raise PermissionDenied
    if assignee is not None and not assignee.has_perm("services.process_application"):
        raise ValidationError(_("Người được giao không phải cán bộ tiếp nhận hồ sơ."), code="not_officer")
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.assigned_to = assignee
    application.save(update_fields=["assigned_to"])
    label = (assignee.get_full_name() or assignee.get_username()) if assignee else _("không ai")
    return _record(
        application=application,
        to_status=None,
        note=_("Giao hồ sơ cho %(name)s.") % {"name": label},
        public=False,
        actor=actor,
    )


@transaction.atomic
def application_add_note(*, application: Application, actor, note: str, public: bool) -> ApplicationEvent:
    if not actor.has_perm("services.process_application"):
        raise PermissionDenied
    if not clean(note):
        raise ValidationError(_("Ghi chú trống."), code="empty")
    return _record(application=application, to_status=None, note=note, public=public, actor=actor)


@transaction.atomic
def application_add_results(*, application: Application, actor, files: list[CleanFile]) -> list[ApplicationFile]:
    """Attach the result documents an officer issues (the citizen can download them)."""
    if not actor.has_perm("services.process_application"):
        raise PermissionDenied
    stored = [_store_file(application=application, clean_file=f, kind=ApplicationFile.Kind.RESULT) for f in files]
    _record(
        application=application,
        to_status=None,
        note=_("Đính kèm kết quả giải quyết: %(names)s.") % {"names": ", ".join(f.name for f in files)},
        public=True,
        actor=actor,
    )
    return stored


@transaction.atomic
def application_supplement(*, application: Application, files: list[CleanFile], note: str = "") -> Application:
    """The citizen sends the documents asked for; the dossier returns to where it was."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.SUPPLEMENT:
        raise TransitionError(_("Hồ sơ không ở trạng thái yêu cầu bổ sung giấy tờ."), code="not_supplement")
    request_event = application.events.filter(to_status=Status.SUPPLEMENT).order_by("-created_at", "-pk").first()
    back_to = request_event.from_status if request_event else Status.PROCESSING
    if back_to not in workflow.SUPPLEMENT_RETURNS:
        back_to = Status.PROCESSING
    for f in files:
        _store_file(application=application, clean_file=f, kind=ApplicationFile.Kind.SUPPLEMENT)
    names = ", ".join(f.name for f in files)
    text = _("Công dân gửi giấy tờ bổ sung: %(names)s.") % {"names": names}
    if clean(note):
        text = f"{text}\n{clean(note)}"
    _record(application=application, to_status=back_to, note=text, public=True)
    _apply_status(application, back_to)
    application.save()
    return application


@transaction.atomic
def application_withdraw(*, application: Application, reason: str) -> Application:
    """The citizen asks to withdraw the dossier; an officer then stops its processing."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not clean(reason):
        raise ValidationError(_("Vui lòng nêu lý do rút hồ sơ."), code="reason")
    _check(application, Status.WITHDRAW_REQUESTED)
    _record(application=application, to_status=Status.WITHDRAW_REQUESTED, note=reason, public=True)
    _apply_status(application, Status.WITHDRAW_REQUESTED)
    application.save()
    return application


@transaction.atomic
def application_rate(*, application: Application, rating: int, comment: str = "") -> Application:
    """The citizen's satisfaction (1–5), only once the dossier has a result, only once."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in workflow.RATABLE:
        raise ValidationError(_("Chỉ đánh giá được khi hồ sơ đã được giải quyết xong."), code="not_done")
    if application.rating is not None:
        raise ValidationError(_("Hồ sơ này đã được đánh giá."), code="already_rated")
    if int(rating) not in range(1, 6):
        raise ValidationError(_("Mức đánh giá phải từ 1 đến 5."), code="range")
    application.rating = int(rating)
    application.rating_comment = clean(comment)
    application.rated_at = timezone.now()
    application.save(update_fields=["rating", "rating_comment", "rated_at"])
    _record(
        application=application,
        to_status=None,
        note=_("Công dân đánh giá mức hài lòng: %(n)s/5.") % {"n": application.rating},
        public=True,
    )
    return application
