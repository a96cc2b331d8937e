"""Dashboard panels of the admin home page: a heading and a few numbers, each a link to the
list it counts. Apps build them in their own `construct_homepage_panels` hooks from counts
they read in one query (conditional aggregation), so a panel costs one query however many
numbers it shows."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.admin.ui.components import Component

from cms.text import format_number


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    url: str
    urgent: bool = False  # shown in red when not zero (overdue, failures)

    @property
    def display(self) -> str:
        return format_number(self.value)


class CountsPanel(Component):
    """One dashboard panel: `heading` and its `counts`, placed by `order` among Wagtail's."""

    template_name = "cms/admin/counts_panel.html"

    def __init__(self, *, name: str, heading: str, counts: list[Count], order: int, description: str = ""):
        self.name = name
        self.heading = heading
        self.counts = counts
        self.order = order
        self.description = description

    def get_context_data(self, parent_context):
        return {"panel": self}
