"""The officers' list of dossiers on Wagtail's generic views: columns, filters, search, export
and the inspect view (the record, its files, its history). The steps that change a dossier
(assign, transition, results) stay in `admin_views.detail_view`, reached from both screens."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from cms.admin_records import CheckFilter, RecordIndexMixin, RecordInspectMixin, RecordViewSet, deadline_column
from services import selectors
from services.choices import OPEN_STATUSES, EmailStatus, Status
from services.models import Application, ApplicationFile, ProcedurePage

CHANNELS = [("web", _("Cổng dịch vụ công")), ("api", _("Ứng dụng (API)"))]


class ApplicationFilterSet(WagtailFilterSet):
    """The queue's filters; the parameter names are the ones the dashboard links use."""

    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Status.choices, empty_label=_("Tất cả"))
    procedure = django_filters.ModelChoiceFilter(
        label=_("Thủ tục"), queryset=lambda request: ProcedurePage.objects.order_by("title"), empty_label=_("Tất cả")
    )
    channel = django_filters.ChoiceFilter(label=_("Kênh nộp"), choices=CHANNELS, empty_label=_("Tất cả"))
    overdue = CheckFilter(label=_("Chỉ hồ sơ quá hạn"), method="filter_overdue")
    due_soon = CheckFilter(label=_("Đến hạn trong một ngày làm việc"), method="filter_due_soon")
    mine = CheckFilter(label=_("Giao cho tôi"), method="filter_mine")
    open_only = CheckFilter(label=_("Chỉ hồ sơ chưa kết thúc"), method="filter_open")
    email_failed = CheckFilter(label=_("Gửi thư điện tử không thành công"), method="filter_email_failed")

    class Meta:
        model = Application
        fields = []

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(selectors.overdue_q())

    def filter_due_soon(self, queryset, name, value):
        return queryset.filter(selectors.due_soon_q())

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assigned_to=self.request.user)

    def filter_open(self, queryset, name, value):
        return queryset.filter(status__in=OPEN_STATUSES)

    def filter_email_failed(self, queryset, name, value):
        return queryset.filter(email_status=EmailStatus.FAILED)


def _step_url(application: Application) -> str:
    return reverse("services_admin:detail", args=[application.pk])


class ApplicationIndexView(RecordIndexMixin, generic.IndexView):
    code_accessor = "display_code"

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(*args, get_title_id=lambda obj: f"snippet_{obj.pk}_title", **kwargs)

    def get_base_queryset(self):
        return selectors.officer_queryset()

    def search_queryset(self, queryset):
        return queryset.filter(selectors.application_search_q(self.search_query)) if self.is_searching else queryset

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(_("Xử lý"), url=_step_url(instance), icon_name="tasks", priority=5),
            *super().get_list_more_buttons(instance),
        ]


class ApplicationInspectView(RecordInspectMixin, generic.InspectView):
    template_name = "services/admin/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.officer_queryset().select_related("procedure"), pk=self.pk)

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("Xử lý hồ sơ"), url=_step_url(self.object), icon_name="tasks")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            data_rows=selectors.application_data_rows(self.object),
            files=self.object.files.all(),
            result_kind=ApplicationFile.Kind.RESULT,
            events=self.object.events.order_by("created_at", "pk"),
        )
        return context


class ApplicationViewSet(RecordViewSet):
    """Dossiers: read by holders of `services.process_application` (group "Cán bộ tiếp nhận hồ
    sơ"), changed only through the steps in `admin_views` and `services.services`."""

    model = Application
    name = "ho-so"
    url_namespace = "services_applications"
    icon = "tasks"
    menu_label = _("Hàng đợi hồ sơ")
    index_view_class = ApplicationIndexView
    index_template_name = "services/admin/index.html"
    inspect_view_class = ApplicationInspectView
    filterset_class = ApplicationFilterSet
    list_display = [
        "code",
        "procedure_name",
        "status",
        deadline_column("deadline", _("Hạn"), sort_key="deadline"),
        "assigned_to",
        "applicant_name",
        "submitted_at",
    ]
    ordering = ["status", "receipt_due_at"]
    list_per_page = 50
    search_fields = ["code", "applicant_name", "applicant_phone"]
    search_backend_name = None
    list_export = [
        "display_code",
        "procedure_code",
        "procedure_name",
        "get_status_display",
        "channel",
        "submitted_at",
        "deadline",
        "is_overdue",
        "assigned_to",
        "applicant_name",
        "applicant_phone",
        "get_timeliness_display",
    ]
    export_headings = {
        "display_code": _("Mã hồ sơ"),
        "procedure_code": _("Mã thủ tục"),
        "procedure_name": _("Thủ tục"),
        "get_status_display": _("Trạng thái"),
        "channel": _("Kênh nộp"),
        "submitted_at": _("Thời điểm nộp"),
        "deadline": _("Hạn"),
        "is_overdue": _("Quá hạn"),
        "assigned_to": _("Cán bộ được giao"),
        "applicant_name": _("Người nộp"),
        "applicant_phone": _("Số điện thoại"),
        "get_timeliness_display": _("Tiến độ"),
    }
    export_filename = "ho-so-truc-tuyen"
    inspect_view_fields = [
        "code",
        "procedure_name",
        "status",
        "applicant_name",
        "applicant_phone",
        "applicant_email",
        "channel",
        "submitted_at",
        "receipt_due_at",
        "received_at",
        "due_at",
        "completed_at",
        "returned_at",
        "timeliness",
        "assigned_to",
        "rating",
        "rating_comment",
        "email_status",
        "consent_at",
    ]
