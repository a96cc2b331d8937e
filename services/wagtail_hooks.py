"""Admin wiring: the officers' menu ("Hồ sơ trực tuyến") and the holidays snippet."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from services import admin_views
from services.models import Holiday


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


@hooks.register("register_admin_urls")
def register_services_admin_urls():
    urls = [
        path("", admin_views.queue_view, name="queue"),
        path("<int:pk>/", admin_views.detail_view, name="detail"),
        path("bao-cao/", admin_views.report_view, name="report"),
    ]
    return [path("ho-so/", include((urls, "services_admin"), namespace="services_admin"))]


@hooks.register("register_admin_menu_item")
def register_services_menu():
    submenu = Menu(
        items=[
            OfficerMenuItem(_("Hàng đợi hồ sơ"), reverse("services_admin:queue"), icon_name="tasks", order=1),
            OfficerMenuItem(_("Báo cáo, thống kê"), reverse("services_admin:report"), icon_name="table", order=2),
        ]
    )

    class OfficerSubmenu(SubmenuMenuItem):
        def is_shown(self, request):
            return request.user.has_perm(admin_views.PERMISSION)

    return OfficerSubmenu(_("Hồ sơ trực tuyến"), submenu, icon_name="folder-open-inverse", order=250)
