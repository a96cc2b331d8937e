"""`{% seo_meta %}`: description, canonical, link-preview cards and JSON-LD for every page."""

from django import template

from home import seo

register = template.Library()


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_meta(context, title="", description=""):
    """In the base template's <head>; a view that is not a page passes its own title and text."""
    request = context.get("request")
    if request is None:
        return {}
    settings = context.get("settings")
    try:
        portal = settings["home"]["PortalSettings"] if settings is not None else None
    except (KeyError, TypeError):
        portal = None
    return {
        "meta": seo.page_meta(request, page=context.get("page"), portal=portal, title=title, description=description)
    }
