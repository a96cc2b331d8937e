"""Officers' menu and screens in the Wagtail admin; categories and units as snippets.

Only users with `reports.view_report` (the group "Cán bộ tiếp nhận tin báo") see the menu;
news editors and service officers see nothing of it. The audit log has no edit screen."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_records import ReadOnlyPermissionPolicy
from cms.dashboard import Count, CountsPanel
from reports import admin_views, selectors
from reports.models import Report, ReportCategory, Unit
from reports.viewsets import ReportViewSet

register_permission_policy(Report, ReadOnlyPermissionPolicy(Report, permission=admin_views.VIEW))
tips = ReportViewSet()


@hooks.register("register_admin_viewset")
def register_report_viewset():
    return tips


admin_urlpatterns = [
    path("ghi-nhan/", admin_views.record, name="record"),
    path("thong-ke/", admin_views.statistics, name="stats"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/tep/<int:attachment_pk>/", admin_views.attachment, name="attachment"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("phan-anh/", include((admin_urlpatterns, "reports_admin"), namespace="reports_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ReportCategoryViewSet(SnippetViewSet):
    model = ReportCategory
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực phản ánh")
    add_to_admin_menu = False
    list_display = ["name", "code", "parent", "is_active"]
    list_filter = ["parent", "is_active"]
    search_fields = ["name", "code"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị xử lý")
    add_to_admin_menu = False
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


register_snippet(ReportCategoryViewSet)
register_snippet(UnitViewSet)


# (label, URL name, icon, permission), in menu order, after the viewset's list.
MENU = [
    (_("Ghi nhận tin báo"), "reports_admin:record", "plus", "reports.add_report"),
    (_("Thống kê"), "reports_admin:stats", "table", "reports.view_report"),
    (
        _("Lĩnh vực"),
        "wagtailsnippets_reports_reportcategory:list",
        "folder-open-inverse",
        "reports.change_reportcategory",
    ),
    (_("Đơn vị xử lý"), "wagtailsnippets_reports_unit:list", "group", "reports.change_unit"),
]


@hooks.register("construct_homepage_panels")
def officer_dashboard(request, panels):
    """Tips officers have to act on, each number a link to the filtered queue."""
    if not request.user.has_perm(admin_views.VIEW):
        return
    counts = selectors.officer_counts(user=request.user)
    queue = reverse_lazy(tips.get_url_name("index"))
    items = [
        Count(_("Phản ánh mới"), counts["new"], f"{queue}?status={Report.Status.NEW}"),
        Count(_("Tôi đang xử lý"), counts["mine"], f"{queue}?cua_toi=on"),
        Count(_("Đến hạn trong một ngày làm việc"), counts["due_soon"], f"{queue}?han={selectors.DUE_SOON}"),
        Count(_("Quá hạn"), counts["overdue"], f"{queue}?han={selectors.OVERDUE}", urgent=True),
    ]
    panels.append(
        CountsPanel(name="bang-tin-phan-anh", heading=_("Phản ánh, tố giác cần xử lý"), counts=items, order=45)
    )


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    items = [tips.get_menu_item(order=100)] + [
        PermissionMenuItem(label, reverse_lazy(url_name), icon_name=icon, order=100 * (i + 2), permission=perm)
        for i, (label, url_name, icon, perm) in enumerate(MENU)
    ]
    menu = Menu(items=items)
    return SubmenuMenuItem(_("Phản ánh, tố giác"), menu, icon_name="warning", order=250, name="phan-anh")
