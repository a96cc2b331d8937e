"""Filters of the legal documents list. Unknown values are form errors shown in Vietnamese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import LegalDocumentPage
from home.selectors import NOT_YET_IN_FORCE


class LegalDocumentFilterForm(forms.Form):
    document_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
        choices=[("", _("Tất cả"))] + LegalDocumentPage.TYPES,
        error_messages={"invalid_choice": _("Loại văn bản “%(value)s” không có trong danh mục.")},
    )
    year = forms.TypedChoiceField(
        label=_("Năm ban hành"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Không có văn bản nào ban hành năm “%(value)s”.")},
    )
    status = forms.ChoiceField(
        label=_("Hiệu lực"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            (LegalDocumentPage.IN_FORCE, _("Còn hiệu lực")),
            (NOT_YET_IN_FORCE, _("Chưa có hiệu lực")),
        ]
        + LegalDocumentPage.STATUSES[1:],
        error_messages={"invalid_choice": _("Tình trạng hiệu lực “%(value)s” không hợp lệ.")},
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(str(year), str(year)) for year in years]

    def clean(self):
        data = super().clean()
        return {key: value for key, value in data.items() if value not in ("", None)}
