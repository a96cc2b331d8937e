"""Forms: the wanted list's filters, the units' movement-model proposal, the citizen's question."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.intake import SubmissionForm
from cms.text import clean, clean_line, fold
from publications.records import MovementModel


class DescribedErrorsMixin:
    """Each field with errors points at its messages (and help) through `aria-describedby`, so a
    screen reader reads the message when the field takes focus; see includes/field.html."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_errors"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class WantedFilterForm(DescribedErrorsMixin, forms.Form):
    q = forms.CharField(
        label=_("Họ tên, tên gọi khác"),
        required=False,
        max_length=120,
        help_text=_("Gõ có dấu hoặc không dấu, ví dụ: nguyen van a."),
    )
    year = forms.TypedChoiceField(
        label=_("Năm ra quyết định"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Năm ra quyết định không hợp lệ: hãy chọn một năm trong danh sách.")},
    )
    offence = forms.ChoiceField(
        label=_("Tội danh"),
        required=False,
        error_messages={"invalid_choice": _("Tội danh không có trong danh sách: hãy chọn lại.")},
    )

    def __init__(self, *args, years: list[int], offences: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả các năm"))] + [(str(y), str(y)) for y in years]
        self.fields["offence"].choices = [("", _("Tất cả tội danh"))] + [(o, o) for o in offences]
        self._offences = {fold(o): o for o in offences}

    def full_clean(self):
        if self.is_bound and self.data.get("offence"):
            # A link typed without tone marks ("lua dao…") still selects the offence.
            data = self.data.copy()
            data["offence"] = self._offences.get(fold(data["offence"]), data["offence"])
            self.data = data
        super().full_clean()

    def clean_q(self):
        return clean_line(self.cleaned_data.get("q"))

    def clean(self):
        data = super().clean()
        return {key: value for key, value in data.items() if value}


class MovementProposalForm(DescribedErrorsMixin, SubmissionForm):
    name = forms.CharField(
        label=_("Tên mô hình"), max_length=255, error_messages={"required": _("Vui lòng nhập tên mô hình.")}
    )
    unit = forms.CharField(
        label=_("Đơn vị đề xuất"),
        max_length=255,
        help_text=_("Ví dụ: Công an phường An Phú."),
        error_messages={"required": _("Vui lòng nhập tên đơn vị.")},
    )
    ward = forms.CharField(
        label=_("Xã, phường"), max_length=120, error_messages={"required": _("Vui lòng nhập xã, phường.")}
    )
    kind = forms.ChoiceField(
        label=_("Loại mô hình"),
        choices=[("", _("— Chọn loại —"))] + MovementModel.Kind.choices,
        error_messages={
            "required": _("Vui lòng chọn loại mô hình."),
            "invalid_choice": _("Loại mô hình không hợp lệ."),
        },
    )
    year_started = forms.IntegerField(
        label=_("Năm bắt đầu"),
        min_value=1990,
        error_messages={
            "required": _("Vui lòng nhập năm bắt đầu."),
            "invalid": _("Năm bắt đầu phải là một số, ví dụ 2024."),
            "min_value": _("Năm bắt đầu phải từ %(limit_value)s trở đi."),
        },
    )
    description = forms.CharField(
        label=_("Mô tả"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Cách làm, lực lượng tham gia, kết quả bước đầu."),
        error_messages={"required": _("Vui lòng mô tả mô hình.")},
    )
    contact = forms.CharField(
        label=_("Người liên hệ, số điện thoại"),
        max_length=255,
        help_text=_("Để cán bộ liên hệ khi cần; không công khai."),
        error_messages={"required": _("Vui lòng cho biết người liên hệ.")},
    )

    def clean_year_started(self):
        year = self.cleaned_data["year_started"]
        if year > date.today().year:
            raise forms.ValidationError(_("Năm bắt đầu không thể ở tương lai."))
        return year

    def clean_description(self):
        return clean(self.cleaned_data["description"])

    def submission(self) -> dict:
        data = self.cleaned_data
        fields = ("name", "unit", "ward", "kind", "year_started", "description", "contact", "form_token")
        return {key: data.get(key) for key in fields}


class QuestionForm(DescribedErrorsMixin, SubmissionForm):
    topic = forms.CharField(
        label=_("Tiêu đề câu hỏi"),
        max_length=255,
        error_messages={"required": _("Vui lòng nhập tiêu đề câu hỏi.")},
    )
    body = forms.CharField(
        label=_("Nội dung câu hỏi"),
        min_length=20,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Không ghi số định danh, số điện thoại hay thông tin riêng tư: câu hỏi sẽ được công khai."),
        error_messages={
            "required": _("Vui lòng nhập nội dung câu hỏi."),
            "min_length": _("Câu hỏi quá ngắn: vui lòng viết rõ hơn (ít nhất %(limit_value)d ký tự)."),
        },
    )
    name = forms.CharField(
        label=_("Họ và tên (không bắt buộc)"), required=False, max_length=120, help_text=_("Hiển thị cùng câu hỏi.")
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        help_text=_("Không công khai; chỉ dùng để báo khi có câu trả lời."),
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    consent_publish = forms.BooleanField(
        label=_("Tôi đồng ý để câu hỏi (không kèm thư điện tử) và câu trả lời được đăng công khai."),
        error_messages={
            "required": _("Vui lòng đồng ý công khai: chỉ câu hỏi được công khai mới được trả lời tại đây.")
        },
    )

    def clean_body(self):
        return clean(self.cleaned_data["body"])

    def submission(self) -> dict:
        data = self.cleaned_data
        fields = ("topic", "body", "name", "email", "consent_publish", "form_token")
        return {key: data.get(key) for key in fields}
