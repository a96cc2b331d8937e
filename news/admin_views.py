"""Two page reports of the newsroom's workplace, on Wagtail's generic report view (filters,
pagination, spreadsheet export): my drafts, and pages scheduled for publication."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from news import editorial


class EditorialReportView(PageReportView):
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        self.queryset = self.pages().specific(defer=True)
        return super().get_queryset()


class MyDraftsView(EditorialReportView):
    page_title = _("Bản nháp của tôi")
    header_icon = "doc-empty-inverse"
    index_url_name = "news_admin:drafts"
    index_results_url_name = "news_admin:drafts_results"

    def pages(self):
        return editorial.user_drafts(self.request.user)


class ScheduledPagesView(EditorialReportView):
    page_title = _("Trang hẹn giờ xuất bản")
    header_icon = "time"
    index_url_name = "news_admin:scheduled"
    index_results_url_name = "news_admin:scheduled_results"

    def pages(self):
        return editorial.scheduled_pages()
