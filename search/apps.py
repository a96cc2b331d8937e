from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        from search import signals

        signals.connect()
        from cms.api import register
        from search.api import router

        register("/search", router)
