from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_groups(sender, **kwargs):
    from reports.groups import ensure_groups

    ensure_groups()


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Phản ánh, tố giác"

    def ready(self):
        # Permissions exist only after post_migrate; the officers' group is set up right after them.
        post_migrate.connect(_create_groups, sender=self, dispatch_uid="reports.create_groups")
        from cms.api import register
        from reports.api import router

        register("/", router)
        from reports import retention

        retention.register_rules()
