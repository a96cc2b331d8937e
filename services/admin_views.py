"""Officers' steps on one dossier (assign, transition, results) and the report; the list and
the inspect view are `services.viewsets.ApplicationViewSet`.

Only users with `services.process_application` (group "Cán bộ tiếp nhận hồ sơ") get in; a
news editor gets a 403 and never sees a dossier.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from services import selectors, workflow
from services import services as actions
from services.forms import AssignForm, ResultForm, TransitionForm
from services.models import Application, ApplicationFile

PERMISSION = "services.process_application"


def _officers():
    User = get_user_model()
    perm_q = Q(groups__permissions__codename="process_application") | Q(
        user_permissions__codename="process_application"
    )
    return User.objects.filter(is_active=True).filter(perm_q | Q(is_superuser=True)).distinct().order_by("username")


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def detail_view(request, pk):
    application = get_object_or_404(Application.objects.select_related("procedure", "assigned_to"), pk=pk)
    targets = workflow.officer_targets(application.status)
    transition_form = TransitionForm(targets=targets)
    assign_form = AssignForm(officers=_officers(), initial={"assignee": application.assigned_to})
    result_form = ResultForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "transition":
                transition_form = TransitionForm(request.POST, targets=targets)
                if transition_form.is_valid():
                    actions.application_transition(
                        application=application,
                        to_status=transition_form.cleaned_data["to_status"],
                        note=transition_form.cleaned_data["note"],
                        public=transition_form.cleaned_data["public"],
                        actor=request.user,
                    )
                    messages.success(request, _("Đã cập nhật trạng thái hồ sơ."))
                    return redirect("services_admin:detail", pk=pk)
            elif action == "assign":
                assign_form = AssignForm(request.POST, officers=_officers())
                if assign_form.is_valid():
                    actions.application_assign(
                        application=application, assignee=assign_form.cleaned_data["assignee"], actor=request.user
                    )
                    messages.success(request, _("Đã giao hồ sơ."))
                    return redirect("services_admin:detail", pk=pk)
            elif action == "result":
                result_form = ResultForm(request.POST, request.FILES)
                if result_form.is_valid():
                    actions.application_add_results(
                        application=application, actor=request.user, files=result_form.cleaned_data["files"]
                    )
                    messages.success(request, _("Đã đính kèm kết quả."))
                    return redirect("services_admin:detail", pk=pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("services_admin:detail", pk=pk)
        messages.error(request, _("Vui lòng kiểm tra các mục được đánh dấu."))
    return TemplateResponse(
        request,
        "services/admin/detail.html",
        {
            "application": application,
            "events": application.events.order_by("created_at", "pk"),
            "files": application.files.all(),
            "data_rows": selectors.application_data_rows(application),
            "page_title": _("Xử lý hồ sơ %(code)s") % {"code": application.display_code},
            "header_icon": "tasks",
            "transition_form": transition_form if targets else None,
            "assign_form": assign_form,
            "result_form": result_form,
            "now": timezone.now(),
            "result_kind": ApplicationFile.Kind.RESULT,
        },
    )


@permission_required(PERMISSION, raise_exception=True)
def report_view(request):
    rows = selectors.statistics_rows()
    return TemplateResponse(
        request, "services/admin/report.html", {"rows": rows, "totals": selectors.statistics_totals(rows)}
    )
