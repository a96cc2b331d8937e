"""Public pages for tips: the form, follow-up with code + PIN, statistics. Thin: forms check,
services write, selectors read. Nothing here is a Wagtail page, indexed or in the sitemap."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms import codes, ratelimit, receipts
from cms.intake import too_many_requests
from reports import exports, selectors, services, stats
from reports.forms import PROVINCE_STEP, CitizenReplyForm, FollowUpForm, ReportForm

NOINDEX = "noindex, nofollow, noarchive"


def _private(response):
    response["X-Robots-Tag"] = NOINDEX
    return response


@never_cache
def report_form(request):
    """The public form; on success the code and PIN are shown once, on this response only."""
    if request.method == "POST" and PROVINCE_STEP in request.POST:
        # "Chọn" without JavaScript: the same form with the province's wards, nothing sent yet.
        context = {"form": ReportForm.province_step(request.POST), "files_dropped": bool(request.FILES)}
        return _private(render(request, "reports/form.html", context))
    if request.method == "POST":
        limited = too_many_requests(request, "reports")
        if limited:
            return _private(limited)
        form = ReportForm(request.POST, request.FILES)
        if form.is_bot():
            # Answer as if accepted; nothing is stored.
            context = {"code": codes.display(codes.generate(services.CODE_PREFIX)), "pin": services._new_pin()}
            return _private(render(request, "reports/receipt.html", context))
        if form.is_valid():
            try:
                receipt = services.report_submit(**form.submission(), sender=receipts.sender_of(request))
            except receipts.ReplayRefused:
                context = {"form": ReportForm(), "notice": receipts.REPLAY_MESSAGE}
                return _private(render(request, "reports/form.html", context, status=409))
            context = {
                "code": codes.display(receipt.report.code),
                "pin": receipt.pin,
                "duplicate": receipt.duplicate,
            }
            return _private(render(request, "reports/receipt.html", context))
        return _private(render(request, "reports/form.html", {"form": form}, status=400))
    return _private(
        render(
            request, "reports/form.html", {"form": ReportForm(initial={"subject_page": request.GET.get("doi_tuong")})}
        )
    )


@never_cache
def follow_up(request):
    """Status and messages for whoever holds code + PIN; the reporter can answer and add files.
    The PIN travels in the form posts only: no account, no session, no cookie."""
    form = FollowUpForm(request.POST or None)
    context = {"form": form}
    if request.method != "POST" or not form.is_valid():
        return _private(
            render(request, "reports/follow_up.html", context, status=200 if request.method == "GET" else 400)
        )
    try:
        report = services.report_open(
            code=form.cleaned_data["code"],
            pin=form.cleaned_data["pin"],
            fingerprint=ratelimit.client_fingerprint(request),
        )
    except services.TooManyAttempts as blocked:
        context["error"] = blocked.message
        response = render(request, "reports/follow_up.html", context, status=429)
        response["Retry-After"] = str(blocked.retry_after)
        return _private(response)
    if report is None:
        context["error"] = _("Mã phản ánh hoặc mã PIN không đúng.")
        return _private(render(request, "reports/follow_up.html", context, status=400))

    reply = CitizenReplyForm()
    status = 200
    if request.POST.get("action") == "reply":
        limited = too_many_requests(request, "reports-reply")
        if limited:
            return _private(limited)
        reply = CitizenReplyForm(request.POST, request.FILES)
        if reply.is_valid():
            services.report_citizen_reply(
                report=report, body=reply.cleaned_data["body"], files=reply.cleaned_data["files"]
            )
            context["sent"] = True
            reply = CitizenReplyForm()
        else:
            status = 400
    else:
        services.report_citizen_view(report=report)
    context.update(
        report=report,
        code_display=codes.display(report.code),
        messages_public=selectors.report_public_messages(report),
        reply=reply,
        pin=form.cleaned_data["pin"],
    )
    return _private(render(request, "reports/follow_up.html", context, status=status))


def _parse_date(value: str | None) -> date | None:
    """A date of the officers' statistics; None (this month) for anything else or outside 2000–2099."""
    try:
        day = date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
    return day if day and 2000 <= day.year <= 2099 else None


def period_from_request(request) -> stats.Period:
    preset = request.GET.get("ky", "")
    try:
        year = int(request.GET.get("nam", "")) if request.GET.get("nam") else None
    except ValueError:
        year = None
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return stats.period_for(
        preset,
        year,
        _parse_date(request.GET.get("tu") or request.GET.get("from")),
        _parse_date(request.GET.get("den") or request.GET.get("to")),
    )


def stats_context(data: stats.Stats, period: stats.Period, *, public: bool, query: str) -> dict:
    """What the public and the admin statistics pages share; the public one masks small ward counts."""
    return {
        "stats": data,
        "period": period,
        "presets": stats.PRESETS,
        "wards": [(r.label, stats.masked(r.count) if public else r.display) for r in data.by_ward],
        "month_chart": stats.bar_chart(data.by_month),
        "category_chart": stats.bar_chart(data.by_category, height=220),
        "query": query,
    }


def public_stats(request):
    """Public statistics of one closed month, quarter or year, every table masked
    (`stats.public_tables`); a day range or an open period answers 400."""
    context = {
        "choices": stats.public_period_choices(),
        "threshold": stats.PUBLIC_THRESHOLD,
        "closed_after_days": stats.CLOSED_AFTER_DAYS,
    }
    try:
        if any(request.GET.get(name) for name in ("tu", "den", "from", "to")):
            raise stats.PeriodError(
                "Trang công khai không nhận khoảng ngày tuỳ chọn; hãy chọn một tháng, quý hoặc năm."
            )
        period = stats.public_period(request.GET.get("ky"))
    except stats.PeriodError as exc:
        context.update(error=str(exc), period=None)
        return _private(render(request, "reports/stats.html", context, status=400))
    data = stats.report_stats(period)
    fmt = request.GET.get("dinh-dang", "")
    if fmt == "csv":
        return _private(exports.stats_csv(data, public=True))
    if fmt == "xlsx":
        return _private(exports.stats_xlsx(data, public=True))
    tables = stats.public_tables(data)
    context.update(
        period=period,
        total=stats.public_total(data),
        tables=tables,
        month_chart=stats.bar_chart(tables["month"].cells),
        category_chart=stats.bar_chart(tables["category"].cells, height=220),
        query=f"ky={period.preset}",
    )
    return _private(render(request, "reports/stats.html", context))
