"""Citizens' screens: apply, receipt, tracking, supplements, withdrawal, rating, files.

Thin views: forms validate, `services.services` writes, `services.selectors` reads. A dossier
is shown only to the browser session that submitted it or proved the code and contact pair.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms import codes, places, receipts
from cms.intake import too_many_requests
from cms.storage import private_file_response
from services import selectors, workflow
from services import services as actions
from services.choices import Status
from services.forms import ApplicationForm, RatingForm, SupplementForm, TrackingForm, WithdrawForm
from services.records import ApplicationFile

SESSION_KEY = "services_dossiers"
RATE_SCOPE_SUBMIT = "services-submit"
RATE_SCOPE_TRACK = "services-track"


def grant_access(request, code: str) -> None:
    """Remember in the session that this browser may see the dossier `code`."""
    allowed = list(request.session.get(SESSION_KEY, []))
    if code not in allowed:
        allowed = (allowed + [code])[-20:]
        request.session[SESSION_KEY] = allowed


def has_access(request, code: str) -> bool:
    return code in request.session.get(SESSION_KEY, [])


def is_officer(user) -> bool:
    return user.is_authenticated and user.has_perm("services.process_application")


def tracking_url(code: str) -> str:
    """The tracking form with the dossier code filled in (the citizen adds the contact)."""
    return f"{reverse('services:tracking')}?ma={code}"


def submit_application(request, *, procedure, data, files, channel: str):
    """Shared by the web form and the API: returns (form, application, created); raises
    `cms.receipts.ReplayRefused` for a form token another sender already used."""
    form = ApplicationForm(data, files, procedure=procedure)
    if form.is_bot():
        return form, None, False
    if not form.is_valid():
        return form, None, False
    application, created = actions.application_submit(
        procedure=procedure,
        applicant_name=form.cleaned_data["applicant_name"],
        applicant_phone=form.cleaned_data["applicant_phone"],
        applicant_email=form.cleaned_data.get("applicant_email") or "",
        data=form.submission_data(),
        attachments=form.attachments(),
        form_token=form.cleaned_data.get("form_token"),
        sender=receipts.api_sender_of(request) if channel == "api" else receipts.sender_of(request),
        channel=channel,
    )
    return form, application, created


@never_cache
def apply_view(request, *, procedure):
    """The online application form of one procedure (route `nop-ho-so/` of ProcedurePage)."""
    if not procedure.accepts_online:
        return render(request, "services/apply_offline.html", {"page": procedure}, status=404)
    if request.method == "POST" and places.PROVINCE_STEP in request.POST:
        # "Chọn" without JavaScript: the form again with that province's wards, nothing sent.
        province_field = request.POST[places.PROVINCE_STEP]
        drop = {province_field.removesuffix("_province") + "_ward"}
        form = ApplicationForm(procedure=procedure, initial=places.typed_back(request.POST, drop=drop))
        context = {"page": procedure, "form": form, "files_dropped": bool(request.FILES)}
        return render(request, "services/apply_page.html", context)
    if request.method == "POST":
        limited = too_many_requests(request, RATE_SCOPE_SUBMIT)
        if limited:
            return limited
        try:
            form, application, _created = submit_application(
                request, procedure=procedure, data=request.POST, files=request.FILES, channel="web"
            )
        except receipts.ReplayRefused:
            messages.error(request, receipts.REPLAY_MESSAGE)
            form = ApplicationForm(procedure=procedure)
            return render(request, "services/apply_page.html", {"page": procedure, "form": form}, status=409)
        if form.is_bot():
            return render(request, "services/bot_thanks.html", {"page": procedure})
        if application is not None:
            grant_access(request, application.code)
            return redirect("services:receipt", code=application.code)
        messages.error(request, _("Hồ sơ chưa gửi được: vui lòng sửa các mục được đánh dấu bên dưới."))
        status = 400
    else:
        form = ApplicationForm(procedure=procedure)
        status = 200
    return render(request, "services/apply_page.html", {"page": procedure, "form": form}, status=status)


@never_cache
@require_GET
def receipt_view(request, code):
    code = codes.normalize(code)
    application = selectors.application_get_by_code(code)
    if application is None or not (has_access(request, code) or is_officer(request.user)):
        raise Http404
    return render(request, "services/receipt.html", {"application": application})


@never_cache
@require_http_methods(["GET", "POST"])
def tracking_view(request):
    """Code + phone/e-mail → the dossier; a wrong pair answers exactly like an unknown code."""
    form = TrackingForm(request.POST or None)
    not_found = False
    if request.method == "POST":
        limited = too_many_requests(request, RATE_SCOPE_TRACK)
        if limited:
            return limited
        if form.is_valid():
            application = selectors.application_for_citizen(form.cleaned_data["code"], form.cleaned_data["contact"])
            if application is not None:
                grant_access(request, application.code)
                return redirect("services:tracking_detail", code=application.code)
            not_found = True
    elif request.GET.get("ma"):
        form = TrackingForm(initial={"code": request.GET["ma"]})
    return render(request, "services/tracking.html", {"form": form, "not_found": not_found})


def _citizen_application(request, code):
    code = codes.normalize(code)
    if not (has_access(request, code) or is_officer(request.user)):
        return None
    return selectors.application_get_by_code(code)


# The citizen's acts on the tracking page: the form, the service it feeds (the form's fields
# are that function's keyword arguments) and the message once it is done.
CITIZEN_ACTIONS = {
    "supplement": (
        SupplementForm,
        actions.application_supplement,
        gettext_lazy("Đã gửi giấy tờ bổ sung. Hồ sơ được tiếp tục xử lý."),
    ),
    "withdraw": (WithdrawForm, actions.application_withdraw, gettext_lazy("Đã gửi yêu cầu rút hồ sơ.")),
    "rate": (RatingForm, actions.application_rate, gettext_lazy("Cảm ơn bạn đã đánh giá.")),
}


@never_cache
@require_http_methods(["GET", "POST"])
def tracking_detail_view(request, code):
    application = _citizen_application(request, code)
    if application is None:
        return redirect(tracking_url(codes.normalize(code)))
    action_forms = {action: form_class() for action, (form_class, _act, _done) in CITIZEN_ACTIONS.items()}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action in CITIZEN_ACTIONS:
            form_class, act, done = CITIZEN_ACTIONS[action]
            form = action_forms[action] = form_class(request.POST, request.FILES)
            if form.is_valid():
                try:
                    act(application=application, **form.cleaned_data)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, done)
                return redirect("services:tracking_detail", code=application.code)
        status = 400
    context = {
        "application": application,
        "events": selectors.public_events(application),
        "files": application.files.all(),
        "supplement_form": action_forms["supplement"] if application.status == Status.SUPPLEMENT else None,
        "withdraw_form": action_forms["withdraw"] if workflow.can_withdraw(application.status) else None,
        "rating_form": action_forms["rate"]
        if application.status in workflow.RATABLE and application.rating is None
        else None,
    }
    return render(request, "services/tracking_detail.html", context, status=status)


@never_cache
@require_GET
def file_view(request, pk):
    """A dossier file, to an officer or to the session that owns the dossier; 404 to others."""
    record = ApplicationFile.objects.select_related("application").filter(pk=pk).first()
    if record is None:
        raise Http404
    if not (is_officer(request.user) or has_access(request, record.application.code)):
        raise Http404
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404
    return private_file_response(handle, filename=record.original_name, content_type=record.content_type)


@require_GET
def wards_view(request, province_code):
    """Communes and wards of one province, for the address chooser."""
    if places.get_province(province_code) is None:
        raise Http404
    response = JsonResponse({"wards": [{"code": c, "name": n} for c, n in places.ward_choices(province_code)]})
    response["Cache-Control"] = "public, max-age=86400"
    return response
