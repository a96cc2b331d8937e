"""Admin wiring: the reception schedule as a snippet, the movement proposals and the citizens'
questions as ModelViewSet queues with filters, their review steps, and the rule that a wanted
notice published with a status other than "wanted" goes offline at once."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from publications import admin_views, services
from publications.models import MovementModel, Question, ReceptionEntry, WantedPersonPage


class ReceptionEntryViewSet(SnippetViewSet):
    model = ReceptionEntry
    icon = "date"
    menu_label = _("Lịch tiếp công dân")
    add_to_admin_menu = False
    list_display = ["starts_at", "leader", "leader_title", "place", "subject"]
    list_filter = ["starts_at"]
    search_fields = ["leader", "place", "subject"]
    ordering = ["-starts_at"]
    list_export = ["starts_at", "ends_at", "leader", "leader_title", "place", "subject"]


register_snippet(ReceptionEntryViewSet)


class MovementModelViewSet(ModelViewSet):
    model = MovementModel
    icon = "group"
    menu_label = _("Mô hình phong trào")
    add_to_admin_menu = True
    menu_order = 260
    url_prefix = "mo-hinh-phong-trao"
    list_display = [
        "name",
        "ward",
        "kind",
        "status",
        "review_state",
        "submitted_at",
        TitleColumn(
            "review",
            label=_("Duyệt"),
            accessor=lambda obj: _("Duyệt, không đăng"),
            get_url=lambda obj: reverse("publications_admin:movement_review", args=[obj.pk]),
        ),
    ]
    list_filter = ["review_state", "status", "kind", "ward"]
    search_fields = ["name", "unit", "ward"]
    list_export = ["name", "unit", "ward", "kind", "year_started", "status", "last_review_date", "review_result"]
    ordering = ["review_state", "-submitted_at"]


class QuestionEditView(EditView):
    """Saving an officer in "Cán bộ trả lời" assigns the question (state "Đã giao")."""

    def save_instance(self):
        instance = super().save_instance()
        if instance.assigned_to_id and instance.state == Question.State.NEW:
            services.question_assign(question=instance, officer=instance.assigned_to, due_date=instance.due_date)
        return instance


class QuestionViewSet(ModelViewSet):
    model = Question
    edit_view_class = QuestionEditView
    icon = "help"
    menu_label = _("Hỏi đáp")
    add_to_admin_menu = True
    menu_order = 270
    url_prefix = "hoi-dap"
    list_display = [
        "code",
        "topic",
        "state",
        "assigned_to",
        "due_date",
        "submitted_at",
        TitleColumn(
            "act",
            label=_("Trả lời"),
            accessor=lambda obj: _("Trả lời, đăng"),
            get_url=lambda obj: reverse("publications_admin:question_answer", args=[obj.pk]),
        ),
    ]
    list_filter = ["state", "assigned_to", "due_date"]
    search_fields = ["code", "topic", "body"]
    ordering = ["due_date", "-submitted_at"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [MovementModelViewSet("publications_movementmodel"), QuestionViewSet("publications_question")]


admin_urlpatterns = [
    path("mo-hinh/<int:pk>/duyet/", admin_views.movement_review, name="movement_review"),
    path("hoi-dap/<int:pk>/tra-loi/", admin_views.question_answer, name="question_answer"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("cong-khai/", include((admin_urlpatterns, "publications_admin"), namespace="publications_admin"))]


@hooks.register("after_publish_page")
def unpublish_when_no_longer_wanted(request, page):
    if isinstance(page.specific, WantedPersonPage):
        services.wanted_person_enforce_status(page=page.specific, user=request.user)
