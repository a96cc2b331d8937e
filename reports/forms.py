"""Forms for tips: the public form, the API's variant, follow-up, and the officers' actions."""

from __future__ import annotations

import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cms import codes, places, uploads
from cms.intake import MultipleFileField, SubmissionForm
from cms.text import clean, clean_line
from cms.validators import validate_phone
from reports import selectors
from reports.models import Report, ReportCategory, Unit


def category_choices() -> list:
    """Grouped choices: each top-level group, then its active sub-categories."""
    choices: list = [("", _("— Chọn lĩnh vực —"))]
    for top in selectors.category_tree():
        options = [(top.code, f"{top.name} (chung)")] + [(c.code, c.name) for c in top.active_children]
        choices.append((top.name, options))
    return choices


class FastSelect(forms.Select):
    """A select for thousands of options (3.321 wards) rendered by string building: Django's
    per-option templates take about a second for a list this long."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = "" if value is None else str(value)
        parts = [f"<select{flatatt(final)}>"]
        for group, options in self.choices:
            if isinstance(options, list | tuple):
                parts.append(f'<optgroup label="{escape(group)}">')
                parts.extend(_option(v, label, selected) for v, label in options)
                parts.append("</optgroup>")
            else:
                parts.append(_option(group, options, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


def _option(value, label, selected: str) -> str:
    mark = " selected" if str(value) == selected and selected != "" else ""
    return f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'


def ward_choices() -> list:
    choices: list = [("", _("— Chọn xã, phường —"))]
    for province in places.provinces():
        choices.append((province.name, [(str(w.code), w.name) for w in province.wards]))
    return choices


PROVINCE_STEP = places.PROVINCE_STEP


class WardField(forms.TypedChoiceField):
    """A ward of any province is a valid value (the form then checks it against the province);
    only the chosen province's wards are rendered, so the page never carries the country's
    3.321 wards (they come from the places API when the province changes)."""

    def valid_value(self, value):
        return places.get_ward(value) is not None


def province_ward_choices(province) -> list:
    return [("", _("— Chọn xã, phường —"))] + (places.ward_choices(province.code) if province else [])


class ReportFieldsForm(SubmissionForm):
    """Fields and checks shared by the web form and the API."""

    category = forms.ChoiceField(label=_("Lĩnh vực"))
    description = forms.CharField(
        label=_("Nội dung phản ánh"),
        min_length=20,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sự việc gì đã xảy ra, những ai liên quan, diễn biến ra sao."),
        error_messages={
            "required": _("Vui lòng mô tả sự việc."),
            "min_length": _("Nội dung quá ngắn: vui lòng mô tả rõ hơn (ít nhất %(limit_value)d ký tự)."),
        },
    )
    province = forms.TypedChoiceField(label=_("Tỉnh, thành phố"), required=False, coerce=int, empty_value=None)
    ward = WardField(label=_("Xã, phường"), required=False, coerce=int, empty_value=None)
    address = forms.CharField(label=_("Địa chỉ, địa điểm cụ thể"), required=False, max_length=255)
    files = MultipleFileField(
        label=_("Tệp đính kèm"),
        kinds=uploads.EVIDENCE,
        required=False,
        help_text=_("Ảnh (JPEG, PNG), video ngắn (MP4, MOV, WEBM) hoặc PDF. Thông tin vị trí trong ảnh được xoá."),
    )
    name = forms.CharField(label=_("Họ và tên"), required=False, max_length=120)
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    email = forms.EmailField(
        label=_("Thư điện tử"), required=False, error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["category"].error_messages["required"] = _("Vui lòng chọn lĩnh vực.")
        self.fields["category"].error_messages["invalid_choice"] = _("Lĩnh vực không hợp lệ.")
        self.fields["province"].choices = [("", _("— Chọn tỉnh, thành phố —"))] + places.province_choices()
        self.fields["province"].error_messages["invalid_choice"] = _("Tỉnh, thành phố không hợp lệ.")
        self.fields["ward"].choices = province_ward_choices(self.chosen_province())
        self.fields["ward"].error_messages["invalid_choice"] = _("Xã, phường không hợp lệ.")
        self.fields["province"].widget.attrs.update(
            {"data-wards": self.auto_id % "ward" if self.auto_id else "ward", "data-step": PROVINCE_STEP}
        )

    @classmethod
    def province_step(cls, data) -> ReportFieldsForm:
        """The form shown again after "Chọn": unbound (no errors yet), with the typed values."""
        return cls(initial=places.typed_back(data, drop={"ward"}))

    def chosen_province(self) -> places.Province | None:
        """The province whose wards the ward list offers: the one sent or typed back, or the
        province of a ward sent without one (the API)."""
        source = self.data if self.is_bound else self.initial
        province = places.get_province(source.get("province"))
        if province is None and self.is_bound:
            ward = places.get_ward(source.get("ward"))
            province = places.get_province(ward.province_code) if ward else None
        return province

    def clean_description(self):
        return clean(self.cleaned_data["description"])

    def clean_address(self):
        return clean_line(self.cleaned_data.get("address"))

    def clean_name(self):
        return clean_line(self.cleaned_data.get("name"))

    def clean_phone(self):
        phone = clean_line(self.cleaned_data.get("phone"))
        return validate_phone(phone) if phone else ""

    def clean_email(self):
        return clean_line(self.cleaned_data.get("email")).lower()

    def clean(self):
        data = super().clean()
        province, ward = data.get("province"), data.get("ward")
        if ward and not province:
            ward_obj = places.get_ward(ward)
            data["province"] = province = ward_obj.province_code if ward_obj else None
        if ward and province and not places.ward_belongs_to(ward, province):
            self.add_error("ward", _("Xã, phường đã chọn không thuộc tỉnh, thành phố này."))
        return data

    def occurred_at(self) -> datetime | None:
        raise NotImplementedError

    def submission(self) -> dict:
        """Keyword arguments for services.report_submit."""
        data = self.cleaned_data
        return {
            "category": selectors.category_get(data["category"]),
            "description": data["description"],
            "occurred_at": self.occurred_at(),
            "province_code": data.get("province"),
            "ward_code": data.get("ward"),
            "address": data.get("address", ""),
            "name": data.get("name", ""),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "files": data.get("files") or [],
            "form_token": data.get("form_token"),
        }


class ReportForm(ReportFieldsForm):
    """The public form: when and where must be given or explicitly marked as unknown."""

    occurred_date = forms.DateField(
        label=_("Ngày xảy ra"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )
    occurred_time = forms.TimeField(
        label=_("Giờ (nếu nhớ)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Giờ không hợp lệ (giờ:phút).")},
    )
    occurred_unknown = forms.BooleanField(label=_("Không rõ thời gian"), required=False)
    subject_page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    location_unknown = forms.BooleanField(label=_("Không nhớ địa điểm"), required=False)

    field_order = [
        "category",
        "description",
        "occurred_date",
        "occurred_time",
        "occurred_unknown",
        "province",
        "ward",
        "address",
        "location_unknown",
        "files",
        "name",
        "phone",
        "email",
    ]

    def clean(self):
        data = super().clean()
        day, unknown = data.get("occurred_date"), data.get("occurred_unknown")
        if not day and not unknown and "occurred_date" not in self.errors:
            self.add_error("occurred_date", _("Vui lòng cho biết ngày xảy ra hoặc chọn “Không rõ thời gian”."))
        if day and not unknown:
            when = self._combine()
            if when and when > timezone.now():
                self.add_error("occurred_date", _("Thời điểm xảy ra không thể ở tương lai."))
        has_place = data.get("province") or data.get("ward") or data.get("address")
        if not has_place and not data.get("location_unknown") and "ward" not in self.errors:
            self.add_error("province", _("Vui lòng cho biết nơi xảy ra hoặc chọn “Không nhớ địa điểm”."))
        return data

    def _combine(self) -> datetime | None:
        day = self.cleaned_data.get("occurred_date")
        if not day:
            return None
        moment = datetime.combine(day, self.cleaned_data.get("occurred_time") or time(0, 0))
        return timezone.make_aware(moment)

    def occurred_at(self) -> datetime | None:
        return None if self.cleaned_data.get("occurred_unknown") else self._combine()

    def submission(self) -> dict:
        result = super().submission()
        if self.cleaned_data.get("location_unknown"):
            result.update(province_code=None, ward_code=None, address="")
        subject = self.subject()
        result.update(subject_page_id=subject[0] if subject else None, subject_title=subject[1] if subject else "")
        return result

    def subject(self) -> tuple[int, str] | None:
        """The page the tip is about ("Báo tin về đối tượng này" links), shown above the form."""
        source = self.data if self.is_bound else self.initial
        return selectors.subject_page_get(source.get("subject_page"))


class ApiReportForm(ReportFieldsForm):
    """The API's variant: `occurred_at` is one optional ISO value; absent means unknown."""

    occurred_at_value = forms.DateTimeField(
        required=False,
        input_formats=[
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d",
            "%d/%m/%Y %H:%M",
            "%d/%m/%Y",
        ],
        error_messages={"invalid": _("Thời điểm xảy ra không hợp lệ (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM).")},
    )

    def __init__(self, data=None, files=None, **kwargs):
        if data is not None:
            data = data.copy()
            if "occurred_at" in data:
                data["occurred_at_value"] = (
                    data.pop("occurred_at")[-1] if hasattr(data, "getlist") else data.pop("occurred_at")
                )
        super().__init__(data, files, **kwargs)

    def clean_occurred_at_value(self):
        value = self.cleaned_data.get("occurred_at_value")
        if value and value > timezone.now():
            raise ValidationError(_("Thời điểm xảy ra không thể ở tương lai."))
        return value

    def occurred_at(self) -> datetime | None:
        return self.cleaned_data.get("occurred_at_value")

    def api_errors(self) -> dict:
        errors = {}
        for field, messages in self.errors.items():
            errors["occurred_at" if field == "occurred_at_value" else field] = [str(m) for m in messages]
        return errors


class FollowUpForm(forms.Form):
    """Code and PIN, nothing else: no account, no cookie."""

    code = forms.CharField(label=_("Mã phản ánh"), max_length=32)
    pin = forms.CharField(
        label=_("Mã PIN"), max_length=16, widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"})
    )

    def clean_code(self):
        return codes.normalize(self.cleaned_data["code"])

    def clean_pin(self):
        return re.sub(r"\D", "", self.cleaned_data["pin"])


class CitizenReplyForm(forms.Form):
    """An answer to the officer's question, or more information and files."""

    body = forms.CharField(
        label=_("Nội dung bổ sung"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Vui lòng nhập nội dung.")},
    )
    files = MultipleFileField(label=_("Tệp đính kèm"), kinds=uploads.EVIDENCE, required=False)

    def clean_body(self):
        return clean(self.cleaned_data["body"])


# Officers' forms (Wagtail admin)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái mới"), choices=Report.Status.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ForwardForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=Unit.objects.filter(is_active=True))


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def clean_body(self):
        return clean(self.cleaned_data["body"])


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Mã phản ánh gốc"), max_length=32)

    def __init__(self, *args, report: Report | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_original(self):
        code = codes.normalize(self.cleaned_data["original"])
        original = Report.objects.filter(code=code).first()
        if original is None:
            raise ValidationError(_("Không tìm thấy phản ánh có mã này."))
        if self.report and original.pk == self.report.pk:
            raise ValidationError(_("Không thể đánh dấu trùng với chính nó."))
        return original


class RecordForm(forms.ModelForm):
    """A tip received by hotline, fanpage, e-mail or in person, typed in by the officer."""

    name = forms.CharField(label=_("Họ và tên người báo"), required=False, max_length=120)
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=20)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    files = MultipleFileField(label=_("Tệp đính kèm"), kinds=uploads.EVIDENCE, required=False)

    class Meta:
        model = Report
        fields = ["channel", "category", "description", "received_at", "occurred_at", "ward_code", "address"]
        widgets = {
            "received_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ReportCategory.objects.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        self.fields["ward_code"] = forms.TypedChoiceField(
            label=_("Xã, phường"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=ward_choices(),
            widget=FastSelect,
        )
        for name in ("received_at", "occurred_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def clean_description(self):
        return clean(self.cleaned_data["description"])

    def submission(self) -> dict:
        """Keyword arguments for services.report_submit (the province follows from the ward)."""
        data = self.cleaned_data
        ward = data.get("ward_code")
        ward_obj = places.get_ward(ward) if ward else None
        return {
            "category": data["category"],
            "description": data["description"],
            "occurred_at": data.get("occurred_at"),
            "province_code": ward_obj.province_code if ward_obj else None,
            "ward_code": ward,
            "address": data.get("address", ""),
            "name": data.get("name", ""),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "files": data.get("files") or [],
            "channel": data["channel"],
            "received_at": data.get("received_at"),
        }
