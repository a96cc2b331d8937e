"""The editors' review steps that the generic ModelViewSet screens do not have: approve or
refuse a movement-model proposal; publish or refuse an answered question. Thin: permission,
form, service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from publications import services
from publications.records import MovementModel, Question


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def movement_review(request, pk: int):
    _require(request, "publications.change_movementmodel")
    model = get_object_or_404(MovementModel, pk=pk)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision in ("publish", "refuse"):
            services.movement_model_review(model=model, publish=decision == "publish", user=request.user)
            messages.success(request, _("Đã ghi quyết định cho mô hình “%(name)s”.") % {"name": model.name})
            return redirect("publications_movementmodel:index")
    return TemplateResponse(
        request,
        "publications/admin/movement_review.html",
        {"model": model, "page_title": _("Duyệt mô hình"), "header_title": model.name},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Câu trả lời"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Được đăng cùng câu hỏi khi bấm “Đăng”."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do không trả lời"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Chỉ ghi nội bộ."),
    )


def question_answer(request, pk: int):
    _require(request, "publications.change_question")
    question = get_object_or_404(Question, pk=pk)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer, "reason": question.refusal_reason})
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "refuse":
                services.question_refuse(question=question, reason=form.cleaned_data["reason"], user=request.user)
                messages.success(request, _("Đã đóng câu hỏi %(code)s, không đăng.") % {"code": question.code})
            else:
                services.question_publish(question=question, answer=form.cleaned_data["answer"], user=request.user)
                messages.success(request, _("Đã đăng câu trả lời cho câu hỏi %(code)s.") % {"code": question.code})
            return redirect("publications_question:index")
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
    return TemplateResponse(
        request,
        "publications/admin/question_answer.html",
        {"question": question, "form": form, "page_title": _("Trả lời câu hỏi"), "header_title": question.topic},
    )
