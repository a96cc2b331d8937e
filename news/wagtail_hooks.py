"""Admin screens of the news section: the category snippet with its own listing; the writers'
and reviewers' dashboard panel with its two page reports (my drafts, scheduled pages)."""

from django.db.models import Count
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.dashboard import Count as DashboardCount
from cms.dashboard import CountsPanel
from news import admin_views, editorial
from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    """Editors manage categories here; the article count shows which ones are in use."""

    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = _("Chuyên mục tin")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        "slug",
        "sort_order",
        Column("num_articles", label=_("Số bài viết"), sort_key="num_articles"),
    ]
    list_export = ["name", "slug", "description", "sort_order"]
    export_filename = "chuyen-muc-tin"
    search_fields = ["name", "slug", "description"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return NewsCategory.objects.annotate(num_articles=Count("pages", distinct=True))


register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_urls")
def register_news_admin_urls():
    urls = [
        path("ban-nhap/", admin_views.MyDraftsView.as_view(), name="drafts"),
        path("ban-nhap/ket-qua/", admin_views.MyDraftsView.as_view(results_only=True), name="drafts_results"),
        path("hen-gio/", admin_views.ScheduledPagesView.as_view(), name="scheduled"),
        path("hen-gio/ket-qua/", admin_views.ScheduledPagesView.as_view(results_only=True), name="scheduled_results"),
    ]
    return [path("bai-viet/", include((urls, "news_admin"), namespace="news_admin"))]


@hooks.register("construct_homepage_panels")
def editorial_dashboard(request, panels):
    """Writers and reviewers: pages waiting for their review, their drafts, what is scheduled."""
    user = request.user
    if not PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"]):
        return
    counts = editorial.editorial_counts(user=user)
    items = [
        DashboardCount(
            _("Chờ tôi duyệt"), counts["review"], reverse("wagtailadmin_reports:workflow") + "?reviewable=true"
        ),
        DashboardCount(_("Bản nháp của tôi"), counts["drafts"], reverse("news_admin:drafts")),
        DashboardCount(_("Hẹn giờ xuất bản"), counts["scheduled"], reverse("news_admin:scheduled")),
    ]
    panels.append(CountsPanel(name="bang-tin-bien-tap", heading=_("Tin bài"), counts=items, order=50))
