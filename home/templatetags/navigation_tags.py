"""Site chrome for every template: `{% main_nav %}`, `{% footer_links %}`, `{% breadcrumbs %}`."""

from django import template

from home import selectors

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    return {"items": selectors.main_navigation(context.get("request"))}


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    return {"pages": selectors.footer_pages(context.get("request")), "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of `page` below the site root, for the "Bạn đang ở" trail."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None:
        return {"crumbs": [], "page": None}
    root = selectors.site_root(request)
    crumbs = []
    if root is not None and page.pk != root.pk:
        crumbs = list(page.get_ancestors().filter(depth__gte=root.depth).specific())
    return {"crumbs": crumbs, "page": page, "request": request}
