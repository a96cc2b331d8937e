"""What "changes nothing" means in the re-run tests: the row count of every table."""

from __future__ import annotations

from django.apps import apps


def rows() -> dict[str, int]:
    """Rows per model, every installed app (pages, revisions, log entries, search entries...)."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
