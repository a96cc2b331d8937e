"""Admin behaviour every app shares; apps never import this module (Wagtail loads it)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def vietnamese_slug_js():
    """Slug fields fill with the portal's ASCII slug while a Vietnamese title is typed."""
    return format_html('<script src="{}"></script>', static("cms/js/vietnamese-slug.js"))
