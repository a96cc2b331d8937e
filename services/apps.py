from django.apps import AppConfig


class ServicesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "services"
    verbose_name = "Dịch vụ công"

    def ready(self):
        from cms.api import register
        from services.api import router

        register("/", router)
        from services import retention

        retention.register_rules()
