"""Movement models: proposals never public before review, counts computed in one query, CSV."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications import selectors, services
from publications.records import MovementModel
from tests import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return utils.make_publication_page("MovementPage", "Mô hình phong trào", "mo-hinh-phong-trao")


def _model(name, ward, status=MovementModel.Status.ACTIVE, reviewed=True, published=True):
    from datetime import date

    return MovementModel.objects.create(
        name=name,
        unit=f"Công an {ward}",
        ward=ward,
        kind=MovementModel.Kind.ORDER,
        year_started=2020,
        status=status,
        last_review_date=date(2025, 6, 1) if reviewed else None,
        review_state=MovementModel.Review.PUBLISHED if published else MovementModel.Review.PENDING,
    )


def _valid_form(client, page, **overrides):
    form = client.get(page.url + "de-xuat/").context["form"]
    data = {
        "name": "Tổ tự quản đường Hoa Sữa",
        "unit": "Công an phường An Phú",
        "ward": "Phường An Phú",
        "kind": "an-ninh-trat-tu",
        "year_started": "2023",
        "description": "Người dân tự tổ chức tuần tra ban đêm.",
        "contact": "Ông Sáu, 0912 345 678",
        "form_token": str(form.initial["form_token"]),
    }
    data.update(overrides)
    return data


def test_a_proposal_is_not_public_until_approved(client, page, admin_client):
    response = client.post(page.url + "de-xuat/", _valid_form(client, page))
    assert response.status_code == 200 and "Đã nhận đề xuất" in response.content.decode()
    proposal = MovementModel.objects.get()
    assert proposal.review_state == MovementModel.Review.PENDING
    assert "Hoa Sữa" not in client.get(page.url).content.decode()
    assert "Hoa Sữa" not in client.get(page.url + "xuat-csv/").content.decode()
    assert client.get("/api/v1/movement-models").json()["total"] == 0

    listing = admin_client.get("/admin/mo-hinh-phong-trao/?review_state=cho-duyet").content.decode()
    assert "Hoa Sữa" in listing and f"/admin/cong-khai/mo-hinh/{proposal.pk}/duyet/" in listing
    admin_client.post(f"/admin/cong-khai/mo-hinh/{proposal.pk}/duyet/", {"decision": "publish"})
    assert MovementModel.objects.get().review_state == MovementModel.Review.PUBLISHED
    assert "Hoa Sữa" in client.get(page.url).content.decode()
    assert client.get("/api/v1/movement-models").json()["items"][0]["name"] == "Tổ tự quản đường Hoa Sữa"


def test_the_same_form_posted_twice_stores_one_proposal(client, page):
    data = _valid_form(client, page)
    client.post(page.url + "de-xuat/", data)
    client.post(page.url + "de-xuat/", data)
    assert MovementModel.objects.count() == 1


def test_honeypot_stores_nothing(client, page):
    response = client.post(page.url + "de-xuat/", _valid_form(client, page, website="http://spam.example"))
    assert response.status_code == 200
    assert MovementModel.objects.count() == 0


def test_errors_are_announced_and_linked(client, page):
    response = client.post(page.url + "de-xuat/", _valid_form(client, page, name="", year_started="năm ngoái"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Vui lòng nhập tên mô hình." in html and "Năm bắt đầu phải là một số" in html
    assert 'aria-describedby="id_name_errors"' in html and 'id="id_name_errors"' in html
    assert MovementModel.objects.count() == 0


def test_rate_limit_answers_429(client, page, settings):
    settings.PORTAL_RATE_LIMITS = "2/600"
    for _ in range(2):
        client.post(page.url + "de-xuat/", _valid_form(client, page))
    response = client.post(page.url + "de-xuat/", _valid_form(client, page))
    assert response.status_code == 429 and "Retry-After" in response


def test_counts_by_status_and_ward_in_one_query(client, page):
    _model("A", "Phường An Phú")
    _model("B", "Phường An Phú", status=MovementModel.Status.EFFECTIVE)
    _model("C", "Xã Long Sơn", reviewed=False)
    _model("D", "Xã Long Sơn", published=False)
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.movement_counts()
    assert len(queries) == 1
    assert (counts.total, counts.reviewed) == (3, 2)
    assert dict(counts.by_status)["Đang hoạt động"] == 2
    assert dict(counts.by_status)["Hoạt động hiệu quả"] == 1
    assert counts.by_ward == [("Phường An Phú", 2), ("Xã Long Sơn", 1)]
    html = client.get(page.url).content.decode()
    assert "đã sơ kết <strong>2</strong> mô hình" in html


def test_csv_export_of_published_models(client, page):
    _model("Tổ tự quản", "Phường An Phú")
    _model("Chưa duyệt", "Phường An Phú", published=False)
    response = client.get(page.url + "xuat-csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Tên mô hình"
    assert [row[0] for row in rows[1:]] == ["Tổ tự quản"]
    assert rows[1][6] == "01/06/2025"


def test_refused_proposal_stays_private(page):
    proposal = _model("Bị từ chối", "Phường An Phú", published=False)
    services.movement_model_review(model=proposal, publish=False)
    assert list(selectors.movement_published()) == []
