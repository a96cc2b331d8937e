"""What every citizen-facing submission form shares (online applications and tips):
a honeypot field for bots, a one-time form token against double submits, per-client rate
limits answered with 429, and the Vietnamese messages for them."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import ratelimit, uploads
from cms.errors import api_error_response

HONEYPOT_FIELD = "website"


MAX_FILES = 10
_EXTENSIONS = {"jpg": ".jpg,.jpeg"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files in one input, each checked by its content (`cms.uploads`: the kinds
    allowed, the size of each and of all together, images re-encoded without metadata)."""

    default_error_messages = {"required": gettext_lazy("Vui lòng chọn ít nhất một tệp.")}

    def __init__(self, *args, kinds: set[str] = uploads.DOCUMENTS, max_files: int = MAX_FILES, **kwargs):
        self.kinds, self.max_files = kinds, max_files
        accept = ",".join(_EXTENSIONS.get(kind, f".{kind}") for kind in sorted(kinds))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(items) > self.max_files:
            raise ValidationError(
                _("Chỉ gửi được tối đa %(n)s tệp mỗi lần.") % {"n": self.max_files}, code="too_many_files"
            )
        return uploads.clean_uploads([single(item, initial) for item in items], self.kinds)


class SubmissionForm(forms.Form):
    """Base for citizens' forms: a hidden honeypot and a form token.

    The token is issued when the form is shown; the model that stores the submission keeps it
    in a unique column, so a second post of the same form returns the first result instead of
    creating a duplicate.
    """

    website = forms.CharField(
        required=False,
        label=gettext_lazy("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())

    def is_bot(self) -> bool:
        """True when the honeypot was filled: answer as if accepted, store nothing."""
        return bool(self.data.get(HONEYPOT_FIELD))


def too_many_requests(request, scope: str, as_json: bool = False) -> HttpResponse | None:
    """Count a submission attempt; return the 429 response to send when over the limit."""
    attempts = ratelimit.counter(request, scope)
    if attempts is None or attempts.add() <= attempts.limit:
        return None
    wait = attempts.retry_after()
    message = _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(wait)s.") % {
        "wait": ratelimit.minutes_text(wait)
    }
    return limited_response(request, message, wait, as_json=as_json)


def limited_response(request, message: str, wait: int, *, as_json: bool = False) -> HttpResponse:
    """A 429 with `Retry-After` and the Vietnamese message, as HTML or as the API's JSON."""
    wait = max(1, int(wait))
    if as_json:
        response = api_error_response(429, message)
    else:
        html = render_to_string("includes/too_many_requests.html", {"message": message, "wait": wait}, request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait)
    return response
