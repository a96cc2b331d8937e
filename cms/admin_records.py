"""Officers' records (dossiers, tips) on Wagtail's generic views.

A record is read through the viewset's listing, filters, export and inspect view, and changed
only through its app's service functions (the officers' step screens, which check their own
permissions), never through a generic create, edit or delete form."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import list_to_str
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from cms.text import format_datetime


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """`view` for holders of `permission` (and superusers); add, change and delete for nobody."""

    def __init__(self, model, *, permission: str):
        super().__init__(model)
        self.permission = permission

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(self.permission)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return self._get_users_with_any_permission_codenames([self.permission.split(".", 1)[1]])


class RecordViewSet(ModelViewSet):
    """A listing with an inspect view and nothing that writes."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    exclude_form_fields = []  # the generic forms are never granted, see ReadOnlyPermissionPolicy


class RecordIndexMixin:
    """For a viewset's IndexView: the code column shown as `code_accessor`, Vietnamese dates
    and yes/no in the export."""

    code_accessor: str | None = None

    custom_value_preprocess = {
        datetime.datetime: {
            "xlsx": lambda value: value if timezone.is_naive(value) else timezone.make_naive(value),
            "csv": format_datetime,
        },
        (datetime.date, datetime.time): {"xlsx": None},
        list: {"csv": list_to_str, "xlsx": list_to_str},
    }
    custom_field_preprocess = {"is_overdue": {"csv": lambda value: yes_no(value), "xlsx": lambda value: yes_no(value)}}

    @cached_property
    def columns(self):
        columns = super().columns
        if self.code_accessor:
            columns[0] = self._get_title_column(columns[0].name, accessor=self.code_accessor)
        return columns


class RecordInspectMixin:
    """For a viewset's InspectView: dates the Vietnamese way, a dash for what is empty."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            return format_datetime(value)
        return "–" if value in (None, "") else value


class _CheckField(forms.BooleanField):
    def to_python(self, value):
        return super().to_python(value) or None  # unticked is "no filter", not "False"


class CheckFilter(BooleanFilter):
    """A check box (`?name=on`): ticked narrows the list, unticked leaves it whole."""

    field_class = _CheckField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)


def datetime_column(name: str, label, *, sort_key: str | None = None) -> Column:
    """A date and time shown the Vietnamese way (`20:23 16/07/2019`)."""
    return Column(
        name, label=label, sort_key=sort_key or name, accessor=lambda obj: format_datetime(getattr(obj, name)) or "–"
    )


def deadline_column(name: str, label, *, sort_key: str, due=None) -> Column:
    """A deadline (the attribute `name`, or `due(obj)`) followed by a red "Quá hạn" when the
    row's `is_overdue` annotation is true."""

    def value(obj):
        text = format_datetime(due(obj) if due else getattr(obj, name)) or "–"
        if getattr(obj, "is_overdue", False):
            return format_html('{} <strong class="w-text-critical-200">– {}</strong>', text, _("Quá hạn"))
        return text

    return Column(name, label=label, sort_key=sort_key, accessor=value)


def yes_no(value) -> str:
    return str(_("Có")) if value else ""
