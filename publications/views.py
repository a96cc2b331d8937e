"""Thin views for the publication pages' routes: forms check, services write, selectors read."""

from __future__ import annotations

import csv

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from cms import codes
from cms.intake import too_many_requests
from cms.text import format_date
from publications import ical, selectors, services
from publications.forms import MovementProposalForm, QuestionForm

RATE_SCOPE_MOVEMENT = "movement-proposals"
RATE_SCOPE_QUESTION = "questions"


def reception_ics(request, *, page) -> HttpResponse:
    body = ical.calendar(
        selectors.reception_upcoming(),
        host=request.get_host().split(":")[0] or "localhost",
        name=page.title,
        url=page.get_full_url(request) or "",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lich-tiep-cong-dan.ics"'
    return response


CSV_HEADER = [
    "Tên mô hình",
    "Đơn vị",
    "Xã, phường",
    "Loại",
    "Năm bắt đầu",
    "Tình trạng",
    "Ngày sơ kết gần nhất",
    "Kết quả sơ kết",
]


def movement_csv(request) -> HttpResponse:
    """The published models only, UTF-8 with BOM so that spreadsheet programs read the marks."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mo-hinh-phong-trao.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for m in selectors.movement_published():
        writer.writerow(
            [
                m.name,
                m.unit,
                m.ward,
                m.get_kind_display(),
                m.year_started,
                m.get_status_display(),
                format_date(m.last_review_date),
                m.review_result,
            ]
        )
    return response


def _render(request, page, template, context, status=200):
    context = {**page.get_context(request), **context}
    response = TemplateResponse(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def movement_propose(request, *, page):
    template = "publications/movement_propose.html"
    if request.method != "POST":
        return _render(request, page, template, {"form": MovementProposalForm()})
    limited = too_many_requests(request, RATE_SCOPE_MOVEMENT)
    if limited:
        return limited
    form = MovementProposalForm(request.POST)
    if form.is_bot():
        return _render(request, page, "publications/movement_received.html", {})
    if not form.is_valid():
        return _render(request, page, template, {"form": form}, status=400)
    model = services.movement_model_propose(**form.submission())
    return _render(request, page, "publications/movement_received.html", {"proposal": model})


@never_cache
def question_ask(request, *, page):
    template = "publications/question_ask.html"
    if request.method != "POST":
        return _render(request, page, template, {"form": QuestionForm()})
    limited = too_many_requests(request, RATE_SCOPE_QUESTION)
    if limited:
        return limited
    form = QuestionForm(request.POST)
    if form.is_bot():
        return _render(
            request,
            page,
            "publications/question_received.html",
            {"code": codes.generate(services.QUESTION_CODE_PREFIX)},
        )
    if form.is_valid():
        try:
            question = services.question_submit(**form.submission())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _render(request, page, "publications/question_received.html", {"code": question.code})
    return _render(request, page, template, {"form": form}, status=400)
