"""The one table the ground floor keeps: receipts of citizens' submissions."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmissionReceipt(models.Model):
    """What a citizen was shown when a form was accepted (the code, and the PIN of a tip).

    It exists so that a form sent again — a double click, a reload after a timeout, a flaky
    phone network — answers with the same code and the same PIN, and only to the browser that
    sent it (`sender_hash`), never to whoever replays the form token. It is written in the same
    transaction as the submission, so no submission exists whose sender could not be shown its
    PIN again. The clear PIN is answered for `cms.receipts.WINDOW` only; `manage.py purge`
    then removes the row and only the submission's PIN hash remains.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("loại"), max_length=32, editable=False)
    code = models.CharField(_("mã"), max_length=32, editable=False)
    pin = models.CharField(_("mã PIN"), max_length=16, blank=True, editable=False)
    sender_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("biên nhận gửi biểu mẫu")
        verbose_name_plural = _("biên nhận gửi biểu mẫu")

    def __str__(self):
        return f"{self.scope} {self.code}"
