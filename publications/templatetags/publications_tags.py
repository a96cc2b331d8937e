"""Template tags for other apps' templates: the next reception sessions on the home page."""

from django import template

from publications import selectors

register = template.Library()


@register.inclusion_tag("publications/includes/reception_upcoming.html")
def reception_upcoming(limit: int = 3):
    return {"entries": selectors.reception_upcoming(limit=limit), "schedule_page": selectors.reception_page()}
