"""The officers' list of tips on Wagtail's generic views: columns, filters, search by code,
export and the inspect view (the tip, its files, its audit log). The triage steps (status,
forward, note, message, duplicate) stay in `admin_views.detail`, reached from both screens.
The reporter's identity is never listed nor exported: it is shown, and logged, only on the
triage screen to the identity group."""

from __future__ import annotations

import django_filters
from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from cms.admin_records import CheckFilter, RecordIndexMixin, RecordInspectMixin, RecordViewSet, deadline_column
from reports import selectors, services
from reports.forms import FastSelect, ward_choices
from reports.models import Report, ReportEvent

ADD = "reports.add_report"


def category_choices() -> list[tuple[str, str]]:
    choices = []
    for top in selectors.category_tree(active_only=False):
        choices.append((top.code, top.name))
        choices.extend((c.code, f"— {c.name}") for c in top.active_children)
    return choices


class ReportFilterSet(WagtailFilterSet):
    """The queue's filters; the parameter names are the ones the dashboard links use."""

    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Report.Status.choices, empty_label=_("Tất cả"))
    category = django_filters.ChoiceFilter(
        label=_("Lĩnh vực"), choices=category_choices, empty_label=_("Tất cả"), method="filter_category"
    )
    channel = django_filters.ChoiceFilter(label=_("Kênh"), choices=Report.Channel.choices, empty_label=_("Tất cả"))
    han = django_filters.ChoiceFilter(
        label=_("Thời hạn"),
        choices=[(selectors.DUE_SOON, _("Đến hạn trong một ngày làm việc")), (selectors.OVERDUE, _("Quá hạn"))],
        empty_label=_("Tất cả"),
        method="filter_due",
    )
    cua_toi = CheckFilter(label=_("Tôi đang xử lý"), method="filter_mine")
    ward = django_filters.TypedChoiceFilter(
        label=_("Xã, phường"),
        choices=lambda: [("", _("Tất cả"))] + ward_choices()[1:],
        coerce=int,
        empty_value=None,
        widget=FastSelect,
        field_name="ward_code",
    )
    tu = django_filters.DateFilter(
        label=_("Từ ngày"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    den = django_filters.DateFilter(
        label=_("Đến ngày"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Report
        fields = []

    def filter_category(self, queryset, name, value):
        return queryset.filter(selectors.category_q(value))

    def filter_due(self, queryset, name, value):
        return queryset.filter(selectors.due_q(value))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(selectors.handled_by_q(self.request.user))

    def filter_from(self, queryset, name, value):
        return queryset.filter(received_at__gte=selectors.local_day_bounds(value, value)[0])

    def filter_to(self, queryset, name, value):
        return queryset.filter(received_at__lt=selectors.local_day_bounds(value, value)[1])


def _triage_url(report: Report) -> str:
    return reverse("reports_admin:detail", args=[report.pk])


class ReportIndexView(RecordIndexMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.officer_queryset()

    def search_queryset(self, queryset):
        return queryset.filter(selectors.code_search_q(self.search_query)) if self.is_searching else queryset

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.request.user.has_perm(ADD):
            buttons.append(HeaderButton(_("Ghi nhận tin báo"), url=reverse("reports_admin:record"), icon_name="plus"))
        buttons.append(HeaderButton(_("Thống kê"), url=reverse("reports_admin:stats"), icon_name="table"))
        return buttons

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(_("Xử lý"), url=_triage_url(instance), icon_name="tasks", priority=5),
            *super().get_list_more_buttons(instance),
        ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        services.event_log(
            report=None,
            action=ReportEvent.Action.EXPORT,
            user=self.request.user,
            detail=f"{spreadsheet_format} danh sách {queryset.count()} phản ánh",
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


class ReportInspectView(RecordInspectMixin, generic.InspectView):
    template_name = "reports/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.officer_queryset().select_related("duplicate_of"), pk=self.pk)

    def get(self, request, *args, **kwargs):
        services.report_view(report=self.object, user=request.user)
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Xử lý phản ánh"), url=_triage_url(self.object), icon_name="tasks")]

    def get_ward_code_display_value(self):
        return self.object.ward_name or "–"

    def get_province_code_display_value(self):
        return self.object.province_name or "–"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            due_at=selectors.report_due_at(self.object),
            attachments=self.object.attachments.all(),
            events=selectors.report_events(self.object)[:200],
        )
        return context


class ReportViewSet(RecordViewSet):
    """Tips: read by holders of `reports.view_report` (group "Cán bộ tiếp nhận tin báo"),
    changed only through the triage steps in `admin_views` and `reports.services`."""

    model = Report
    name = "phan-anh"
    url_namespace = "reports_reports"
    icon = "warning"
    menu_label = _("Hàng đợi")
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    filterset_class = ReportFilterSet
    list_display = [
        "code",
        "category",
        "status",
        deadline_column("due_at", _("Hạn xử lý"), sort_key="received_at", due=selectors.report_due_at),
        "unit",
        "channel",
        "received_at",
    ]
    ordering = ["-received_at", "-pk"]
    list_per_page = 50
    search_fields = ["code"]
    search_backend_name = None
    list_export = [
        "code",
        "received_at",
        "category",
        "get_channel_display",
        "ward_name",
        "get_status_display",
        "is_overdue",
        "unit",
        "duplicate_of",
        "closed_at",
    ]
    export_headings = {
        "code": _("Mã phản ánh"),
        "received_at": _("Thời điểm tiếp nhận"),
        "category": _("Lĩnh vực"),
        "get_channel_display": _("Kênh"),
        "ward_name": _("Xã, phường"),
        "get_status_display": _("Trạng thái"),
        "is_overdue": _("Quá hạn"),
        "unit": _("Đơn vị xử lý"),
        "duplicate_of": _("Trùng với"),
        "closed_at": _("Thời điểm kết thúc"),
    }
    export_filename = "phan-anh-to-giac"
    inspect_view_fields = [
        "code",
        "status",
        "category",
        "channel",
        "received_at",
        "occurred_at",
        "address",
        "ward_code",
        "province_code",
        "subject_title",
        "unit",
        "duplicate_of",
        "closed_at",
        "description",
    ]
