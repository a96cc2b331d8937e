from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself, installed so its template tags and commands are found."""

    name = "cms"
    verbose_name = "Cổng thông tin"

    def ready(self):
        from django.core.signals import request_finished

        from cms import retention, security, storage  # noqa: F401 - security registers its deploy check

        retention.register_core_rules()
        # A submission that rolled back leaves its uploads under temporary names: remove them as
        # soon as its request ends, not only at this thread's next upload.
        request_finished.connect(storage.discard_after_request, dispatch_uid="cms.storage.discard")
