"""Double-submit receipts: the same form sent twice gets the same answer, from the same sender.

A submission form carries a one-time token (`cms.intake.SubmissionForm`). The first accepted
post stores a `SubmissionReceipt` in the submission's own transaction; a later post with the
same token finds it and answers with the same code (and PIN, within `WINDOW`) — but only when
it comes from the browser or client that sent the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cms import ratelimit
from cms.hashing import salted_hash
from cms.models import SubmissionReceipt

WINDOW = timedelta(minutes=settings.RECEIPTS_RETENTION_MINUTES)
REPLAY_MESSAGE = gettext_lazy(
    "Biểu mẫu này đã được gửi trước đó. Nếu bạn là người gửi, hãy dùng mã đã nhận để tra cứu; "
    "nếu muốn gửi nội dung mới, vui lòng điền lại biểu mẫu dưới đây."
)


class ReplayRefused(Exception):
    """The form token was already used by another sender: nothing is shown, nothing stored."""


@dataclass(frozen=True)
class Previous:
    """A submission already stored for this token, and its PIN while the window lasts."""

    code: str
    pin: str


def sender_of(request) -> str:
    """Who sent a browser form: the browser's CSRF secret (one per browser, sent to no other
    site), created now when the browser has none yet. Stored only as a salted hash."""
    get_token(request)
    return salted_hash("csrf", request.META["CSRF_COOKIE"])


def api_sender_of(request) -> str:
    """Who sent an API call: API clients keep no cookies, so their address (salted hash)."""
    return salted_hash("client", ratelimit.client_fingerprint(request))


def receipt_store(*, scope: str, form_token, code: str, sender: str, pin: str = "") -> None:
    """Call inside the submission's transaction, after the submission row is saved."""
    if not form_token:
        return
    SubmissionReceipt.objects.create(
        token_hash=salted_hash(scope, form_token), scope=scope, code=code, pin=pin, sender_hash=sender
    )


def receipt_again(*, scope: str, form_token, sender: str) -> Previous:
    """The earlier answer to a form token that a stored submission already carries.

    Raises ReplayRefused when the token was used by another sender, or when its receipt is gone
    (after `WINDOW` and a purge nobody can prove they sent it: the code is not shown again).
    """
    receipt = SubmissionReceipt.objects.filter(token_hash=salted_hash(scope, form_token)).first()
    if receipt is None or receipt.sender_hash != sender:
        raise ReplayRefused
    fresh = timezone.now() - receipt.created_at <= WINDOW
    return Previous(code=receipt.code, pin=receipt.pin if fresh else "")


def receipts_expired(now=None):
    """Receipts past their window: only the submissions' PIN hashes are kept after it."""
    return SubmissionReceipt.objects.filter(created_at__lt=(now or timezone.now()) - WINDOW)
