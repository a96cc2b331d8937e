"""Questions and answers: asked in public, answered in the admin, public only once published."""

import pytest
from django.core.cache import cache

from publications import services
from publications.models import QuestionPage
from publications.records import Question
from search import selectors as search_selectors
from tests import utils

pytestmark = pytest.mark.django_db
TOPIC = "Đăng ký tạm trú cho người thuê trọ"
BODY = "Tôi cho sinh viên thuê phòng trọ, ai phải đăng ký tạm trú và đăng ký ở đâu?"


@pytest.fixture
def index():
    return utils.make_publication_page("QuestionIndexPage", "Hỏi đáp", "hoi-dap")


def _ask(client, index, **overrides):
    form = client.get(index.url + "gui-cau-hoi/").context["form"]
    data = {"topic": TOPIC, "body": BODY, "consent_publish": "on", "form_token": str(form.initial["form_token"])}
    data.update(overrides)
    return client.post(index.url + "gui-cau-hoi/", data)


def _public_everywhere(client, index) -> dict:
    cache.clear()
    return {
        "listing": TOPIC in client.get(index.url).content.decode(),
        "search": bool(search_selectors.search_pages(query="dang ky tam tru nguoi thue tro").results),
        "sitemap": "nguoi-thue-tro" in client.get("/sitemap-trang.xml").content.decode(),
        "api": client.get("/api/v1/questions").json()["total"] > 0,
    }


def test_unanswered_and_refused_questions_are_never_public(client, index):
    response = _ask(client, index)
    assert response.status_code == 200 and "Mã câu hỏi" in response.content.decode()
    question = Question.objects.get()
    assert question.state == Question.State.NEW and question.consent_publish
    assert _public_everywhere(client, index) == {"listing": False, "search": False, "sitemap": False, "api": False}
    services.question_refuse(question=question, reason="Trùng câu hỏi")
    assert _public_everywhere(client, index) == {"listing": False, "search": False, "sitemap": False, "api": False}
    assert QuestionPage.objects.count() == 0


def test_answered_question_is_published_and_searchable(client, index, admin_client, django_capture_on_commit_callbacks):
    _ask(client, index, name="Chị Hoa", email="hoa@example.vn")
    question = Question.objects.get()
    queue = admin_client.get("/admin/hoi-dap/?state=moi").content.decode()
    assert TOPIC in queue and f"/admin/cong-khai/hoi-dap/{question.pk}/tra-loi/" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/cong-khai/hoi-dap/{question.pk}/tra-loi/",
            {"decision": "publish", "answer": "Người thuê tự đăng ký tạm trú tại Công an phường."},
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.state == Question.State.PUBLISHED
    page = QuestionPage.objects.get(pk=question.page_id_published)
    assert page.live and page.asker == "Chị Hoa"
    assert _public_everywhere(client, index) == {"listing": True, "search": True, "sitemap": True, "api": True}
    html = client.get(page.url).content.decode()
    assert "Người thuê tự đăng ký" in html and "hoa@example.vn" not in html
    assert "hoa@example.vn" not in str(client.get("/api/v1/questions").json())


def test_publishing_needs_an_answer(admin_client, index, client):
    _ask(client, index)
    question = Question.objects.get()
    response = admin_client.post(
        f"/admin/cong-khai/hoi-dap/{question.pk}/tra-loi/", {"decision": "publish", "answer": ""}
    )
    assert response.status_code == 200
    assert "Vui lòng nhập câu trả lời" in response.content.decode()
    assert QuestionPage.objects.count() == 0


def test_consent_is_required_and_errors_are_linked(client, index):
    response = _ask(client, index, consent_publish="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng đồng ý công khai" in html and 'role="alert"' in html
    assert 'aria-describedby="id_consent_publish_errors"' in html
    assert Question.objects.count() == 0


def test_short_question_nfd_input_is_normalized(client, index):
    import unicodedata

    _ask(client, index, topic=unicodedata.normalize("NFD", TOPIC))
    assert Question.objects.get().topic == TOPIC


def test_double_submit_and_honeypot(client, index):
    form = client.get(index.url + "gui-cau-hoi/").context["form"]
    data = {"topic": TOPIC, "body": BODY, "consent_publish": "on", "form_token": str(form.initial["form_token"])}
    first = client.post(index.url + "gui-cau-hoi/", data).context["code"]
    second = client.post(index.url + "gui-cau-hoi/", data).context["code"]
    assert first == second and Question.objects.count() == 1
    client.post(index.url + "gui-cau-hoi/", {**data, "form_token": "", "website": "x"})
    assert Question.objects.count() == 1


def test_assignment_moves_to_assigned(index, admin_user):
    question = services.question_submit(topic=TOPIC, body=BODY, consent_publish=True)
    services.question_assign(question=question, officer=admin_user)
    assert question.state == Question.State.ASSIGNED and question.assigned_to == admin_user


def test_choosing_an_officer_in_the_admin_assigns_the_question(admin_client, admin_user, index):
    question = services.question_submit(topic=TOPIC, body=BODY, consent_publish=True)
    response = admin_client.post(
        f"/admin/hoi-dap/edit/{question.pk}/",
        {
            "topic": TOPIC,
            "body": BODY,
            "assigned_to": admin_user.pk,
            "due_date": "2030-01-15",
            "answer": "",
            "refusal_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.state == Question.State.ASSIGNED and str(question.due_date) == "2030-01-15"
    assert TOPIC in admin_client.get("/admin/hoi-dap/?state=da-giao").content.decode()
