"""Background work for online services: e-mails to applicants, retried when sending fails.

The dossier is always committed before a task is queued; a mail server that is down only
delays the e-mail, never loses the dossier.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import default_task_backend, task

from cms import addresses

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _backoff(attempt: int) -> timedelta:
    return timedelta(minutes=2 ** (attempt - 1))


@task()
def send_application_email(application_id: int, kind: str = "submitted", attempt: int = 1, base_url: str = "") -> str:
    """Send the applicant an e-mail about the dossier; re-queue itself later on failure.

    `base_url` is the portal's address when the e-mail was queued (cms.addresses): the links in
    the e-mail point where the applicant was."""
    from services.choices import EmailStatus
    from services.records import Application

    application = Application.objects.select_related("procedure").filter(pk=application_id).first()
    if application is None or not application.applicant_email:
        return "skipped"
    context = {"application": application, "site_url": (base_url or addresses.base_url()).rstrip("/")}
    subject = render_to_string(f"services/email/{kind}_subject.txt", context).strip()
    body = render_to_string(f"services/email/{kind}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [application.applicant_email])
    except Exception:
        logger.exception("E-mail for dossier %s failed (attempt %s)", application.code, attempt)
        retry = attempt < MAX_ATTEMPTS and default_task_backend.supports_defer
        Application.objects.filter(pk=application_id).update(
            email_status=EmailStatus.RETRYING if retry else EmailStatus.FAILED, email_attempts=attempt
        )
        if retry:
            schedule_retry(application_id, kind, attempt + 1, timezone.now() + _backoff(attempt), base_url)
            return "retrying"
        return "failed"
    Application.objects.filter(pk=application_id).update(email_status=EmailStatus.SENT, email_attempts=attempt)
    return "sent"


def schedule_retry(application_id: int, kind: str, attempt: int, run_after, base_url: str = "") -> None:
    send_application_email.using(run_after=run_after).enqueue(application_id, kind, attempt, base_url)


def queue_application_email(application_id: int, kind: str = "submitted") -> None:
    """Queue the e-mail; a broken queue is logged and the dossier stays as it is."""
    try:
        send_application_email.enqueue(application_id, kind, 1, addresses.base_url())
    except Exception:
        logger.exception("Could not queue the e-mail for dossier %s", application_id)
