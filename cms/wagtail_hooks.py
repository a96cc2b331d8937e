"""Admin behaviour every app shares; apps never import this module (Wagtail loads it)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def vietnamese_slug_js():
    """Slug fields fill with the portal's ASCII slug while a Vietnamese title is typed."""
    return format_html('<script src="{}"></script>', static("cms/js/vietnamese-slug.js"))


# Items of the main menu that only page editors can use: the snippet library (officers reach
# their own lists – holidays, categories, units – from their menus) and the editors' help.
EDITOR_ONLY_ITEMS = {"snippets", "help"}


@hooks.register("construct_main_menu")
def show_each_role_its_tools(request, menu_items):
    """Officers who cannot edit pages (no "Pages" item) see neither "Snippets" nor "Help"."""
    if request.user.is_superuser or any(item.name == "explorer" for item in menu_items):
        return
    menu_items[:] = [item for item in menu_items if item.name not in EDITOR_ONLY_ITEMS]
