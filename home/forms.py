"""Filters of the legal documents list. Unknown values are form errors shown in Vietnamese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LegalDocumentFilterForm(forms.Form):
    document_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
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
        error_messages={"invalid_choice": _("Tình trạng hiệu lực “%(value)s” không hợp lệ.")},
    )

    def __init__(self, *args, types: list, statuses: list, years: list[int], **kwargs):
        """`types` and `statuses` are the page model's choices (the status filter adds
        "chưa có hiệu lực"); `years` those with documents."""
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["document_type"].choices = everything + list(types)
        self.fields["status"].choices = everything + list(statuses)
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in years]

    def clean(self):
        data = super().clean()
        return {key: value for key, value in data.items() if value not in ("", None)}
