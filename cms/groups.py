"""Staff groups and their permissions, set up the same way by every app (idempotent)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

# A model permission by name: ("reports", "report", "view_report").
PermissionName = tuple[str, str, str]


def ensure_group(name: str, permissions: Iterable[PermissionName] = ()) -> tuple[Group, bool]:
    """The group called `name`, created when missing, holding at least `permissions`; returns
    (group, created). Permissions it already has are kept; unknown names are skipped."""
    group, created = Group.objects.get_or_create(name=name)
    wanted = Q(pk__in=[])
    for app_label, model, codename in permissions:
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
    group.permissions.add(*Permission.objects.filter(wanted))
    return group, created
