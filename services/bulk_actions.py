"""Bulk steps on several dossiers from the list (Wagtail's bulk action framework): take them
("Giao cho tôi") or receive the new ones. Each dossier goes through the same service function
as on its own screen, so every one gets its event; dossiers the step does not apply to are
listed apart and left alone."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from services import services
from services.choices import OPEN_STATUSES, Status
from services.models import Application

PERMISSION = "services.process_application"


class ApplicationBulkAction(BulkAction):
    models = [Application]
    template_name = "services/admin/bulk_confirm.html"
    question = ""

    def check_perm(self, obj):
        return self.request.user.has_perm(PERMISSION) and self.applies_to(obj)

    def applies_to(self, application: Application) -> bool:
        return True

    def object_context(self, application):
        return {"item": application}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def get_execution_context(self):
        return {"user": self.request.user}


class AssignToMeBulkAction(ApplicationBulkAction):
    display_name = _("Giao cho tôi")
    action_type = "giao-cho-toi"
    aria_label = _("Giao các hồ sơ đã chọn cho tôi")
    question = _("Giao các hồ sơ sau cho bạn?")
    not_applicable = _("Các hồ sơ sau đã kết thúc hoặc đã giao cho bạn, không thay đổi:")

    def applies_to(self, application):
        return application.status in OPEN_STATUSES and application.assigned_to_id != self.request.user.pk

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for application in objects:
            services.application_assign(application=application, assignee=user, actor=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("Đã giao %(n)d hồ sơ cho bạn.", "Đã giao %(n)d hồ sơ cho bạn.", num_parent_objects) % {
            "n": num_parent_objects
        }


class ReceiveBulkAction(ApplicationBulkAction):
    display_name = _("Tiếp nhận")
    action_type = "tiep-nhan"
    aria_label = _("Tiếp nhận các hồ sơ mới đã chọn")
    question = _("Tiếp nhận các hồ sơ sau? Công dân được báo hồ sơ đã được tiếp nhận.")
    not_applicable = _("Các hồ sơ sau không ở trạng thái Mới đăng ký, không thay đổi:")

    def applies_to(self, application):
        return application.status == Status.NEW

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for application in objects:
            services.application_transition(application=application, to_status=Status.RECEIVED, actor=user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("Đã tiếp nhận %(n)d hồ sơ.", "Đã tiếp nhận %(n)d hồ sơ.", num_parent_objects) % {
            "n": num_parent_objects
        }
