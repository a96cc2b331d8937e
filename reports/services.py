"""Writes for tips: intake from every channel, follow-up with code + PIN, officers' triage,
the audit log, retention. Keyword-only, validated, atomic; notifications only after commit."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import addresses, codes, ratelimit, receipts, retention
from cms.hashing import salted_hash
from cms.uploads import CleanFile
from reports import selectors
from reports.models import (
    Report,
    ReportAttachment,
    ReportCategory,
    ReporterIdentity,
    ReportEvent,
    ReportMessage,
    Unit,
)

CODE_PREFIX = "PA"
PIN_LENGTH = 8
# Wrong PINs in the window: this many per (code, client), or this many per client whatever
# the code, then 429 with Retry-After.
PIN_MAX_FAILURES = 5
PIN_MAX_CLIENT_FAILURES = 20
PIN_WINDOW_SECONDS = 15 * 60
RECEIPT_SCOPE = "reports"
# check_password against this when the code is unknown, so both cases cost the same.
_DUMMY_HASH = None


class TooManyAttempts(Exception):
    """Too many wrong PINs from this client: try again in `retry_after` seconds."""

    def __init__(self, retry_after: int = PIN_WINDOW_SECONDS):
        super().__init__(retry_after)
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(wait)s.") % {
            "wait": ratelimit.minutes_text(self.retry_after)
        }


@dataclass(frozen=True)
class Receipt:
    """What the reporter is shown once: the code and the PIN in clear."""

    report: Report
    pin: str | None
    duplicate: bool = False


def _new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def _new_code() -> str:
    return codes.allocate(CODE_PREFIX, lambda code: Report.objects.filter(code=code).exists())


def _save_files(*, report: Report, files: list[CleanFile], message: ReportMessage | None = None) -> None:
    for item in files:
        attachment = ReportAttachment(report=report, message=message, name=item.name, kind=item.kind, size=item.size)
        attachment.file.save(f"{uuid.uuid4().hex}.{item.kind}", ContentFile(item.content), save=False)
        attachment.full_clean()
        attachment.save()


def _new_message(*, report: Report, kind: str, body: str, author=None) -> ReportMessage:
    message = ReportMessage(report=report, kind=kind, body=body, author=author)
    message.full_clean()
    message.save()
    return message


def _previous_receipt(form_token, sender: str) -> Receipt | None:
    """The receipt of a form already stored with this token: the same code, and the same PIN
    within the receipt window, for the sender of the first post only (ReplayRefused otherwise)."""
    existing = Report.objects.filter(form_token=form_token).first() if form_token else None
    if existing is None:
        return None
    previous = receipts.receipt_again(scope=RECEIPT_SCOPE, form_token=form_token, sender=sender)
    return Receipt(existing, previous.pin or None, duplicate=True)


def event_log(*, report: Report | None, action: str, user=None, detail: str = "") -> ReportEvent:
    """Append one line to the audit log (who, when, what). Never updated afterwards."""
    known = user is not None and user.is_authenticated
    event = ReportEvent(
        report=report,
        report_code=report.code if report else "",
        user=user if known else None,
        username=user.get_username() if known else "",
        action=action,
        detail=detail[:500],
    )
    event.full_clean()
    event.save()
    return event


def report_submit(
    *,
    category: ReportCategory,
    description: str,
    occurred_at: datetime | None = None,
    province_code: int | None = None,
    ward_code: int | None = None,
    address: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    files: list[CleanFile] | None = None,
    form_token: uuid.UUID | None = None,
    sender: str = "",
    channel: str = Report.Channel.WEB,
    received_at: datetime | None = None,
    user=None,
    subject_page_id: int | None = None,
    subject_title: str = "",
) -> Receipt:
    """Store a tip, its identity (only when given), its files and its receipt in one
    transaction; notify officers only after the commit. A second post of the same form by the
    same sender returns the first receipt, with the same PIN (`cms.receipts`)."""
    previous = _previous_receipt(form_token, sender)
    if previous:
        return previous
    pin = _new_pin()
    try:
        with transaction.atomic():
            report = Report(
                code=_new_code(),
                pin_hash=make_password(pin),
                form_token=form_token,
                channel=channel,
                category=category,
                description=description,
                occurred_at=occurred_at,
                province_code=province_code,
                ward_code=ward_code,
                address=address,
                subject_page_id=subject_page_id,
                subject_title=subject_title[:255],
                received_at=received_at or timezone.now(),
            )
            report.full_clean()
            report.save()
            if name or phone or email:
                identity = ReporterIdentity(report=report, name=name, phone=phone, email=email)
                identity.full_clean()
                identity.save()
            _save_files(report=report, files=files or [])
            event_log(report=report, action=ReportEvent.Action.CREATE, user=user, detail=report.get_channel_display())
            receipts.receipt_store(scope=RECEIPT_SCOPE, form_token=form_token, code=report.code, pin=pin, sender=sender)
    except IntegrityError:
        previous = _previous_receipt(form_token, sender)
        if previous:
            return previous
        raise
    transaction.on_commit(lambda: _notify_new(report.pk))
    return Receipt(report, pin)


def _notify_new(report_id: int) -> None:
    from reports.tasks import notify_new_report

    notify_new_report.enqueue(report_id, addresses.base_url())


def _pin_counters(code: str, fingerprint: str) -> list[ratelimit.Counter]:
    """Wrong PINs counted per (code, client) and per client: a stranger's guesses lock out the
    stranger, never the sender who holds the right PIN on another device or network."""
    code_hash = salted_hash("pin", code)[:32]
    return [
        ratelimit.Counter(f"reports:pin:code-client:{code_hash}:{fingerprint}", PIN_MAX_FAILURES, PIN_WINDOW_SECONDS),
        ratelimit.Counter(f"reports:pin:client:{fingerprint}", PIN_MAX_CLIENT_FAILURES, PIN_WINDOW_SECONDS),
    ]


def report_open(*, code: str, pin: str, fingerprint: str) -> Report | None:
    """The report for this code and PIN, or None — the same None whether the code is unknown
    or the PIN wrong. Failures are counted per (code, client) and per client (salted hashes,
    cache only); past a limit every attempt raises TooManyAttempts, even with the right PIN."""
    global _DUMMY_HASH
    code = codes.normalize(code)
    counters = _pin_counters(code, fingerprint)
    wait = max(counter.retry_after() for counter in counters)
    if wait:
        raise TooManyAttempts(wait)
    report = selectors.report_get_by_code(code) if code else None
    if report is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = make_password(_new_pin())
        check_password(pin or "", _DUMMY_HASH)
        ok = False
    else:
        ok = bool(pin) and check_password(pin, report.pin_hash)
    if not ok:
        for counter in counters:
            counter.add()
        return None
    return report


def report_citizen_view(*, report: Report) -> None:
    event_log(report=report, action=ReportEvent.Action.CITIZEN_VIEW)


def report_citizen_reply(*, report: Report, body: str, files: list[CleanFile] | None = None) -> ReportMessage:
    """The reporter answers a question or adds information; files saved in the same transaction."""
    with transaction.atomic():
        message = _new_message(report=report, kind=ReportMessage.Kind.CITIZEN, body=body)
        _save_files(report=report, files=files or [], message=message)
        event_log(report=report, action=ReportEvent.Action.CITIZEN_REPLY, detail=f"{len(files or [])} tệp đính kèm")
        Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
    return message


def report_view(*, report: Report, user) -> None:
    """Record that an officer opened a report."""
    event_log(report=report, action=ReportEvent.Action.VIEW, user=user)


def report_set_status(*, report: Report, status: str, user, note: str = "") -> Report:
    """Move a report through Mới → … → Đã giải quyết / Không đủ cơ sở; closing dates it."""
    with transaction.atomic():
        old = report.get_status_display()
        report.status = status
        report.closed_at = timezone.now() if report.is_closed else None
        report.full_clean()
        report.save(update_fields=["status", "closed_at", "updated_at"])
        detail = f"{old} → {report.get_status_display()}" + (f": {note}" if note else "")
        event_log(report=report, action=ReportEvent.Action.STATUS, user=user, detail=detail)
    return report


def report_forward(*, report: Report, unit: Unit, user) -> Report:
    """Hand a report to a unit for action; its status becomes "Đã chuyển đơn vị xử lý"."""
    with transaction.atomic():
        report.unit = unit
        report.status = Report.Status.FORWARDED
        report.closed_at = None
        report.full_clean()
        report.save(update_fields=["unit", "status", "closed_at", "updated_at"])
        event_log(report=report, action=ReportEvent.Action.FORWARD, user=user, detail=unit.name)
    return report


def _officer_message(*, report: Report, kind: str, action: str, body: str, user) -> ReportMessage:
    with transaction.atomic():
        message = _new_message(report=report, kind=kind, body=body, author=user)
        event_log(report=report, action=action, user=user, detail=body[:200])
    return message


def report_add_note(*, report: Report, body: str, user) -> ReportMessage:
    """An internal note for colleagues; never shown to the reporter."""
    return _officer_message(
        report=report, kind=ReportMessage.Kind.NOTE, action=ReportEvent.Action.NOTE, body=body, user=user
    )


def report_message_citizen(*, report: Report, body: str, user) -> ReportMessage:
    """A question or answer to the reporter, who reads it with code + PIN."""
    return _officer_message(
        report=report, kind=ReportMessage.Kind.OFFICER, action=ReportEvent.Action.MESSAGE, body=body, user=user
    )


def report_link_duplicate(*, report: Report, original: Report, user) -> Report:
    """Mark a report as a duplicate of another one (both stay in the statistics as received)."""
    with transaction.atomic():
        report.duplicate_of = original
        report.save(update_fields=["duplicate_of", "updated_at"])
        event_log(report=report, action=ReportEvent.Action.DUPLICATE, user=user, detail=original.code)
    return report


def identity_reveal(*, report: Report, user) -> ReporterIdentity | None:
    """The reporter's identity for an officer allowed to see it; every look is logged."""
    if not user.has_perm("reports.view_reporteridentity"):
        return None
    identity = ReporterIdentity.objects.filter(report=report).first()
    if identity is not None:
        event_log(report=report, action=ReportEvent.Action.VIEW_IDENTITY, user=user)
    return identity


def attachment_download(*, attachment: ReportAttachment, user) -> None:
    event_log(report=attachment.report, action=ReportEvent.Action.DOWNLOAD, user=user, detail=attachment.name)


def reports_purge(
    *,
    days: int | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
    statuses: tuple[str, ...] = Report.CLOSED,
) -> int:
    """Delete closed reports (with identity, messages and files) older than the retention period.

    One transaction per report, with a purge line in the audit log; its evidence files are
    deleted only after that transaction commits, so a failure never leaves a report without
    its files. The retention rules in reports/apps.py call this (`manage.py purge`).
    """
    days = settings.REPORTS_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    qs = Report.objects.filter(status__in=statuses, closed_at__lt=cutoff)
    if dry_run:
        return qs.count()
    storage = ReportAttachment._meta.get_field("file").storage
    count = 0
    for pk in list(qs.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            report = Report.objects.get(pk=pk)
            names = list(report.attachments.values_list("file", flat=True))
            code = report.code
            report.delete()
            ReportEvent.objects.create(report_code=code, action=ReportEvent.Action.PURGE, detail=f"{days} ngày")
            retention.delete_files_on_commit(storage, names)
        count += 1
    return count
