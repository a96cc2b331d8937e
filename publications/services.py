"""Writes for the publications: keyword-only, `full_clean()`, one transaction each."""

from __future__ import annotations

import uuid
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import codes
from cms.text import clean, clean_line, slugify_vi
from publications import selectors
from publications.records import MovementModel, Question

QUESTION_CODE_PREFIX = "HD"


def _page_model(name: str):
    return apps.get_model("publications", name)


# --- Truy nã ------------------------------------------------------------------------------


def wanted_person_set_status(*, page, status: str, user=None):
    """Record that the person was caught or the decision revoked, and take the notice off the
    portal at once: a new revision with the status, then `unpublish()`, whose signal removes it
    from the search index; the listing, sitemap and API read only live pages."""
    wanted_person_page = _page_model("WantedPersonPage")
    if status not in wanted_person_page.Status.values:
        raise ValidationError(_("Tình trạng không hợp lệ."))
    with transaction.atomic():
        page = page.specific
        page.status = status
        page.full_clean()
        page.save_revision(user=user, log_action=True)
        wanted_person_page.objects.filter(pk=page.pk).update(status=status)
        wanted_person_enforce_status(page=page, user=user)
    return page


def wanted_person_enforce_status(*, page, user=None) -> bool:
    """Unpublish a live notice whose person is no longer wanted (also run after an editor
    publishes such a page from the admin). True when the page went offline."""
    if page.status == _page_model("WantedPersonPage").Status.WANTED or not page.live:
        return False
    page.unpublish(user=user, log_action=True)
    return True


# --- Mô hình phong trào --------------------------------------------------------------------


def movement_model_propose(
    *,
    name: str,
    unit: str,
    ward: str,
    kind: str,
    year_started: int,
    description: str = "",
    contact: str = "",
    form_token: uuid.UUID | None = None,
) -> MovementModel:
    """Store a unit's proposal as "Chờ duyệt"; a second post of the same form returns the first."""
    previous = selectors.movement_by_token(form_token)
    if previous:
        return previous
    model = MovementModel(
        name=clean_line(name),
        unit=clean_line(unit),
        ward=clean_line(ward),
        kind=kind,
        year_started=year_started,
        description=clean(description),
        contact=clean_line(contact),
        form_token=form_token,
        review_state=MovementModel.Review.PENDING,
    )
    model.full_clean()
    try:
        with transaction.atomic():
            model.save()
    except IntegrityError:
        previous = selectors.movement_by_token(form_token)
        if previous:
            return previous
        raise
    return model


def movement_model_review(*, model: MovementModel, publish: bool, user=None) -> MovementModel:
    """An editor's decision on a proposal: published on the portal, or kept private."""
    with transaction.atomic():
        model.review_state = MovementModel.Review.PUBLISHED if publish else MovementModel.Review.REFUSED
        model.reviewed_at = timezone.now()
        model.reviewed_by = user
        model.full_clean()
        model.save()
    return model


# --- Hỏi đáp -------------------------------------------------------------------------------


def question_submit(
    *, topic: str, body: str, consent_publish: bool, name: str = "", email: str = "", form_token=None
) -> Question:
    """Store a citizen's question, private until answered and published."""
    previous = selectors.question_by_token(form_token)
    if previous:
        return previous
    if not consent_publish:
        raise ValidationError({"consent_publish": _("Vui lòng đồng ý để câu hỏi và câu trả lời được công khai.")})
    question = Question(
        code=codes.allocate(QUESTION_CODE_PREFIX, lambda c: Question.objects.filter(code=c).exists()),
        topic=clean_line(topic),
        body=clean(body),
        consent_publish=True,
        name=clean_line(name),
        email=clean_line(email).lower(),
        form_token=form_token,
    )
    question.full_clean()
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        previous = selectors.question_by_token(form_token)
        if previous:
            return previous
        raise
    return question


def question_assign(*, question: Question, officer, due_date: date | None = None) -> Question:
    with transaction.atomic():
        question.assigned_to = officer
        question.due_date = due_date or question.due_date
        if question.state == Question.State.NEW:
            question.state = Question.State.ASSIGNED
        question.full_clean()
        question.save()
    return question


def question_publish(*, question: Question, answer: str | None = None, user=None):
    """Publish the answered pair as a `QuestionPage` under the Q&A section (searchable, in the
    sitemap and the API from then on). Refused when there is no answer or no consent."""
    answer = clean(answer if answer is not None else question.answer)
    if not answer:
        raise ValidationError({"answer": _("Vui lòng nhập câu trả lời trước khi đăng.")})
    if not question.consent_publish:
        raise ValidationError(_("Người hỏi không đồng ý công khai câu hỏi."))
    if question.state == Question.State.PUBLISHED:
        raise ValidationError(_("Câu hỏi này đã được đăng."))
    index = selectors.question_index()
    if index is None:
        raise ValidationError(_("Chưa có chuyên mục hỏi đáp để đăng câu hỏi."))
    today = timezone.localdate()
    with transaction.atomic():
        page = _page_model("QuestionPage")(
            title=question.topic,
            slug=f"{slugify_vi(question.topic, max_length=80)}-{question.code.lower()}",
            asker=question.name,
            question=question.body,
            answer=answer,
            asked_on=timezone.localdate(question.submitted_at),
            answered_on=today,
        )
        index.add_child(instance=page)
        page.save_revision(user=user).publish(user=user)
        question.answer = answer
        question.state = Question.State.PUBLISHED
        question.answered_at = timezone.now()
        question.page_id_published = page.pk
        question.full_clean()
        question.save()
    return page


def question_refuse(*, question: Question, reason: str = "", user=None) -> Question:
    """Close a question without publishing it (abusive, out of scope, no consent)."""
    if question.state == Question.State.PUBLISHED:
        raise ValidationError(_("Câu hỏi đã đăng, hãy gỡ trang câu trả lời trong mục Trang."))
    with transaction.atomic():
        question.state = Question.State.REFUSED
        question.refusal_reason = clean_line(reason) or question.refusal_reason
        question.full_clean()
        question.save()
    return question
