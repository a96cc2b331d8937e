from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself, installed so its template tags and commands are found."""

    name = "cms"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from cms import retention

        retention.register_core_rules()
