"""Admin wiring: the dossiers' viewset, the officers' menu ("Hồ sơ trực tuyến"), their dashboard
panel and the holidays snippet."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_records import ReadOnlyPermissionPolicy
from cms.dashboard import Count, CountsPanel
from services import admin_views, selectors
from services.bulk_actions import AssignToMeBulkAction, ReceiveBulkAction
from services.models import Application, Holiday, Status
from services.viewsets import ApplicationViewSet

register_permission_policy(Application, ReadOnlyPermissionPolicy(Application, permission=admin_views.PERMISSION))
applications = ApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return applications


hooks.register("register_bulk_action", AssignToMeBulkAction)
hooks.register("register_bulk_action", ReceiveBulkAction)


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Ngày nghỉ lễ")
    menu_order = 400
    add_to_admin_menu = False
    list_display = ["date", "name"]
    ordering = ["-date"]
    list_export = ["date", "name"]


register_snippet(HolidayViewSet)


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


class HolidayMenuItem(MenuItem):
    """The holiday calendar in the officers' own menu (they do not see "Snippets")."""

    def is_shown(self, request):
        return any(request.user.has_perm(f"services.{action}_holiday") for action in ("add", "change", "delete"))


@hooks.register("construct_homepage_panels")
def officer_dashboard(request, panels):
    """Dossiers officers have to act on, each number a link to the filtered queue."""
    user = request.user
    if not user.has_perm(admin_views.PERMISSION):
        return
    counts = selectors.officer_counts(user=user)
    queue = reverse(applications.get_url_name("index"))
    items = [
        Count(_("Hồ sơ mới đăng ký"), counts["new"], f"{queue}?status={Status.NEW}"),
        Count(_("Đang giao cho tôi"), counts["mine"], f"{queue}?mine=on&open_only=on"),
        Count(_("Đến hạn trong một ngày làm việc"), counts["due_soon"], f"{queue}?due_soon=on"),
        Count(_("Quá hạn"), counts["overdue"], f"{queue}?overdue=on", urgent=True),
    ]
    if user.is_superuser:
        items.append(
            Count(
                _("Thư điện tử gửi không thành công"), counts["email_failed"], f"{queue}?email_failed=on", urgent=True
            )
        )
    panels.append(CountsPanel(name="bang-tin-ho-so", heading=_("Hồ sơ trực tuyến cần xử lý"), counts=items, order=40))


@hooks.register("register_admin_urls")
def register_services_admin_urls():
    urls = [
        path("<int:pk>/", admin_views.detail_view, name="detail"),
        path("bao-cao/", admin_views.report_view, name="report"),
    ]
    return [path("ho-so/", include((urls, "services_admin"), namespace="services_admin"))]


@hooks.register("register_admin_menu_item")
def register_services_menu():
    submenu = Menu(
        items=[
            applications.get_menu_item(order=1),
            OfficerMenuItem(_("Báo cáo, thống kê"), reverse("services_admin:report"), icon_name="table", order=2),
            HolidayMenuItem(
                _("Ngày nghỉ lễ"), reverse("wagtailsnippets_services_holiday:list"), icon_name="date", order=3
            ),
        ]
    )

    class OfficerSubmenu(SubmenuMenuItem):
        def is_shown(self, request):
            return request.user.has_perm(admin_views.PERMISSION)

    return OfficerSubmenu(_("Hồ sơ trực tuyến"), submenu, icon_name="folder-open-inverse", order=250)
