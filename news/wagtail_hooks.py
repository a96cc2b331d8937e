"""Admin screens of the news section: the category snippet with its own listing."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
