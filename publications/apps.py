from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """What a police portal must publish (Decree 42/2022/NĐ-CP art. 4): wanted persons, the
    citizen reception schedule, the movement models directory, questions and answers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"
    verbose_name = _("Thông tin công khai")

    def ready(self):
        from cms.api import register
        from publications.api import router
        from search.registry import register as register_search

        register("/", router)
        register_search("wanted", "publications.WantedPersonPage", _("Truy nã"))
        register_search("question", "publications.QuestionPage", _("Hỏi đáp"))
        register_search("reception", "publications.ReceptionSchedulePage", _("Lịch tiếp công dân"))
        register_search("movement", "publications.MovementPage", _("Mô hình phong trào"))
        register_search("wanted-index", "publications.WantedPersonIndexPage", _("Danh sách truy nã"))
        register_search("question-index", "publications.QuestionIndexPage", _("Chuyên mục hỏi đáp"))
