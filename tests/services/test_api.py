"""The services API: catalogue, form definitions, multipart submission, errors, 429."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms import codes
from services.models import Application
from tests.services.test_apply import valid_data
from tests.utils import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_procedures_list(client, procedure):
    response = client.get("/api/v1/procedures")
    assert response.status_code == 200
    page = response.json()
    assert (page["total"], page["trang"], page["next"]) == (1, 1, None)
    (item,) = page["items"]
    assert item["code"] == procedure.code
    assert item["name"] == "Đăng ký tạm trú"
    assert item["level_label"] == "Toàn trình"
    assert item["online"] is True


def test_procedure_detail_has_form_definition(client, procedure):
    data = client.get(f"/api/v1/procedures/{procedure.code}").json()
    fields = {f["name"]: f for f in data["form_fields"]}
    assert fields["so_dinh_danh"]["type"] == "cccd"
    assert fields["quan_he"]["choices"] == ["Con", "Người thuê nhà"]
    assert [i["name"] for i in fields["noi_tam_tru"]["inputs"]] == ["noi_tam_tru_province", "noi_tam_tru_ward"]
    assert [i["choices_url"] for i in fields["noi_tam_tru"]["inputs"]] == [
        "/api/v1/places/provinces",
        "/api/v1/places/provinces/{noi_tam_tru_province}/wards",
    ]
    assert fields["applicant_name"]["max_length"] == 255
    assert fields["consent"]["required"] is True
    component = procedure.components.first()
    assert data["components"][0] == {
        "name": component.name,
        "required": True,
        "quantity": "",
        "field": f"file_{component.pk}",
        "template_url": None,
        "max_size": 10 * 1024 * 1024,
        "content_types": [
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "image/jpeg",
            "image/png",
        ],
    }
    missing = client.get("/api/v1/procedures/0.000000")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_post_application_201(client, procedure):
    payload = valid_data(procedure, procedure=procedure.code)
    response = client.post("/api/v1/applications", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert codes.is_valid(body["code"])
    assert body["status"] == "Mới đăng ký"
    assert body["tracking_url"].endswith(f"/tra-cuu-ho-so/?ma={body['code']}")
    application = Application.objects.get(code=body["code"])
    assert application.channel == "api"
    assert application.files.count() == 1


def test_post_application_400_with_vietnamese_errors(client, procedure):
    component = procedure.components.first()
    payload = valid_data(
        procedure,
        procedure=procedure.code,
        so_dinh_danh="12",
        applicant_phone="12345",
        **{f"file_{component.pk}": SimpleUploadedFile("a.pdf", b"GIF89a" + b"\0" * 50)},
    )
    payload.pop("consent")
    response = client.post("/api/v1/applications", payload)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    errors = response.json()["errors"]
    assert "12 chữ số" in errors["so_dinh_danh"][0]
    assert "Số điện thoại không hợp lệ" in errors["applicant_phone"][0]
    assert "dữ liệu cá nhân" in errors["consent"][0]
    assert "không đúng định dạng" in errors[f"file_{component.pk}"][0]
    assert not Application.objects.exists()


def test_post_unknown_procedure(client, db):
    response = client.post("/api/v1/applications", {"procedure": "nope"})
    assert response.status_code == 400
    assert "procedure" in response.json()["errors"]


def test_post_same_token_twice_one_dossier(client, procedure):
    token = str(uuid.uuid4())
    first = client.post("/api/v1/applications", valid_data(procedure, procedure=procedure.code, form_token=token))
    payload = valid_data(procedure, procedure=procedure.code, form_token=token)
    payload[f"file_{procedure.components.first().pk}"] = SimpleUploadedFile("b.pdf", PDF_BYTES)
    second = client.post("/api/v1/applications", payload)
    assert first.json()["code"] == second.json()["code"]
    assert Application.objects.count() == 1


def test_api_rate_limit_429(client, procedure, settings):
    settings.PORTAL_RATE_LIMITS = "1/600"
    client.post("/api/v1/applications", valid_data(procedure, procedure=procedure.code))
    response = client.post("/api/v1/applications", valid_data(procedure, procedure=procedure.code))
    assert response.status_code == 429
    assert "quá nhiều lần" in response.json()["message"]
    assert response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0


def test_openapi_schema_lists_services_paths(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
        "/api/v1/applications",
        "/api/v1/applications/lookup",
    ):
        assert path in schema["paths"]
    post = schema["paths"]["/api/v1/applications"]["post"]
    assert "multipart/form-data" in post["requestBody"]["content"]
    assert {"201", "400", "409", "429", "500", "503"} <= set(post["responses"])
    assert post["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    assert schema["paths"]["/api/v1/applications/{code}"]["get"]["deprecated"] is True


def test_post_application_attachments_by_field_name(client, procedure):
    """The published way for generated clients: files in `attachments`, their component field
    names in `attachment_fields`, in the same order."""
    field = f"file_{procedure.components.first().pk}"
    payload = valid_data(procedure, procedure=procedure.code)
    payload.pop(field)
    payload["attachments"] = [SimpleUploadedFile("giấy tờ.pdf", PDF_BYTES)]
    payload["attachment_fields"] = [field]
    response = client.post("/api/v1/applications", payload)
    assert response.status_code == 201, response.content
    assert Application.objects.get(code=response.json()["code"]).files.count() == 1

    for fields, errors in (
        ([], "attachment_fields"),
        ([field, field], "attachment_fields"),
        (["file_0"], "attachment_fields"),
    ):
        bad = valid_data(procedure, procedure=procedure.code)
        bad.pop(field)
        bad["attachments"] = [SimpleUploadedFile("a.pdf", PDF_BYTES)]
        bad["attachment_fields"] = fields
        answer = client.post("/api/v1/applications", bad)
        assert answer.status_code == 400, fields
        assert answer.json()["code"] == "invalid" and errors in answer.json()["errors"]
    twice = valid_data(procedure, procedure=procedure.code)
    twice["attachments"] = [SimpleUploadedFile("a.pdf", PDF_BYTES)]
    twice["attachment_fields"] = [field]
    answer = client.post("/api/v1/applications", twice)
    assert answer.status_code == 400 and "hai lần" in answer.json()["errors"][field][0]
    assert Application.objects.count() == 1


def test_openapi_application_body_is_generator_friendly(client, db):
    body = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/applications"]["post"]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["attachments"]["items"] == {"type": "string", "format": "binary"}
    assert schema["properties"]["attachment_fields"]["items"]["type"] == "string"
    assert schema["additionalProperties"]["type"] == "string" and "anyOf" not in schema["additionalProperties"]
