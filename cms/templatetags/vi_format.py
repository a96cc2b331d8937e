"""Template filters for Vietnamese dates and numbers: {{ page.display_date|vi_datetime }}."""

from django import template

from cms import text

register = template.Library()


@register.filter
def vi_datetime(value):
    return text.format_datetime(value)


@register.filter
def vi_date(value):
    return text.format_date(value)


@register.filter
def vi_number(value):
    return text.format_number(value)
