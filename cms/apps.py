from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself, installed so its template tags and commands are found."""

    name = "cms"
    verbose_name = "Cổng thông tin"
