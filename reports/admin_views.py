"""Officers' screens in the Wagtail admin: one report (triage actions, conversation, audit log),
recording tips from other channels, statistics; the list and the inspect view are
`reports.viewsets.ReportViewSet`. Every view and change is logged."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms import codes
from cms.storage import private_file_response
from cms.uploads import content_type_for
from reports import exports, selectors, services, stats
from reports.forms import DuplicateForm, ForwardForm, NoteForm, RecordForm, StatusForm
from reports.models import Report, ReportAttachment, ReportEvent
from reports.views import period_from_request, stats_context

VIEW = "reports.view_report"
CHANGE = "reports.change_report"
ADD = "reports.add_report"


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@never_cache
def detail(request, pk: int):
    _require(request, VIEW)
    report = get_object_or_404(Report.objects.select_related("category__parent", "unit", "duplicate_of"), pk=pk)
    forms_ = {
        "status": StatusForm(initial={"status": report.status}),
        "forward": ForwardForm(initial={"unit": report.unit_id}),
        "note": NoteForm(),
        "message": NoteForm(prefix="msg"),
        "duplicate": DuplicateForm(report=report),
    }
    if request.method == "POST":
        _require(request, CHANGE)
        action = request.POST.get("action", "")
        user = request.user
        if action == "status":
            form = forms_["status"] = StatusForm(request.POST)
            if form.is_valid():
                services.report_set_status(
                    report=report, status=form.cleaned_data["status"], note=form.cleaned_data["note"], user=user
                )
        elif action == "forward":
            form = forms_["forward"] = ForwardForm(request.POST)
            if form.is_valid():
                services.report_forward(report=report, unit=form.cleaned_data["unit"], user=user)
        elif action == "note":
            form = forms_["note"] = NoteForm(request.POST)
            if form.is_valid():
                services.report_add_note(report=report, body=form.cleaned_data["body"], user=user)
        elif action == "message":
            form = forms_["message"] = NoteForm(request.POST, prefix="msg")
            if form.is_valid():
                services.report_message_citizen(report=report, body=form.cleaned_data["body"], user=user)
        elif action == "duplicate":
            form = forms_["duplicate"] = DuplicateForm(request.POST, report=report)
            if form.is_valid():
                services.report_link_duplicate(report=report, original=form.cleaned_data["original"], user=user)
        else:
            form = None
        if form is not None and form.is_valid():
            messages.success(request, _("Đã cập nhật phản ánh %(code)s.") % {"code": codes.display(report.code)})
            return redirect("reports_admin:detail", pk=report.pk)
        messages.error(request, _("Chưa cập nhật được: vui lòng kiểm tra thông tin đã nhập."))
    else:
        services.report_view(report=report, user=request.user)

    identity = None
    can_see_identity = request.user.has_perm("reports.view_reporteridentity")
    if can_see_identity and request.GET.get("danh-tinh") == "1":
        identity = services.identity_reveal(report=report, user=request.user)
    return render(
        request,
        "reports/admin/detail.html",
        {
            "page_title": _("Phản ánh %(code)s") % {"code": codes.display(report.code)},
            "header_icon": "warning",
            "report": report,
            "forms": forms_,
            "conversation": report.messages.select_related("author").prefetch_related("attachments"),
            "attachments": report.attachments.all(),
            "events": selectors.report_events(report)[:200],
            "duplicates": report.duplicates.all(),
            "can_change": request.user.has_perm(CHANGE),
            "can_see_identity": can_see_identity,
            "has_identity": hasattr(report, "identity"),
            "identity": identity,
        },
        status=400 if request.method == "POST" else 200,
    )


def attachment(request, pk: int, attachment_pk: int):
    """Stream one evidence file to an officer (never through a public URL); logged."""
    _require(request, VIEW)
    item = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=attachment_pk, report_id=pk)
    services.attachment_download(attachment=item, user=request.user)
    return private_file_response(item.file.open("rb"), filename=item.name, content_type=content_type_for(item.kind))


@never_cache
def record(request):
    """Type in a tip received by hotline, fanpage, e-mail or in person, so every channel is counted."""
    _require(request, ADD)
    form = RecordForm(request.POST or None, request.FILES or None, initial={"channel": Report.Channel.HOTLINE})
    if request.method == "POST" and form.is_valid():
        receipt = services.report_submit(**form.submission(), user=request.user)
        messages.success(
            request,
            _("Đã ghi nhận phản ánh %(code)s. Mã PIN để người báo tin theo dõi: %(pin)s (chỉ hiển thị một lần).")
            % {"code": codes.display(receipt.report.code), "pin": receipt.pin},
        )
        return redirect("reports_admin:detail", pk=receipt.report.pk)
    return render(
        request,
        "reports/admin/record.html",
        {"page_title": _("Ghi nhận tin báo"), "header_icon": "plus", "form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def statistics(request):
    """The admin report: like the public page but with every ward count, and logged exports."""
    _require(request, VIEW)
    period = period_from_request(request)
    data = stats.report_stats(period)
    fmt = request.GET.get("dinh-dang", "")
    if fmt in {"csv", "xlsx"}:
        services.event_log(
            report=None, action=ReportEvent.Action.EXPORT, user=request.user, detail=f"{fmt} {period.label}"
        )
        return exports.stats_csv(data, public=False) if fmt == "csv" else exports.stats_xlsx(data, public=False)
    query = request.GET.copy()
    query.pop("dinh-dang", None)
    context = stats_context(data, period, public=False, query=query.urlencode())
    context.update(page_title=_("Thống kê phản ánh, tố giác"), header_icon="table", public_url=reverse("reports:stats"))
    return render(request, "reports/admin/stats.html", context)
