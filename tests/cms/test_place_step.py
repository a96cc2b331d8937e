"""Province, then ward (issue #16): the citizen forms carry only the chosen province's wards
(≤ 60 KB of HTML instead of the country's 3.321 wards), the wards of another province come from
the places API, and without JavaScript a "Chọn" step shows the form again with the province's
wards and everything typed so far."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms import places
from reports.models import Report
from services.models import Application

pytestmark = pytest.mark.django_db

MAX_FORM_HTML = 60 * 1024
HANOI = places.get_province(1)
HOAN_KIEM = next(w for w in HANOI.wards if w.name == "Phường Hoàn Kiếm")
OTHER = places.provinces()[-1]
TIP_URL = "/phan-anh-to-giac/"


@pytest.fixture
def tip_categories():
    from django.core.management import call_command

    call_command("load_initial_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _options(html: str) -> int:
    return html.count("<option")


def test_tip_form_is_small_and_has_no_ward_until_a_province_is_chosen(client, tip_categories):
    response = client.get(TIP_URL)
    html = response.content.decode()
    assert len(response.content) <= MAX_FORM_HTML, len(response.content)
    assert "<optgroup" not in html.split('id="id_ward"')[1].split("</select>")[0]
    ward_select = html.split('id="id_ward"')[1].split("</select>")[0]
    assert _options(ward_select) == 1  # the placeholder
    assert 'data-wards="id_ward"' in html and 'name="chon_tinh"' in html
    assert "<noscript>" in html and "cms/js/place-chooser.js" in html


def test_choose_step_keeps_typed_text_and_offers_the_provinces_wards(client, tip_categories):
    before = Report.objects.count()
    typed = "Có người lạ giả danh cán bộ điện lực vào nhà kiểm tra đồng hồ rồi lấy trộm điện thoại."
    response = client.post(
        TIP_URL,
        {
            "category": "lua-dao-qua-mang",
            "description": typed,
            "occurred_date": "2026-01-15",
            "province": str(HANOI.code),
            "name": "Trần Thị Bình",
            "chon_tinh": "province",
            "files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4", content_type="application/pdf")],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Report.objects.count() == before
    assert typed in html and 'value="Trần Thị Bình"' in html and 'value="2026-01-15"' in html
    assert f'<option value="{HANOI.code}" selected>' in html
    assert f'<option value="{HOAN_KIEM.code}">Phường Hoàn Kiếm</option>' in html
    assert "Vui lòng kiểm tra lại" not in html and 'role="alert"' not in html
    assert "chọn lại tệp" in html
    assert len(response.content) <= MAX_FORM_HTML


def test_a_ward_of_another_province_is_refused_and_a_ward_alone_finds_its_province(client, tip_categories):
    data = {
        "category": "lua-dao-qua-mang",
        "description": "Tôi nhận được cuộc gọi giả danh công an yêu cầu chuyển tiền vào tài khoản lạ.",
        "occurred_date": "2026-01-15",
        "province": str(OTHER.code),
        "ward": str(HOAN_KIEM.code),
    }
    before = Report.objects.count()
    response = client.post(TIP_URL, data)
    assert response.status_code == 400
    assert "không thuộc tỉnh" in " ".join(response.context["form"].errors["ward"])
    response = client.post(TIP_URL, {**data, "province": ""})
    assert response.status_code == 200, response.context["form"].errors
    assert Report.objects.count() == before + 1
    assert Report.objects.order_by("-pk").first().province_code == HANOI.code


def test_application_form_is_small_and_its_choose_step_keeps_the_data(client, tip_categories):
    from services.choices import FieldType
    from services.models import ProcedurePage

    procedure = next(p for p in ProcedurePage.objects.live() if p.form_fields.filter(field_type=FieldType.PLACE))
    place = procedure.form_fields.filter(field_type=FieldType.PLACE).first().name
    url = procedure.url + "nop-ho-so/"
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) <= MAX_FORM_HTML
    html = response.content.decode()
    assert f'data-wards="id_{place}_ward"' in html and f'value="{place}_province"' in html
    before = Application.objects.count()
    response = client.post(
        url,
        {"applicant_name": "Nguyễn Văn An", f"{place}_province": str(HANOI.code), "chon_tinh": f"{place}_province"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == before
    assert 'value="Nguyễn Văn An"' in html and "Phường Hoàn Kiếm" in html
    assert "form-errors" not in html
    assert len(response.content) <= MAX_FORM_HTML


def test_places_api_answers_the_chooser(client):
    data = client.get(f"/api/v1/places/provinces/{HANOI.code}/wards?so_muc=500").json()
    assert {"code": HOAN_KIEM.code, "name": "Phường Hoàn Kiếm", "province_code": HANOI.code} in data["items"]
    assert len(data["items"]) == len(HANOI.wards)
