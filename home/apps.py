from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ"

    def ready(self):
        from cms import structure
        from home.services import ensure_portal_structure

        structure.register(ensure_portal_structure)

        from home import signals

        signals.connect()
