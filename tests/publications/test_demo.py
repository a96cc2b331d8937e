"""The publications demo: fictional, marked as demo data, computed counts, idempotent."""

import pytest

from publications import demo, selectors
from publications.models import QuestionPage, WantedPersonPage
from publications.records import MovementModel
from tests import utils

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_pages_render(client):
    home = utils.make_home()
    home.save_revision().publish()
    created = demo.load_demo(home)
    assert created["đối tượng truy nã"] == len(demo.WANTED)
    assert demo.load_demo(home) == {}
    assert MovementModel.objects.count() >= 30
    counts = selectors.movement_counts()
    assert counts.total == MovementModel.objects.filter(review_state="da-dang").count()
    assert all(demo.DEMO in p.description for p in WantedPersonPage.objects.all())
    assert QuestionPage.objects.live().count() == len(demo.QUESTIONS)
    for path in (
        "/truy-na/",
        "/lich-tiep-cong-dan/",
        "/mo-hinh-phong-trao/",
        "/hoi-dap/",
        "/huong-dan-to-giac-toi-pham/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    guide = client.get("/huong-dan-to-giac-toi-pham/").content.decode()
    assert "/tin-tuc/chuyen-muc/canh-bao-toi-pham/rss/" in guide and "không cho biết danh tính" in guide
    assert "Hướng dẫn tố giác tội phạm" in client.get("/phan-anh-to-giac/").content.decode()
    assert f"đã sơ kết <strong>{counts.reviewed}</strong>" in client.get("/mo-hinh-phong-trao/").content.decode()
