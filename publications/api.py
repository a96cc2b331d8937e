"""JSON API of the publications (mounted at /api/v1/): only what is public on the portal."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cms.api import NO_NUL, PageMeta, page_query, paginate, responses
from publications import selectors

router = Router(tags=["cong-khai"])
_PAGE = page_query()


class WantedPersonOut(Schema):
    id: int
    full_name: str
    other_names: list[str]
    birth_year: int | None
    sex: str
    last_residence: str
    offence: str
    decision_number: str
    decision_date: date
    issuing_agency: str
    description: str
    url: str


class WantedListPage(PageMeta):
    items: list[WantedPersonOut]


class WantedFilter(Schema):
    q: str = Field("", max_length=120, pattern=NO_NUL, description="Họ tên hoặc tên gọi khác, không phân biệt dấu")
    nam: int | None = Field(None, ge=1900, le=2100, description="Năm ra quyết định truy nã")
    toi_danh: str = Field("", max_length=255, pattern=NO_NUL, description="Tội danh, không phân biệt dấu")


def _wanted(request, person) -> dict:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "other_names": person.other_names_list(),
        "birth_year": person.birth_year,
        "sex": person.get_sex_display(),
        "last_residence": person.last_residence,
        "offence": person.offence,
        "decision_number": person.decision_number,
        "decision_date": person.decision_date,
        "issuing_agency": person.issuing_agency,
        "description": person.description,
        "url": person.get_full_url(request) or "",
    }


@router.get("/wanted-persons", response=responses({200: WantedListPage}), summary="Danh sách đối tượng truy nã")
def wanted_persons(request: HttpRequest, filters: Query[WantedFilter], paging: Query[_PAGE]):
    people = selectors.wanted_person_list(q=filters.q, year=filters.nam, offence=filters.toi_danh)
    return Status(
        200, paginate(request, people, trang=paging.trang, so_muc=paging.so_muc, render=lambda p: _wanted(request, p))
    )


class ReceptionOut(Schema):
    id: int
    leader: str
    leader_title: str
    place: str
    starts_at: datetime
    ends_at: datetime | None
    subject: str


@router.get("/reception-schedule", response=responses({200: list[ReceptionOut]}), summary="Lịch tiếp công dân sắp tới")
def reception_schedule(request: HttpRequest):
    return Status(200, list(selectors.reception_upcoming()))


class MovementModelOut(Schema):
    id: int
    name: str
    unit: str
    ward: str
    kind: str
    year_started: int
    status: str
    last_review_date: date | None
    review_result: str


class MovementListPage(PageMeta):
    items: list[MovementModelOut]


def _movement(model) -> dict:
    return {
        "id": model.pk,
        "name": model.name,
        "unit": model.unit,
        "ward": model.ward,
        "kind": model.get_kind_display(),
        "year_started": model.year_started,
        "status": model.get_status_display(),
        "last_review_date": model.last_review_date,
        "review_result": model.review_result,
    }


@router.get("/movement-models", response=responses({200: MovementListPage}), summary="Mô hình phong trào đã đăng")
def movement_models(request: HttpRequest, paging: Query[_PAGE]):
    items = list(selectors.movement_published())
    return Status(200, paginate(request, items, trang=paging.trang, so_muc=paging.so_muc, render=_movement))


class QuestionOut(Schema):
    id: int
    title: str
    asker: str
    question: str
    answer: str
    asked_on: date
    answered_on: date
    url: str


class QuestionListPage(PageMeta):
    items: list[QuestionOut]


@router.get("/questions", response=responses({200: QuestionListPage}), summary="Câu hỏi đã được trả lời")
def questions(request: HttpRequest, paging: Query[_PAGE]):
    items = list(selectors.question_pages())

    def render(page):
        return {
            "id": page.pk,
            "title": page.title,
            "asker": page.asker,
            "question": page.question,
            "answer": page.answer,
            "asked_on": page.asked_on,
            "answered_on": page.answered_on,
            "url": page.get_full_url(request) or "",
        }

    return Status(200, paginate(request, items, trang=paging.trang, so_muc=paging.so_muc, render=render))
