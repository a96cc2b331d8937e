"""Forms of the online services: the per-procedure application form, tracking, officers' acts.

Every text input is NFC-normalised; every error message is Vietnamese and names the field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import codes, places, uploads
from cms.intake import MultipleFileField, SubmissionForm
from cms.text import clean, clean_line
from cms.validators import validate_cccd, validate_phone
from services.choices import DateRule, FieldType, Level

if TYPE_CHECKING:
    from services.models import ProcedurePage

RESERVED_NAMES = {
    "procedure",
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "consent",
    "website",
    "form_token",
}


class TextField(forms.CharField):
    """CharField that returns NFC text without control characters (one line unless multiline)."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("max_length", 5000 if multiline else 255)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean(value) if self.multiline else clean_line(value)


class PhoneField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return validate_phone(value) if value else ""


class CCCDField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "pattern": r"[0-9 ]{12,14}"})

    def clean(self, value):
        value = super().clean(value)
        return validate_cccd(value) if value else ""


class VNDateField(forms.DateField):
    """Accepts DD/MM/YYYY (typed) and YYYY-MM-DD (date pickers); checks past/future rules."""

    input_formats = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]

    def __init__(self, *args, rule: str = "", **kwargs):
        self.rule = rule
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.rule == DateRule.PAST and value >= today:
            raise ValidationError(_("Ngày phải trước ngày hôm nay."), code="date_past")
        if self.rule == DateRule.FUTURE and value < today:
            raise ValidationError(_("Ngày không được trước ngày hôm nay."), code="date_future")
        if value.year < 1900:
            raise ValidationError(_("Năm không hợp lệ."), code="date_year")


def _messages(label) -> dict:
    return {
        "required": _("Vui lòng nhập “%(label)s”.") % {"label": label},
        "invalid": _("“%(label)s” không hợp lệ.") % {"label": label},
        "max_length": _("“%(label)s” quá dài.") % {"label": label},
        "invalid_choice": _("Lựa chọn ở “%(label)s” không hợp lệ.") % {"label": label},
    }


def _file_messages(label) -> dict:
    return {
        "required": _("Vui lòng đính kèm “%(label)s”.") % {"label": label},
        "empty": _("Tệp “%(label)s” rỗng.") % {"label": label},
        "invalid": _("Tệp “%(label)s” không hợp lệ.") % {"label": label},
    }


class ApplicationForm(SubmissionForm):
    """The online application for one procedure: applicant, the editor-defined fields, files.

    Built per procedure from its `form_fields` and `components`; the field names are the ones
    the API publishes, so the web form and the API share one validation.
    """

    applicant_name = TextField(label=gettext_lazy("Họ và tên người nộp"), max_length=255)
    applicant_phone = PhoneField(
        label=gettext_lazy("Số điện thoại"),
        help_text=gettext_lazy("Dùng để tra cứu hồ sơ cùng với mã hồ sơ."),
    )
    applicant_email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("Không bắt buộc; nếu có, hệ thống gửi biên nhận qua thư."),
    )
    consent = forms.BooleanField(label=gettext_lazy("Tôi đồng ý cho cơ quan công an xử lý dữ liệu cá nhân nêu trên"))
    required_css_class = "required"
    error_css_class = "has-error"

    def __init__(self, *args, procedure: ProcedurePage, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.custom_fields: list = []
        self.place_fields: list[tuple[str, str, str]] = []
        self.file_fields: list[tuple[str, object]] = []
        for name in ("applicant_name", "applicant_phone", "applicant_email"):
            self.fields[name].error_messages.update(_messages(self.fields[name].label))
        self.fields["applicant_phone"].error_messages["invalid"] = _("Số điện thoại không hợp lệ.")
        self.fields["applicant_email"].error_messages["invalid"] = _(
            "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn)."
        )
        self.fields["consent"].error_messages["required"] = _(
            "Bạn cần đồng ý cho xử lý dữ liệu cá nhân để nộp hồ sơ trực tuyến (Luật Bảo vệ dữ liệu cá nhân)."
        )
        for spec in procedure.form_fields.all():
            self._add_spec(spec)
        for component in procedure.components.all():
            if not component.accepts_upload:
                continue
            name = component.upload_field_name
            self.fields[name] = forms.FileField(
                label=component.name,
                required=component.required,
                error_messages=_file_messages(component.name),
                help_text=_("PDF, JPEG, PNG hoặc DOCX, tối đa %(max)s MB.")
                % {"max": settings.PORTAL_UPLOAD_MAX_FILE // (1024 * 1024)},
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
            )
            self.file_fields.append((name, component))
        # Honeypot and token last, consent after everything the citizen fills in.
        for name in ("consent", "website", "form_token"):
            self.fields[name] = self.fields.pop(name)

    @staticmethod
    def field_name(spec) -> str:
        return f"f_{spec.name}" if spec.name in RESERVED_NAMES else spec.name

    def _add_spec(self, spec) -> None:
        name = self.field_name(spec)
        common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
        kind = spec.field_type
        if kind == FieldType.PLACE:
            province = forms.ChoiceField(
                choices=[("", _("— Chọn tỉnh, thành phố —"))] + places.province_choices(),
                label=_("%(label)s – tỉnh, thành phố") % {"label": spec.label},
                required=spec.required,
                error_messages=_messages(_("%(label)s – tỉnh, thành phố") % {"label": spec.label}),
                widget=forms.Select(attrs={"data-wards": f"id_{name}_ward", "data-step": places.PROVINCE_STEP}),
            )
            chosen = (self.data if self.is_bound else self.initial).get(f"{name}_province")
            ward_choices = places.ward_choices(chosen) if places.get_province(chosen) else []
            ward = forms.ChoiceField(
                choices=[("", _("— Chọn phường, xã —"))] + ward_choices,
                label=_("%(label)s – phường, xã") % {"label": spec.label},
                required=spec.required,
                help_text=spec.help_text or _("Theo đơn vị hành chính hai cấp từ 01/7/2025."),
                error_messages=_messages(_("%(label)s – phường, xã") % {"label": spec.label}),
                widget=forms.Select(),
            )
            ward.error_messages["invalid_choice"] = _("Vui lòng chọn phường, xã thuộc tỉnh, thành phố đã chọn.")
            self.fields[f"{name}_province"] = province
            self.fields[f"{name}_ward"] = ward
            self.place_fields.append((name, f"{name}_province", f"{name}_ward"))
            self.custom_fields.append(spec)
            return
        if kind == FieldType.TEXT:
            field = TextField(**common)
        elif kind == FieldType.TEXTAREA:
            field = TextField(multiline=True, widget=forms.Textarea(attrs={"rows": 4}), **common)
        elif kind == FieldType.DATE:
            field = VNDateField(rule=spec.date_rule, **common)
        elif kind == FieldType.NUMBER:
            field = forms.DecimalField(max_digits=18, decimal_places=4, **common)
        elif kind == FieldType.CCCD:
            field = CCCDField(**common)
        elif kind == FieldType.PHONE:
            field = PhoneField(**common)
        elif kind == FieldType.EMAIL:
            field = forms.EmailField(**common)
        elif kind == FieldType.CHOICE:
            field = forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in spec.choice_list], **common)
        elif kind == FieldType.CHECKBOX:
            field = forms.BooleanField(**common)
        else:  # pragma: no cover - choices are closed
            raise ValueError(kind)
        field.error_messages.update(_messages(spec.label))
        if kind == FieldType.CHECKBOX:
            field.error_messages["required"] = _("Vui lòng đánh dấu “%(label)s”.") % {"label": spec.label}
        if kind == FieldType.DATE:
            field.error_messages["invalid"] = _("“%(label)s” phải là ngày dạng DD/MM/YYYY.") % {"label": spec.label}
        if kind == FieldType.NUMBER:
            field.error_messages["invalid"] = _("“%(label)s” phải là một số.") % {"label": spec.label}
        self.fields[name] = field
        self.custom_fields.append(spec)

    def clean(self):
        cleaned = super().clean()
        for _name, province_field, ward_field in self.place_fields:
            province, ward = cleaned.get(province_field), cleaned.get(ward_field)
            if province and ward and not places.ward_belongs_to(ward, province):
                self.add_error(ward_field, _("Vui lòng chọn phường, xã thuộc tỉnh, thành phố đã chọn."))
        files = []
        for name, _component in self.file_fields:
            upload = cleaned.get(name)
            if not upload:
                continue
            try:
                files.append(uploads.clean_upload(upload))
                cleaned[name] = files[-1]
            except ValidationError as exc:
                self.add_error(name, exc)
        if sum(f.size for f in files) > settings.PORTAL_UPLOAD_MAX_TOTAL:
            raise ValidationError(
                _("Tổng dung lượng các tệp vượt quá %(max)s MB.")
                % {"max": settings.PORTAL_UPLOAD_MAX_TOTAL // (1024 * 1024)},
                code="total_too_large",
            )
        return cleaned

    def submission_data(self) -> dict:
        """The answers to the editor-defined fields, as JSON-friendly values keyed by name."""
        data = {}
        for spec in self.custom_fields:
            name = self.field_name(spec)
            if spec.field_type == FieldType.PLACE:
                province = places.get_province(self.cleaned_data.get(f"{name}_province"))
                ward = places.get_ward(self.cleaned_data.get(f"{name}_ward"))
                data[spec.name] = {
                    "province": province.code if province else None,
                    "province_name": province.name if province else "",
                    "ward": ward.code if ward else None,
                    "ward_name": ward.name if ward else "",
                }
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            data[spec.name] = value
        return data

    def attachments(self) -> list[tuple[object, uploads.CleanFile]]:
        return [
            (component, self.cleaned_data[name])
            for name, component in self.file_fields
            if isinstance(self.cleaned_data.get(name), uploads.CleanFile)
        ]


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """{field: [messages]} with "__all__" for form-wide errors, as the API returns them."""
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


class CatalogueFilterForm(forms.Form):
    """Filters of the procedure catalogue: free text, field, level, agency."""

    q = TextField(label=gettext_lazy("Tìm thủ tục"), required=False, max_length=200)
    field = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), required=False)
    level = forms.ChoiceField(
        label=gettext_lazy("Mức độ"), required=False, choices=[("", gettext_lazy("Tất cả"))] + Level.choices
    )
    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan thực hiện"), required=False)

    def __init__(self, *args, index_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        from services import selectors

        facets = selectors.procedure_facets(index_page=index_page)
        self.fields["field"].choices = [("", _("Tất cả"))] + [(f, f) for f in facets["fields"]]
        self.fields["agency"].choices = [("", _("Tất cả"))] + [(a, a) for a in facets["agencies"]]

    def clean(self):
        return {k: v for k, v in super().clean().items() if v}


class CodeField(forms.CharField):
    """A dossier code as typed: spaces, dashes and look-alike letters are tolerated."""

    def clean(self, value):
        value = codes.normalize(super().clean(value))
        if value and not codes.is_valid(value):
            raise ValidationError(
                _("Mã hồ sơ không đúng (sai một ký tự hoặc thiếu ký tự). Vui lòng kiểm tra lại biên nhận."),
                code="bad_code",
            )
        return value


class TrackingForm(forms.Form):
    code = CodeField(
        label=gettext_lazy("Mã hồ sơ"),
        max_length=40,
        error_messages={"required": gettext_lazy("Vui lòng nhập mã hồ sơ.")},
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    contact = TextField(
        label=gettext_lazy("Số điện thoại hoặc thư điện tử đã dùng khi nộp"),
        max_length=255,
        error_messages={"required": gettext_lazy("Vui lòng nhập số điện thoại hoặc thư điện tử đã khai.")},
    )


class SupplementForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("Giấy tờ bổ sung"))
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, multiline=True, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = TextField(
        label=gettext_lazy("Lý do rút hồ sơ"),
        multiline=True,
        max_length=2000,
        error_messages={"required": gettext_lazy("Vui lòng nêu lý do rút hồ sơ.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Mức độ hài lòng"),
        coerce=int,
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Vui lòng chọn mức từ 1 đến 5.")},
    )
    comment = TextField(
        label=gettext_lazy("Góp ý"),
        required=False,
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransitionForm(forms.Form):
    """An officer's act on a dossier: the next status, a note, whether the citizen sees it."""

    to_status = forms.TypedChoiceField(label=gettext_lazy("Chuyển sang trạng thái"), coerce=int)
    note = TextField(
        label=gettext_lazy("Ghi chú"), required=False, multiline=True, widget=forms.Textarea(attrs={"rows": 3})
    )
    public = forms.BooleanField(label=gettext_lazy("Công dân được xem ghi chú này"), required=False, initial=True)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(int(s), s.label) for s in targets]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Cán bộ phụ trách"), queryset=None, required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers


class ResultForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("Tệp kết quả giải quyết"))
