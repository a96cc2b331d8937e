"""The tip officers' groups: who triages tips, and who may also see a reporter's identity."""

from __future__ import annotations

from cms.groups import ensure_group

OFFICER_GROUP = "Cán bộ tiếp nhận tin báo"
IDENTITY_GROUP = "Cán bộ được xem thông tin người phản ánh"
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("reports", "report", "view_report"),
    ("reports", "report", "add_report"),
    ("reports", "report", "change_report"),
    ("reports", "reportevent", "view_reportevent"),
]
IDENTITY_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("reports", "reporteridentity", "view_reporteridentity"),
]


def ensure_groups() -> None:
    """The officers' group and the identity group with their permissions (idempotent)."""
    ensure_group(OFFICER_GROUP, OFFICER_PERMISSIONS)
    ensure_group(IDENTITY_GROUP, IDENTITY_PERMISSIONS)
