"""Reads for the newsroom's workplace in the admin: pages waiting for a reviewer, a writer's
drafts and scheduled publications. The dashboard counts all three in one query; the report
screens list them with the same conditions, so a number and its list always agree."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, Revision, TaskState, WorkflowState


def _page_id():
    return Cast(OuterRef("pk"), output_field=CharField())


def _in_moderation():
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=_page_id(),
        status=WorkflowState.STATUS_IN_PROGRESS,
        current_task_state__status=TaskState.STATUS_IN_PROGRESS,
    )


def awaiting_review_q(user) -> Q:
    """Pages whose current workflow step is a group approval `user` may act on (any step for
    a superuser), as Wagtail's GroupApprovalTask decides."""
    states = _in_moderation().filter(current_task_state__task__active=True)
    if not user.is_superuser:
        states = states.filter(current_task_state__task__groupapprovaltask__groups__user=user)
    return Q(Exists(states))


def drafts_q(user) -> Q:
    """Pages with changes not yet published, last saved by `user`, neither submitted for
    review nor scheduled (those are counted as such)."""
    return Q(has_unpublished_changes=True, latest_revision__user=user) & ~Q(Exists(_in_moderation())) & ~scheduled_q()


def scheduled_q() -> Q:
    """Pages with an approved revision waiting for its publication time (`go_live_at`)."""
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=_page_id(),
        approved_go_live_at__isnull=False,
    )
    return Q(Exists(revisions))


def editorial_counts(*, user) -> dict[str, int]:
    """The writer's and reviewer's dashboard in one query."""
    return Page.objects.aggregate(
        review=Count("pk", filter=awaiting_review_q(user)),
        drafts=Count("pk", filter=drafts_q(user)),
        scheduled=Count("pk", filter=scheduled_q()),
    )


def user_drafts(user) -> QuerySet[Page]:
    return Page.objects.filter(drafts_q(user)).order_by("-latest_revision_created_at")


def scheduled_pages() -> QuerySet[Page]:
    return Page.objects.filter(scheduled_q()).order_by("go_live_at", "pk")
